// The sandbox's calls as RingCentral telephony sessions (docs/providers/ringcentral.md, "Telephony
// sessions"): each call is one telephonySessionId with one party on the extension it rings; every
// status change publishes a session body with a per-session `sequence`. Ended calls appear in the
// call log only after `callLogDelayMs`, as RingCentral's records do.
import { randomBytes } from 'node:crypto';
import { RC_ACCOUNT_ID, RC_MAIN_NUMBER, type RcExtension, type RcPerson } from './rc-fixtures';

export type RcPartyStatus = 'Setup' | 'Proceeding' | 'Answered' | 'Hold' | 'VoiceMail' | 'Disconnected' | 'Gone';
export type RcOrigin = 'Call' | 'RingOut' | 'RingMe';

export interface RcCall {
  telephonySessionId: string;
  sessionId: string;
  partyId: string;
  extension: RcExtension;
  caller: RcPerson;
  /** Sent as `from.name`; RingCentral often leaves it out. */
  callerNameKnown: boolean;
  origin: RcOrigin;
  status: RcPartyStatus;
  missedCall: boolean;
  sequence: number;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  recorded: boolean;
}

export interface RingOptions {
  extensionId?: string;
  caller?: RcPerson;
  /** Default true; false sends no `from.name` (filled in on a later event when `nameLater`). */
  callerName?: boolean;
  nameLater?: boolean;
  origin?: RcOrigin;
  /** Start with `Setup` before `Proceeding` (RC-to-RC routing); default false. */
  setup?: boolean;
}

export interface RcCallBook {
  ring(options?: RingOptions): RcCall;
  answer(id: string): RcCall;
  /** Disconnected: a missed call when it was never answered. */
  hangUp(id: string): RcCall;
  voicemail(id: string): RcCall;
  /** Gone: transferred away. */
  transfer(id: string): RcCall;
  get(id: string): RcCall | undefined;
  active(): RcCall[];
  /** Ended calls whose call-log record is visible now. */
  logged(now?: number): RcCall[];
  setCallLogDelay(ms: number): void;
  /** The current session body of a call (GET telephony/sessions/{id}). */
  body(call: RcCall): Record<string, unknown>;
  clear(): void;
}

export interface CallBookDeps {
  extensions: readonly RcExtension[];
  owner: RcExtension;
  defaultCaller: () => RcPerson;
  /** Every status change, with the extension whose party changed. */
  publish(call: RcCall, body: Record<string, unknown>): void;
  callLogDelayMs: number;
  retain: number;
  now?: () => number;
}

export function createRcCallBook(deps: CallBookDeps): RcCallBook {
  const now = deps.now ?? Date.now;
  const calls = new Map<string, RcCall>();
  let logDelay = deps.callLogDelayMs;

  const body = (call: RcCall): Record<string, unknown> => {
    const from: Record<string, unknown> = { phoneNumber: call.caller.number };
    if (call.callerNameKnown) from.name = call.caller.name;
    const status: Record<string, unknown> = { code: call.status, rcc: false };
    if (call.status === 'Disconnected') status.reason = call.missedCall ? 'CallerInputRedirect' : 'Pickup';
    return {
      sequence: call.sequence,
      sessionId: call.sessionId,
      telephonySessionId: call.telephonySessionId,
      serverId: '10.13.22.253.TAM',
      eventTime: new Date(now()).toISOString(),
      origin: { type: call.origin },
      parties: [
        {
          accountId: RC_ACCOUNT_ID,
          extensionId: call.extension.id,
          id: call.partyId,
          direction: 'Inbound',
          to: { phoneNumber: RC_MAIN_NUMBER, name: call.extension.name, extensionId: call.extension.id },
          from,
          status,
          missedCall: call.missedCall,
          standAlone: false,
          muted: false,
        },
      ],
    };
  };

  const emit = (call: RcCall): void => {
    call.sequence += 1;
    deps.publish(call, body(call));
  };

  const find = (id: string): RcCall => {
    const call = calls.get(id);
    if (!call) throw new Error(`No call ${id}.`);
    return call;
  };

  const change = (id: string, status: RcPartyStatus, update?: (call: RcCall) => void): RcCall => {
    const call = find(id);
    if (call.endedAt !== null) throw new Error(`Call ${id} has already ended.`);
    call.status = status;
    update?.(call);
    emit(call);
    return call;
  };

  const end = (id: string, status: 'Disconnected' | 'VoiceMail' | 'Gone'): RcCall =>
    change(id, status, (call) => {
      call.endedAt = now();
      call.missedCall = status === 'Disconnected' && call.answeredAt === null;
      trim();
    });

  const trim = (): void => {
    if (calls.size <= deps.retain) return;
    for (const [id, call] of calls) {
      if (calls.size <= deps.retain) break;
      if (call.endedAt !== null) calls.delete(id);
    }
  };

  return {
    ring(options = {}) {
      const extension = deps.extensions.find((e) => e.id === (options.extensionId ?? deps.owner.id));
      if (!extension) throw new Error(`No extension ${options.extensionId}.`);
      const call: RcCall = {
        telephonySessionId: `s-${randomBytes(10).toString('hex')}`,
        sessionId: String(40_000_000_000 + Math.floor(Math.random() * 1e9)),
        partyId: `p-${randomBytes(8).toString('hex')}`,
        extension,
        caller: options.caller ?? deps.defaultCaller(),
        callerNameKnown: options.callerName ?? true,
        origin: options.origin ?? 'Call',
        status: options.setup ? 'Setup' : 'Proceeding',
        missedCall: false,
        sequence: 0,
        startedAt: now(),
        answeredAt: null,
        endedAt: null,
        recorded: false,
      };
      calls.set(call.telephonySessionId, call);
      emit(call);
      if (options.setup) change(call.telephonySessionId, 'Proceeding');
      if (options.nameLater && !call.callerNameKnown) {
        call.callerNameKnown = true;
        emit(call);
      }
      return call;
    },
    answer: (id) =>
      change(id, 'Answered', (call) => {
        call.answeredAt = now();
        call.recorded = call.sequence % 2 === 0;
      }),
    hangUp: (id) => end(id, 'Disconnected'),
    voicemail: (id) => end(id, 'VoiceMail'),
    transfer: (id) => end(id, 'Gone'),
    get: (id) => calls.get(id),
    active: () => [...calls.values()].filter((c) => c.endedAt === null),
    logged: (at = now()) => [...calls.values()].filter((c) => c.endedAt !== null && c.endedAt + logDelay <= at),
    setCallLogDelay(ms) {
      if (!(ms >= 0)) throw new Error('setCallLogDelay: ms must be ≥ 0');
      logDelay = ms;
    },
    body,
    clear: () => calls.clear(),
  };
}

/** The call-log record RingCentral builds for an ended call (view=Detailed adds `legs`). */
export function callLogRecord(call: RcCall, detailed: boolean): Record<string, unknown> {
  const result = call.status === 'VoiceMail' ? 'Voicemail' : call.answeredAt !== null ? 'Accepted' : call.status === 'Gone' ? 'Accepted' : 'Missed';
  const end = call.endedAt ?? call.startedAt;
  const from: Record<string, unknown> = { phoneNumber: call.caller.number };
  if (call.callerNameKnown) from.name = call.caller.name;
  const record: Record<string, unknown> = {
    id: `L${call.sessionId}`,
    sessionId: call.sessionId,
    telephonySessionId: call.telephonySessionId,
    startTime: new Date(call.startedAt).toISOString(),
    duration: Math.round((end - call.startedAt) / 1000),
    type: 'Voice',
    direction: 'Inbound',
    action: 'Phone Call',
    result,
    reason: result === 'Missed' ? 'Missed' : result === 'Voicemail' ? 'Voicemail' : 'Accepted',
    from,
    to: { phoneNumber: RC_MAIN_NUMBER, extensionNumber: call.extension.extensionNumber, name: call.extension.name },
    extension: { id: Number(call.extension.id) },
  };
  if (call.recorded) record.recording = { id: `R${call.sessionId}`, type: 'OnDemand', contentUri: `/restapi/v1.0/account/~/recording/R${call.sessionId}/content` };
  if (detailed) {
    record.legs = [
      { startTime: record.startTime, duration: record.duration, type: 'Voice', direction: 'Inbound', action: 'Phone Call', result, legType: 'Accept', from, to: record.to, extension: record.extension },
    ];
  }
  return record;
}

/** The active-calls record of a call still in progress. */
export function activeCallRecord(call: RcCall): Record<string, unknown> {
  return {
    id: `A${call.sessionId}`,
    sessionId: call.sessionId,
    telephonySessionId: call.telephonySessionId,
    startTime: new Date(call.startedAt).toISOString(),
    type: 'Voice',
    direction: 'Inbound',
    action: 'Phone Call',
    result: 'In Progress',
    from: { phoneNumber: call.caller.number, ...(call.callerNameKnown ? { name: call.caller.name } : {}) },
    to: { phoneNumber: RC_MAIN_NUMBER, name: call.extension.name },
    extension: { id: Number(call.extension.id) },
  };
}
