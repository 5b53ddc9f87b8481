import type { CallNotice, CallReport, CallSummary } from '../../../shared/calls';
import type { AppStatusView, CallDetails, RingtrayApi, SettingsView } from '../../../shared/ipc/api';
import type { ProviderDescriptor } from '../../../shared/providers';
import type { matchesRecentCallsSearch } from '../../../shared/recent-calls-search';

// The TEST PRELOAD BRIDGE: what electron/preload.ts exposes as `window.ringtray`, faked with a
// scripted session, for the browser tests. `installTestBridge` is serialized with toString() and
// run by page.addInitScript before the app's own scripts, so it must be self-contained: no
// imports (types only), no closures over this module. The app's own search rule is passed in,
// serialized the same way, so the fake lists exactly the calls main would.

export interface BridgeConfig {
  status: AppStatusView;
  historyCount: number;
  /** The id of the scripted live call (ringing → answered → ended → report). */
  liveCallId: string;
  /** Returned by updateSettings instead of saving, to show server-side field errors. */
  settingsFieldErrors: Record<string, string> | null;
  /** Return the whole history as one page (to time a 10,000-row first render). */
  onePage: boolean;
  /** ISO time the generated history counts back from. */
  now: string;
  /** What getSettings answers at first: the app's defaults plus a configured client (browser-session.ts). */
  settings: SettingsView;
  /** What main would send as providers:list (the registry's real descriptors, passed in by the test). */
  providers: ProviderDescriptor[];
  /** Overrides settings.activeProvider; null: a first run that has not chosen yet. */
  activeProvider: string | null;
}

export interface BridgeControl {
  /** Plays the next step of the live call; returns its name. */
  next(): string;
  /** Pushes a missed call from Omar Haddad (call id missed-1). */
  missedCall(): void;
  pushStatus(status: AppStatusView): void;
  /** Every API method called, in order. */
  calls: string[];
  cspViolations: string[];
}

export type BridgeGlobal = { __script: BridgeControl; ringtray: RingtrayApi };

export function installTestBridge(config: BridgeConfig, matches: typeof matchesRecentCallsSearch): void {
  const g = globalThis as unknown as BridgeGlobal & { addEventListener(type: string, fn: (e: { violatedDirective: string; blockedURI: string }) => void): void };
  const calls: string[] = [];
  const cspViolations: string[] = [];
  g.addEventListener('securitypolicyviolation', (e) => cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));

  const listeners = {
    status: new Set<(s: AppStatusView) => void>(),
    notice: new Set<(n: CallNotice) => void>(),
    settings: new Set<(v: SettingsView) => void>(),
  };
  // Every answer comes in a later task, as an IPC answer does. A few milliseconds, not tens:
  // Electron answers in well under one, and a longer made-up wait is paid on every page of calls.
  const later = <T>(value: T, ms = 3): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));
  const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  // ---- history: deterministic, realistic-looking rows ----
  const FIRST = ['Jane', 'Omar', 'Lena', 'Carlos', 'Mia', 'Noah', 'Aiko', 'Priya', 'Tom', 'Sara'];
  const LAST = ['Doe', 'Haddad', 'Fischer', 'Ruiz', 'Novak', 'Brown', 'Tanaka', 'Patel', 'Meyer', 'Olsen'];
  const LINES = [
    { id: 'line-1', name: 'Sales', number: '+12125550100', extension: '1001', lineId: 'line-1' },
    { id: 'line-2', name: 'Support', number: '+12125550200', extension: '1002' },
  ];
  const base = Date.parse(config.now);
  const history: CallSummary[] = [];
  for (let i = 0; i < config.historyCount; i++) {
    const started = base - (i + 1) * 7 * 60_000;
    const outcome: CallSummary['outcome'] = i % 7 === 1 ? 'missed' : i % 11 === 5 ? 'voicemail' : 'answered';
    history.push({
      provider: 'goto',
      callId: `hist-${i}`,
      direction: i % 4 === 3 ? 'outbound' : 'inbound',
      caller: { name: i % 13 === 4 ? null : `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}`, number: `+1555${String(i).padStart(7, '0')}` },
      line: LINES[i % 2] ?? null,
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(started + 95_000).toISOString(),
      outcome,
    });
  }

  // ---- the scripted live call ----
  const liveCaller = { name: 'Jane Doe', number: '+12125550123' };
  const liveLine = LINES[0] ?? null;
  const at = (offsetSeconds: number) => new Date(base + offsetSeconds * 1_000).toISOString();
  const liveReport: CallReport = {
    provider: 'goto',
    callId: config.liveCallId,
    direction: 'inbound',
    startedAt: at(0),
    answeredAt: at(6),
    endedAt: at(131),
    durationSeconds: 125,
    outcome: 'answered',
    outcomeDetail: 'NORMAL_CLEARING',
    caller: liveCaller,
    participants: [
      { id: 'p1', kind: 'external', name: 'Jane Doe', number: '+12125550123', extension: null, lineId: null },
      { id: 'p2', kind: 'line', name: 'Sales', number: '+12125550100', extension: '1001', lineId: 'line-1' },
    ],
    timeline: [
      { type: 'RINGING', at: at(0) },
      { type: 'CONNECTED', at: at(6) },
      { type: 'ON_HOLD', at: at(40) },
      { type: 'CONNECTED', at: at(58) },
      { type: 'HUNG_UP', at: at(131) },
    ],
    ai: {
      summary: 'Jane wants her order #4821 delivered on Friday instead of Wednesday and asked for an SMS confirmation.',
      topics: ['Delivery date', 'Order #4821', 'SMS confirmation'],
    },
  };
  const liveSummary: CallSummary = {
    provider: 'goto',
    callId: config.liveCallId,
    direction: 'inbound',
    caller: liveCaller,
    line: liveLine,
    startedAt: at(0),
    endedAt: null,
    outcome: 'ringing',
  };
  const liveDetails: CallDetails = { callId: config.liveCallId, summary: liveSummary, report: { state: 'pending' }, crmUrl: 'https://crm.example.com/search?phone=%2B12125550123' };
  const missedDetails: CallDetails = {
    callId: 'missed-1',
    summary: { ...liveSummary, callId: 'missed-1', caller: { name: 'Omar Haddad', number: '+12125550188' }, outcome: 'missed', endedAt: at(20) },
    report: { state: 'error', message: 'GoTo could not build the report for this call.' },
    crmUrl: null,
  };

  const notice = (type: CallNotice['type'], extra: Partial<CallNotice> = {}): CallNotice => ({
    type,
    provider: 'goto',
    callId: config.liveCallId,
    direction: 'inbound',
    caller: liveCaller,
    line: liveLine,
    at: new Date().toISOString(),
    ...extra,
  });
  const emit = (n: CallNotice) => listeners.notice.forEach((l) => l(n));
  const steps: [string, () => void][] = [
    ['answered', () => {
      liveSummary.outcome = 'in-progress';
      emit(notice('answered'));
    }],
    ['ended', () => {
      liveSummary.outcome = 'answered';
      liveSummary.endedAt = new Date().toISOString();
      emit(notice('ended'));
    }],
    ['report', () => {
      liveDetails.report = { state: 'ready', report: liveReport };
      emit(notice('report', { report: liveReport }));
    }],
  ];
  let step = 0;

  let status = config.status;
  const pushStatus = (next: AppStatusView) => {
    status = next;
    listeners.status.forEach((l) => l(next));
  };
  let settings: SettingsView = clone(config.settings);
  settings.settings.activeProvider = config.activeProvider;

  const logged = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => (...args: A): R => {
    calls.push(name);
    return fn(...args);
  };

  const api: RingtrayApi = {
    getVersion: logged('getVersion', () => later({ name: 'ringtray', version: '0.1.0', electron: null, platform: 'linux' })),
    getStatus: logged('getStatus', () => later(status, 1)),
    listRecentCalls: logged('listRecentCalls', (query = {}) => {
      const matching = history.filter((c) => matches(c, { filter: query.filter ?? 'all', search: query.search ?? '' }));
      const start = Number(query.cursor ?? 0);
      const size = config.onePage ? matching.length : Math.min(query.limit ?? 100, 500);
      const end = start + size;
      return later({ items: matching.slice(start, end), nextCursor: end < matching.length ? String(end) : null, warning: null });
    }),
    getCallDetails: logged('getCallDetails', (callId: string) => {
      if (callId === config.liveCallId) return later(clone(liveDetails));
      if (callId === 'missed-1') return later(clone(missedDetails));
      return Promise.reject(new Error(`Ringtray does not know the call ${callId}.`));
    }),
    openCallReport: logged('openCallReport', () => later(undefined)),
    getSettings: logged('getSettings', () => later(clone(settings))),
    updateSettings: logged('updateSettings', (patch) => {
      if (config.settingsFieldErrors) return later({ ok: false as const, fieldErrors: config.settingsFieldErrors });
      settings = { ...settings, settings: { ...settings.settings, ...clone(patch) } as SettingsView['settings'] };
      listeners.settings.forEach((l) => l(clone(settings)));
      return later({ ok: true as const, view: clone(settings) });
    }),
    setClientSecret: logged('setClientSecret', () => {
      settings = { ...settings, hasClientSecret: true };
      return later({ storedIn: 'keychain' as const, message: null });
    }),
    removeClientSecret: logged('removeClientSecret', () => {
      settings = { ...settings, hasClientSecret: false };
      listeners.settings.forEach((l) => l(clone(settings)));
      return later(undefined);
    }),
    listLines: logged('listLines', () => later({ lines: LINES, mine: ['line-1'] })),
    detectAccountKey: logged('detectAccountKey', () => later({ accountKey: '4141234567890', message: 'Found one account: 4141234567890.' })),
    signIn: logged('signIn', () => {
      pushStatus({ state: 'signing-in', message: 'Waiting for you to finish signing in in the browser…', at: new Date().toISOString() });
      return later(undefined);
    }),
    cancelSignIn: logged('cancelSignIn', () => {
      pushStatus({ state: 'signed-out', message: 'Sign-in was cancelled.', at: new Date().toISOString() });
      return later(undefined);
    }),
    signOut: logged('signOut', () => later(undefined)),
    retryConnection: logged('retryConnection', () => later(undefined)),
    listProviders: logged('listProviders', () => later({ providers: clone(config.providers) })),
    startDemo: logged('startDemo', () => {
      setTimeout(() => pushStatus({ state: 'live', message: null, at: new Date().toISOString(), demo: true }), 100);
      return later(undefined);
    }),
    openCrm: logged('openCrm', () => later({ opened: true, reason: null })),
    copyText: logged('copyText', () => later(undefined)),
    answerProxySignIn: logged('answerProxySignIn', () => later(undefined)),
    onStatusChanged: (l) => {
      listeners.status.add(l);
      return () => listeners.status.delete(l);
    },
    onCallNotice: (l) => {
      listeners.notice.add(l);
      return () => listeners.notice.delete(l);
    },
    onSettingsChanged: (l) => {
      listeners.settings.add(l);
      return () => listeners.settings.delete(l);
    },
  };

  g.ringtray = Object.freeze(api);
  g.__script = {
    next: () => {
      const current = steps[step++];
      if (!current) return 'done';
      current[1]();
      return current[0];
    },
    missedCall: () => emit({ ...notice('missed'), callId: 'missed-1', caller: { name: 'Omar Haddad', number: '+12125550188' } }),
    pushStatus,
    calls,
    cspViolations,
  };
}
