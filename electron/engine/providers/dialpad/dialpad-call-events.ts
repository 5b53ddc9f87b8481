// Dialpad call legs → normalized CallEvents (docs/providers/dialpad.md, "Call event payload"):
//
//   ringing, inbound, target is the signed-in user → the user's line RINGING (the ringing toast)
//   connected / hold                               → that line connected / held (answered)
//   missed / voicemail, or hangup without date_connected → the leg ends unanswered
//   hangup with date_connected                     → the leg ends answered
//
// A call is keyed by master_call_id || entry_point_call_id || call_id. A queue call rings the user
// on several legs that share the key: one leg ending does not end the call while another may
// follow, so the call ends when a leg that IS the key ends, or when no leg of it is open for
// `settleMs` after its last leg ended. The tracker downstream then gives one toast and one
// terminal notice per key.
import type { CallDirection, CallEvent, LegStatus, LineRef } from '../../../../shared/calls';
import { RecentIds } from '../../calls/recent-ids';
import { TimerSet, type TimerHandle } from '../../transport/timer-set';
import { callKey, TERMINAL_STATES } from './dialpad-frames';
import type { DialpadCall } from './dialpad-schemas';

interface OpenKey {
  openLegs: Set<string>;
  connected: boolean;
  last: DialpadCall;
  settle: TimerHandle | null;
}

export interface CallEventMapperOptions {
  userId: () => string | null;
  emit: (event: CallEvent) => void;
  settleMs: number;
  now?: () => number;
  maxOpen?: number;
}

export function lineOf(call: DialpadCall): LineRef {
  return { id: call.target.id ?? 'unknown', name: call.target.name, number: call.target.phone, extension: null };
}

export function directionOf(call: DialpadCall): CallDirection {
  return call.direction === 'inbound' || call.direction === 'outbound' ? call.direction : 'unknown';
}

function isoAt(ms: number | null, fallback: number): string {
  return new Date(ms ?? fallback).toISOString();
}

function toCallEvent(call: DialpadCall, status: LegStatus, ended: boolean, origin: CallEvent['origin'], now: number): CallEvent {
  return {
    provider: 'dialpad',
    callId: callKey(call),
    direction: directionOf(call),
    sequence: null,
    at: isoAt(call.date_ended ?? call.date_connected ?? call.date_rang ?? call.date_started, now),
    caller: { name: call.contact.name, number: call.contact.phone },
    legs: call.target.id ? [{ line: lineOf(call), status }] : [],
    ended,
    origin,
  };
}

export class CallEventMapper {
  private readonly timers = new TimerSet();
  private readonly open = new Map<string, OpenKey>();
  private readonly endedKeys = new RecentIds(20_000);
  private readonly now: () => number;

  constructor(private readonly options: CallEventMapperOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A live leg event. */
  apply(call: DialpadCall): void {
    const key = callKey(call);
    if (this.endedKeys.has(key)) return;
    let entry = this.open.get(key);
    if (!entry) {
      entry = { openLegs: new Set(), connected: false, last: call, settle: null };
      this.open.set(key, entry);
      this.evict();
    }
    this.timers.cancel(entry.settle);
    entry.settle = null;
    entry.last = call;
    const terminal = TERMINAL_STATES.has(call.state);
    const connected = call.state === 'connected' || call.state === 'hold' || (call.state === 'hangup' && call.date_connected !== null);
    if (connected) entry.connected = true;
    if (terminal) entry.openLegs.delete(call.call_id);
    else entry.openLegs.add(call.call_id);

    const mine = call.target.type === 'user' && call.target.id !== null && call.target.id === this.options.userId();
    let status: LegStatus = 'other';
    if (call.state === 'ringing') status = mine && call.direction === 'inbound' ? 'ringing' : 'other';
    else if (call.state === 'hold') status = 'held';
    else if (connected) status = 'connected';
    const now = this.now();
    if (!terminal) return this.options.emit(toCallEvent(call, status, false, 'live', now));
    if (call.call_id === key) return this.end(key, entry);
    // A leg of a queue call ended: the call goes on if another leg rings within settleMs.
    this.options.emit(toCallEvent(call, status, false, 'live', now));
    if (entry.openLegs.size === 0) entry.settle = this.timers.after(this.options.settleMs, () => this.end(key, entry));
  }

  /**
   * The call list says these legs concluded while we were not listening (backfill): the call gets
   * its ended event, unless it already ended here or another leg of it is still open (a queue
   * call whose next leg rings now ends live).
   */
  endFromHistory(key: string, legs: DialpadCall[]): boolean {
    if (this.endedKeys.has(key)) return false;
    const last = legs.reduce((a, b) => ((b.date_ended ?? 0) > (a.date_ended ?? 0) ? b : a));
    const entry = this.open.get(key) ?? { openLegs: new Set<string>(), connected: false, last, settle: null };
    for (const leg of legs) entry.openLegs.delete(leg.call_id);
    if (entry.openLegs.size > 0) return false;
    entry.last = last;
    entry.connected ||= legs.some((l) => l.date_connected !== null && l.state !== 'voicemail');
    this.end(key, entry, 'backfill');
    return true;
  }

  stop(): void {
    this.timers.cancelAll();
    this.open.clear();
  }

  get openCount(): number {
    return this.open.size;
  }

  private end(key: string, entry: OpenKey, origin: CallEvent['origin'] = 'live'): void {
    this.timers.cancel(entry.settle);
    this.open.delete(key);
    this.endedKeys.add(key);
    const status: LegStatus = entry.connected ? 'connected' : 'other';
    const event = toCallEvent(entry.last, status, true, origin, this.now());
    this.options.emit({ ...event, callId: key });
  }

  private evict(): void {
    const max = this.options.maxOpen ?? 10_000;
    while (this.open.size > max) {
      const oldest = this.open.keys().next();
      if (oldest.done) return;
      const entry = this.open.get(oldest.value);
      this.timers.cancel(entry?.settle ?? null);
      this.open.delete(oldest.value);
    }
  }
}
