import { vi } from 'vitest';
import type { CallNotice, CallSummary } from '../../../shared/calls';
import type { AppStatusView, CallDetails, RingtrayApi, SettingsView } from '../../../shared/ipc/api';
import { matchesRecentCallsSearch } from '../../../shared/recent-calls-search';
import { PROVIDERS, providerDescriptors } from '../../../electron/engine/providers/registry';
import { settingsView, status } from '../../support/call-fixtures';

/**
 * An in-memory RingtrayApi for component tests: every method is a vi.fn with a sensible default,
 * state lives in plain fields a test can change, and `emit*` plays main's pushes.
 */
export function createFakeApi() {
  const statusListeners = new Set<(s: AppStatusView) => void>();
  const noticeListeners = new Set<(n: CallNotice) => void>();
  const settingsListeners = new Set<(v: SettingsView) => void>();

  const state = {
    status: status('live'),
    history: [] as CallSummary[],
    /** Largest page the fake returns, whatever limit is asked (to exercise paging). */
    pageSize: 500,
    warning: null as string | null,
    details: new Map<string, CallDetails>(),
    settings: settingsView(),
    providers: providerDescriptors(new Set(PROVIDERS.map((p) => p.id))),
  };

  const api = {
    getVersion: vi.fn<RingtrayApi['getVersion']>(async () => ({ name: 'ringtray', version: '0.1.0', electron: null, platform: 'linux' })),
    getStatus: vi.fn<RingtrayApi['getStatus']>(async () => state.status),
    listRecentCalls: vi.fn<RingtrayApi['listRecentCalls']>(async (query = {}) => {
      const matching = state.history.filter((item) => matchesRecentCallsSearch(item, { filter: query.filter ?? 'all', search: query.search ?? '' }));
      const start = Number(query.cursor ?? 0);
      const size = Math.min(query.limit ?? 100, state.pageSize);
      const items = matching.slice(start, start + size);
      const next = start + size < matching.length ? String(start + size) : null;
      return { items, nextCursor: next, warning: state.warning };
    }),
    getCallDetails: vi.fn<RingtrayApi['getCallDetails']>(async (callId) => {
      const found = state.details.get(callId);
      if (!found) throw new Error(`No call ${callId} is known.`);
      return structuredClone(found);
    }),
    openCallReport: vi.fn<RingtrayApi['openCallReport']>(async () => undefined),
    getSettings: vi.fn<RingtrayApi['getSettings']>(async () => structuredClone(state.settings)),
    updateSettings: vi.fn<RingtrayApi['updateSettings']>(async (patch) => {
      state.settings = { ...state.settings, settings: { ...state.settings.settings, ...patch } as SettingsView['settings'] };
      return { ok: true, view: structuredClone(state.settings) };
    }),
    setClientSecret: vi.fn<RingtrayApi['setClientSecret']>(async () => {
      state.settings = { ...state.settings, hasClientSecret: true };
      return { storedIn: 'keychain', message: null };
    }),
    removeClientSecret: vi.fn<RingtrayApi['removeClientSecret']>(async () => {
      state.settings = { ...state.settings, hasClientSecret: false };
    }),
    listLines: vi.fn<RingtrayApi['listLines']>(async () => ({
      lines: [
        { id: 'line-1', name: 'Sales', number: '+15550001000', extension: '1001' },
        { id: 'line-2', name: 'Support', number: '+15550002000', extension: '1002' },
      ],
      mine: ['line-1'],
    })),
    detectAccountKey: vi.fn<RingtrayApi['detectAccountKey']>(async () => ({ accountKey: '4141234567890', message: null })),
    signIn: vi.fn<RingtrayApi['signIn']>(async () => undefined),
    cancelSignIn: vi.fn<RingtrayApi['cancelSignIn']>(async () => undefined),
    retryConnection: vi.fn<RingtrayApi['retryConnection']>(async () => undefined),
    signOut: vi.fn<RingtrayApi['signOut']>(async () => undefined),
    startDemo: vi.fn<RingtrayApi['startDemo']>(async () => undefined),
    // The real descriptors main sends: the renderer must draw whatever the registry holds.
    listProviders: vi.fn<RingtrayApi['listProviders']>(async () => ({ providers: structuredClone(state.providers) })),
    openCrm: vi.fn<RingtrayApi['openCrm']>(async () => ({ opened: true, reason: null })),
    copyText: vi.fn<RingtrayApi['copyText']>(async () => undefined),
    answerProxySignIn: vi.fn<RingtrayApi['answerProxySignIn']>(async () => undefined),
    onStatusChanged: vi.fn<RingtrayApi['onStatusChanged']>((listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    }),
    onCallNotice: vi.fn<RingtrayApi['onCallNotice']>((listener) => {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    }),
    onSettingsChanged: vi.fn<RingtrayApi['onSettingsChanged']>((listener) => {
      settingsListeners.add(listener);
      return () => settingsListeners.delete(listener);
    }),
  } satisfies RingtrayApi;

  return {
    api,
    state,
    emitStatus(next: AppStatusView) {
      state.status = next;
      for (const listener of statusListeners) listener(next);
    },
    emitNotice(next: CallNotice) {
      for (const listener of noticeListeners) listener(next);
    },
    emitSettings(next: SettingsView) {
      state.settings = next;
      for (const listener of settingsListeners) listener(next);
    },
  };
}

export type FakeApi = ReturnType<typeof createFakeApi>;
