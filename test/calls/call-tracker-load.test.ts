import { describe, expect, it } from 'vitest';
import type { CallEvent, CallNotice } from '../../shared/calls';
import { createCallTracker } from '../../electron/engine/calls/call-tracker';
import { connected, ending, ev, leg, ringing } from '../support/call-fixtures';

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One call's frames as a flaky socket might deliver them: duplicates everywhere, the two ringing
 * frames (STARTING seq 1, ACTIVE-still-ringing seq 2) sometimes swapped, then answered (even calls)
 * or not (odd calls), then ENDING (duplicated) without participants.
 */
function callFrames(id: string, i: number, random: () => number): CallEvent[] {
  const line = `L${i % 7}`;
  const ring1 = ringing(id, line, 1);
  const ring2 = ev(id, { sequence: 2, legs: [leg(line, 'ringing')] });
  const frames = random() < 0.5 ? [ring1, ring2, ring1] : [ring2, ring1, ring2];
  if (i % 2 === 0) frames.push(connected(id, line, 3), connected(id, line, 3));
  frames.push(ending(id, 4), { ...ending(id, 4), origin: 'backfill' });
  return frames;
}

/** Interleaves the calls' frame lists at random while keeping each call's own order. */
function interleave(lists: CallEvent[][], random: () => number): CallEvent[] {
  const out: CallEvent[] = [];
  const live = lists.map((l) => ({ l, i: 0 }));
  while (live.length > 0) {
    const k = Math.floor(random() * live.length);
    const cur = live[k];
    if (!cur) break;
    out.push(cur.l[cur.i++] as CallEvent);
    if (cur.i === cur.l.length) live.splice(k, 1);
  }
  return out;
}

describe('call tracker under a burst', () => {
  it('1,000 distinct calls with duplicates and shuffles: each tracked once, open calls back to 0', () => {
    const random = rng(42);
    const calls = 1_000;
    const events = interleave(
      Array.from({ length: calls }, (_, i) => callFrames(`call-${i}`, i, random)),
      random,
    );
    const tracker = createCallTracker({ historySize: 500 });
    const notices: CallNotice[] = [];
    tracker.subscribe((n) => notices.push(n));
    let peakOpen = 0;
    const t0 = performance.now();
    for (const e of events) {
      tracker.handle(e);
      if (tracker.openCallCount() > peakOpen) peakOpen = tracker.openCallCount();
    }
    const ms = performance.now() - t0;

    const per = new Map<string, string[]>();
    for (const n of notices) per.set(n.callId, [...(per.get(n.callId) ?? []), n.type]);
    expect(per.size).toBe(calls);
    for (let i = 0; i < calls; i++) {
      const got = per.get(`call-${i}`);
      expect(got, `call-${i}`).toEqual(i % 2 === 0 ? ['ringing', 'answered', 'ended'] : ['ringing', 'missed']);
    }
    expect(tracker.openCallCount()).toBe(0);
    expect(tracker.history()).toHaveLength(500);
    console.log(
      `[calls] burst: ${events.length} events for ${calls} calls in ${ms.toFixed(1)} ms (${Math.round(events.length / (ms / 1000))} events/s), peak open ${peakOpen}, stats ${JSON.stringify(tracker.stats())}`,
    );
  });

  it('throughput over a longer run stays bounded in memory (prints events/s)', () => {
    const random = rng(7);
    const tracker = createCallTracker({ maxOpenCalls: 10_000, endedMemory: 20_000 });
    let total = 0;
    let rings = 0;
    tracker.subscribe((n) => (rings += n.type === 'ringing' ? 1 : 0));
    const t0 = performance.now();
    for (let round = 0; round < 20; round++) {
      const batch = interleave(
        Array.from({ length: 1_000 }, (_, i) => callFrames(`r${round}-${i}`, i, random)),
        random,
      );
      for (const e of batch) tracker.handle(e);
      total += batch.length;
    }
    const ms = performance.now() - t0;
    console.log(`[calls] ${total} events (20,000 calls) in ${ms.toFixed(0)} ms: ${Math.round(total / (ms / 1000))} events/s`);
    expect(rings).toBe(20_000);
    expect(tracker.openCallCount()).toBe(0);
    expect(tracker.history()).toHaveLength(500);
  });
});
