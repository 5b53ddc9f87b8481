import type { CallEvent, CallNotice, CallNoticeType, CallReport, CallSummary, LegStatus, LineLeg, LineRef, Party } from '../../shared/calls';
import type { AppStatusView, CallDetails, SettingsView } from '../../shared/ipc/api';
import { DEFAULT_SETTINGS } from '../../shared/settings';

// The one set of builders for calls in tests: the events a provider's mapper produces (what the
// tracker reads) and the notices, summaries and reports the engine and main send on. Each test
// states only what it is about.

const SALES_LINE: LineRef = { id: 'line-1', name: 'Sales', number: '+15550001000', extension: '1001' };

export function summary(index: number, overrides: Partial<CallSummary> = {}): CallSummary {
  return {
    provider: 'goto',
    callId: `call-${index}`,
    direction: index % 3 === 2 ? 'outbound' : 'inbound',
    caller: { name: `Caller ${index}`, number: `+1555${String(index).padStart(7, '0')}` },
    line: SALES_LINE,
    startedAt: new Date(Date.UTC(2025, 2, 3, 15, 0, 0) - index * 60_000).toISOString(),
    endedAt: null,
    outcome: index % 5 === 0 ? 'missed' : 'answered',
    ...overrides,
  };
}

export function report(callId: string, overrides: Partial<CallReport> = {}): CallReport {
  return {
    provider: 'goto',
    callId,
    direction: 'inbound',
    startedAt: '2025-03-03T15:00:00.000Z',
    answeredAt: '2025-03-03T15:00:08.000Z',
    endedAt: '2025-03-03T15:02:13.000Z',
    durationSeconds: 125,
    outcome: 'answered',
    outcomeDetail: 'NORMAL',
    caller: { name: 'Jane Doe', number: '+15551234567' },
    participants: [
      { id: 'p1', kind: 'external', name: 'Jane Doe', number: '+15551234567', extension: null, lineId: null },
      { id: 'p2', kind: 'line', name: 'Sales', number: null, extension: '1001', lineId: 'line-1' },
    ],
    timeline: [
      { type: 'RINGING', at: '2025-03-03T15:00:00.000Z' },
      { type: 'CONNECTED', at: '2025-03-03T15:00:08.000Z' },
      { type: 'HUNG_UP', at: '2025-03-03T15:02:13.000Z' },
    ],
    ai: { summary: 'Jane asked to move her delivery to Friday.', topics: ['Delivery', 'Scheduling'] },
    ...overrides,
  };
}

export function notice(type: CallNoticeType, callId: string, overrides: Partial<CallNotice> = {}): CallNotice {
  return {
    type,
    provider: 'goto',
    callId,
    direction: 'inbound',
    caller: { name: 'Jane Doe', number: '+15551234567' },
    line: SALES_LINE,
    at: new Date().toISOString(),
    ...overrides,
  };
}

export function details(callId: string, reportState: CallDetails['report'], overrides: Partial<CallDetails> = {}): CallDetails {
  return {
    callId,
    summary: summary(1, { callId, caller: { name: 'Jane Doe', number: '+15551234567' }, outcome: 'ringing' }),
    report: reportState,
    crmUrl: null,
    ...overrides,
  };
}

export function status(state: AppStatusView['state'], overrides: Partial<AppStatusView> = {}): AppStatusView {
  return { state, message: null, at: new Date().toISOString(), ...overrides };
}

export function settingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    // As main sends it: GoTo chosen, its fields filled with their defaults.
    settings: { ...structuredClone(DEFAULT_SETTINGS), activeProvider: 'goto', providers: { goto: { clientId: '', redirectUri: 'http://127.0.0.1:12021/app/redirect', accountKey: '' } } },
    hasClientSecret: false,
    secretStorage: 'keychain',
    secretStorageMessage: null,
    credential: 'oauth',
    ...overrides,
  };
}

// ---- normalized call events, shaped like what the GoTo mapper produces ----

export const ADA: Party = { name: 'Ada Lovelace', number: '+15551230001' };

export const leg = (lineId: string, status: LegStatus, name: string | null = null): LineLeg => ({
  line: { id: lineId, name, number: null, extension: null },
  status,
});

export function ev(callId: string, over: Partial<CallEvent> = {}): CallEvent {
  return {
    provider: 'goto',
    callId,
    direction: 'inbound',
    sequence: null,
    at: '2025-03-01T10:00:00.000Z',
    caller: ADA,
    legs: [],
    ended: false,
    origin: 'live',
    ...over,
  };
}

/** STARTING (ringing on `line`), ACTIVE (connected), ENDING (no participants) — like GoTo. */
export const ringing = (callId: string, line = 'L1', seq = 1) => ev(callId, { sequence: seq, legs: [leg(line, 'ringing')] });
export const connected = (callId: string, line = 'L1', seq = 2) => ev(callId, { sequence: seq, legs: [leg(line, 'connected')] });
export const ending = (callId: string, seq = 3) => ev(callId, { sequence: seq, ended: true, caller: null, legs: [] });
