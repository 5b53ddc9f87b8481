// The sandbox's calls, in Dialpad's shape (docs/providers/dialpad.md, "Call events"): each leg is
// a call object with its own call_id; legs of one queue (call center) call share
// master_call_id/entry_point_call_id. Every state change is handed to `onEvent` (the socket hub
// fans it out to subscribed websockets); concluded legs are kept for GET /api/v2/call, which —
// like Dialpad's — never lists a call still in progress.

import { randomInt } from 'node:crypto';

export type DialpadCallState = 'calling' | 'ringing' | 'connected' | 'hold' | 'hangup' | 'missed' | 'voicemail' | 'queued';

export interface DialpadParty {
  id: string;
  name: string;
  phone: string;
  type: string;
}

export interface DialpadCall {
  call_id: string;
  master_call_id: string | null;
  entry_point_call_id: string | null;
  state: DialpadCallState;
  direction: 'inbound' | 'outbound';
  contact: DialpadParty;
  target: DialpadParty & { office_id: string };
  external_number: string;
  internal_number: string;
  date_started: number;
  date_rang: number | null;
  date_connected: number | null;
  date_ended: number | null;
  duration: number | null;
  is_transferred: boolean;
  was_recorded: boolean;
  recording_details: { id: string; duration: number; start_time: number }[];
}

export interface RingOptions {
  caller?: { name?: string; phone?: string };
  direction?: 'inbound' | 'outbound';
  /** Adds this leg to a queue call (shares its master/entry-point id). */
  masterCallId?: string;
  /** Who is rung: the signed-in user (default) or the call center the queue belongs to. */
  target?: 'user' | 'callcenter' | 'colleague';
}

export interface CallBook {
  ring(options?: RingOptions): string;
  answer(callId: string): void;
  hold(callId: string): void;
  /** Ends the leg: `hangup` (answered or not: date_connected tells), after `missed`/`voicemail` when given. */
  end(callId: string, how?: 'hangup' | 'missed' | 'voicemail'): void;
  /** A new queue (master) call id; its legs are added with ring({masterCallId}). */
  newQueueCall(caller?: RingOptions['caller']): string;
  get(callId: string): DialpadCall | undefined;
  /** Concluded legs, most recent first (Dialpad's call list order). */
  concluded(): DialpadCall[];
  active(): DialpadCall[];
  clear(): void;
}

export interface CallBookOptions {
  user: DialpadParty;
  officeId: string;
  onEvent: (call: DialpadCall) => void;
  retain?: number;
  now?: () => number;
}

const CALL_CENTER: DialpadParty = { id: '5100000000000001', name: 'Support queue', phone: '+12125550100', type: 'callcenter' };
const COLLEAGUE: DialpadParty = { id: '5200000000000002', name: 'Sam Colleague', phone: '+12125550102', type: 'user' };
const CALLERS = [
  { name: 'Alex Caller', phone: '+14155550123' },
  { name: 'Blake Customer', phone: '+13125550188' },
  { name: 'Casey Client', phone: '+16175550142' },
];

export function createCallBook(options: CallBookOptions): CallBook {
  const now = options.now ?? Date.now;
  const retain = options.retain ?? 5000;
  const live = new Map<string, DialpadCall>();
  const done: DialpadCall[] = [];
  const masters = new Map<string, RingOptions['caller']>();
  let seq = 0;
  // Dialpad ids are large integers (below 2^53 here, so a client reading them as numbers is fine too).
  const base = 6_000_000_000_000_000 + randomInt(1_000_000_000) * 1000;
  const nextId = (): string => String(base + ++seq);

  const emit = (call: DialpadCall): void => options.onEvent(structuredClone(call));
  const must = (callId: string): DialpadCall => {
    const call = live.get(callId);
    if (!call) throw new Error(`No live sandbox call ${callId}`);
    return call;
  };

  return {
    ring(o = {}) {
      const caller = o.caller ?? (o.masterCallId ? masters.get(o.masterCallId) : undefined) ?? CALLERS[seq % CALLERS.length];
      const target = o.target === 'callcenter' ? CALL_CENTER : o.target === 'colleague' ? COLLEAGUE : options.user;
      const callId = nextId();
      const t = now();
      const call: DialpadCall = {
        call_id: callId,
        master_call_id: o.masterCallId ?? null,
        entry_point_call_id: o.masterCallId ?? null,
        state: 'ringing',
        direction: o.direction ?? 'inbound',
        contact: { id: `contact-${caller?.phone ?? 'unknown'}`, name: caller?.name ?? '', phone: caller?.phone ?? '', type: 'contact' },
        target: { ...target, office_id: options.officeId },
        external_number: caller?.phone ?? '',
        internal_number: target.phone,
        date_started: t,
        date_rang: t,
        date_connected: null,
        date_ended: null,
        duration: null,
        is_transferred: false,
        was_recorded: false,
        recording_details: [],
      };
      live.set(callId, call);
      emit(call);
      return callId;
    },
    answer(callId) {
      const call = must(callId);
      call.state = 'connected';
      call.date_connected ??= now();
      emit(call);
    },
    hold(callId) {
      const call = must(callId);
      call.state = 'hold';
      emit(call);
    },
    end(callId, how = 'hangup') {
      const call = must(callId);
      if (how !== 'hangup') {
        call.state = how;
        emit(call);
      }
      call.state = 'hangup';
      call.date_ended = now();
      call.duration = call.date_connected ? call.date_ended - call.date_connected : 0;
      if (call.date_connected) {
        call.was_recorded = true;
        call.recording_details = [{ id: `rec-${callId}`, duration: call.duration, start_time: call.date_connected }];
      }
      live.delete(callId);
      done.unshift(structuredClone(call));
      if (done.length > retain) done.length = retain;
      emit(call);
    },
    newQueueCall(caller) {
      const id = nextId();
      masters.set(id, caller ?? CALLERS[seq % CALLERS.length]);
      return id;
    },
    get: (callId) => live.get(callId) ?? done.find((c) => c.call_id === callId),
    concluded: () => done,
    active: () => [...live.values()],
    clear() {
      live.clear();
      done.length = 0;
      masters.clear();
    },
  };
}
