import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';

/** Cycles through fixed "random" values so every delay is predictable. */
const fixed = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe('backoff', () => {
  it('retries the first time at once (0–250 ms jitter), then doubles from 1 s with ±50 % jitter', () => {
    const b = createBackoff({ random: fixed(0.5) });
    // random 0.5 → first: 125 ms; then d × (0.5 + 0.5) = d exactly.
    const seq = Array.from({ length: 8 }, () => b.next());
    expect(seq).toEqual([125, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(b.failures).toBe(8);
  });

  it('stays inside the jitter bounds and never exceeds the cap', () => {
    const low = createBackoff({ random: fixed(0) });
    const high = createBackoff({ random: fixed(0.999999) });
    const lows = Array.from({ length: 10 }, () => low.next());
    const highs = Array.from({ length: 10 }, () => high.next());
    expect(lows.slice(0, 4)).toEqual([0, 500, 1_000, 2_000]);
    expect(highs[0]).toBe(249);
    expect(highs.slice(1, 4)).toEqual([1_499, 2_999, 5_999]);
    expect(Math.max(...highs)).toBe(30_000);
  });

  it('full jitter: uniform in [0, d]', () => {
    const b = createBackoff({ jitter: 'full', random: fixed(0.25), capMs: 60_000 });
    expect(Array.from({ length: 9 }, () => b.next())).toEqual([62, 250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });

  it('reset (a connection went live) starts again from "at once"', () => {
    const b = createBackoff({ random: fixed(0.5) });
    b.next();
    b.next();
    b.next();
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.next()).toBe(125);
    expect(b.next()).toBe(1_000);
  });

  it('Retry-After is the wait itself: neither stacked on the growth nor stretched by it', () => {
    const b = createBackoff({ random: fixed(0.5) });
    // Three 429s with Retry-After: 1 s → 1 s, 1 s, 1 s (not 1, 1, 2.5 …).
    expect([b.next(1_000), b.next(1_000), b.next(1_000)]).toEqual([1_000, 1_000, 1_000]);
    expect(b.failures).toBe(3);
    // A shorter Retry-After than the growth would give is still the wait.
    expect(b.next(10)).toBe(10);
    // Without one, the growth goes on from the failure count.
    expect(b.next()).toBe(8_000);
  });

  it('firstRetry: 0–250 ms every time, and it does not count as a failure', () => {
    const b = createBackoff({ random: fixed(0, 0.5, 0.999999) });
    expect([b.firstRetry(), b.firstRetry(), b.firstRetry(), b.firstRetry()]).toEqual([0, 125, 249, 0]);
    expect(b.failures).toBe(0);
    b.next();
    b.next();
    expect(b.firstRetry()).toBeLessThan(250);
    expect(b.failures).toBe(2);
  });

  it('never gives up: the 1,000th failure still yields a capped delay', () => {
    const b = createBackoff({ random: fixed(0.5) });
    let last = 0;
    for (let i = 0; i < 1_000; i++) last = b.next();
    expect(last).toBe(30_000);
  });
});
