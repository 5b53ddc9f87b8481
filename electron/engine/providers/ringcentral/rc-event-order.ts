// Telephony session events in `sequence` order (docs/providers/ringcentral.md, "Telephony
// sessions → notices"). RingCentral numbers every event of one telephony session, and events can
// arrive out of order: an `Answered` (sequence 2) behind the `Disconnected` (3) that ends the
// call. The call tracker ends a call on its terminal event and drops what comes after, so fed in
// arrival order that call would lose its `answered` and be counted as never picked up.
//
// Nothing that rings is ever held: only an event that ends its session while the sequence just
// before it has not been seen waits, at most `holdMs`, for the missing one; the missing one is
// passed on the moment it arrives, then the held end. A gap that is real (a change of a party
// that is not ours, counted but never sent to us) costs the end notice `holdMs`, never a call.
import type { CallEvent } from '../../../../shared/calls';
import type { TimerHandle, TimerSet } from '../../transport/timer-set';

export interface EventOrderOptions {
  holdMs: number;
  timers: TimerSet;
  deliver(event: CallEvent): void;
  /** Sessions remembered (oldest forgotten first); a forgotten one is simply not reordered. */
  maxSessions?: number;
}

export interface EventOrder {
  push(event: CallEvent): void;
  /** Drops what is held (stop: nothing is delivered afterwards). */
  clear(): void;
  readonly held: number;
}

interface SessionOrder {
  seen: Set<number>;
  held: { event: CallEvent; timer: TimerHandle } | null;
}

/** Sequence numbers remembered per session: a call has a handful of events. */
const SEEN_PER_SESSION = 64;

export function createEventOrder(o: EventOrderOptions): EventOrder {
  const maxSessions = o.maxSessions ?? 2_000;
  const sessions = new Map<string, SessionOrder>();
  let held = 0;

  const release = (id: string, s: SessionOrder): void => {
    const h = s.held;
    if (!h) return;
    s.held = null;
    held -= 1;
    o.timers.cancel(h.timer);
    // The session is over for us: later events of it are the tracker's to drop.
    sessions.delete(id);
    o.deliver(h.event);
  };

  const remember = (id: string): SessionOrder => {
    let s = sessions.get(id);
    if (!s) {
      s = { seen: new Set(), held: null };
      sessions.set(id, s);
      if (sessions.size > maxSessions) {
        const [oldestId, oldest] = sessions.entries().next().value as [string, SessionOrder];
        if (oldest.held) release(oldestId, oldest);
        else sessions.delete(oldestId);
      }
    }
    return s;
  };

  return {
    push(event) {
      const seq = event.sequence;
      if (seq === null) return o.deliver(event);
      const id = event.callId;
      const s = remember(id);
      if (s.held) {
        if (seq < (s.held.event.sequence ?? Infinity)) {
          s.seen.add(seq);
          o.deliver(event);
          if (s.seen.has((s.held.event.sequence ?? 0) - 1)) release(id, s);
        } else {
          release(id, s);
          o.deliver(event);
        }
        return;
      }
      if (event.ended && seq > 1 && !s.seen.has(seq - 1)) {
        held += 1;
        s.held = { event, timer: o.timers.after(o.holdMs, () => release(id, s)) };
        return;
      }
      s.seen.add(seq);
      if (s.seen.size > SEEN_PER_SESSION) s.seen.delete(s.seen.values().next().value as number);
      if (event.ended) sessions.delete(id);
      o.deliver(event);
    },
    clear() {
      for (const s of sessions.values()) if (s.held) o.timers.cancel(s.held.timer);
      sessions.clear();
      held = 0;
    },
    get held() {
      return held;
    },
  };
}
