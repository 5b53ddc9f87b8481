import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/engine/log/logger';
import { DEMO_FIRST_CALL_MS } from '../../electron/engine/demo/demo-engine';
import { createCallBook } from '../../electron/sandbox/goto/call-book';
import { createCallGenerator } from '../../electron/sandbox/goto/call-generator';
import { DEFAULT_PRINCIPAL, defaultLines } from '../../electron/sandbox/goto/fixtures';

// The demo's traffic: the first call rings at once (the user sees a call within 3 s of going
// live), then calls keep a steady cadence with no long silences. Fake timers drive the generator
// so the schedule itself is checked, not how fast this machine is.

function rig() {
  const lines = defaultLines(DEFAULT_PRINCIPAL);
  const calls = createCallBook({
    accountKey: 'acct',
    lines: () => lines,
    defaultLine: () => lines[0]!,
    retainEnded: 100,
    onState: () => undefined,
    onEnded: () => undefined,
  });
  const generator = createCallGenerator({ calls, lines: () => lines, userLines: () => lines.filter((l) => l.owner === DEFAULT_PRINCIPAL), logger: silentLogger });
  return { generator };
}

/** Advances fake time in 100 ms steps and returns when each of the next `count` calls started. */
function callTimes(generator: ReturnType<typeof rig>['generator'], count: number): number[] {
  const at: number[] = [];
  let seen = generator.generated;
  while (at.length < count) {
    vi.advanceTimersByTime(100);
    if (generator.generated > seen) {
      seen = generator.generated;
      at.push(Date.now());
    }
  }
  return at;
}

const gapsOf = (at: number[]) => at.slice(1).map((t, i) => t - at[i]!);

afterEach(() => {
  vi.useRealTimers();
});

describe('demo call cadence', () => {
  it('rings the first call within 3 s, then at steady gaps of 0.5–1.5 × the mean', () => {
    vi.useFakeTimers({ now: 0 });
    const { generator } = rig();
    expect(DEMO_FIRST_CALL_MS).toBeLessThanOrEqual(3_000);
    generator.start({ callsPerMinute: 6, firstCallAfterMs: DEMO_FIRST_CALL_MS, cadence: 'steady', seed: 7 });
    vi.advanceTimersByTime(DEMO_FIRST_CALL_MS - 1);
    expect(generator.generated).toBe(0);
    vi.advanceTimersByTime(1);
    expect(generator.generated).toBe(1);

    const gaps = gapsOf([Date.now(), ...callTimes(generator, 39)]);
    generator.stop();
    // Mean gap at 6 calls per minute is 10 s; steady means never under 5 s nor over 15 s.
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(5_000);
      expect(gap).toBeLessThanOrEqual(15_100);
    }
  });

  it('keeps Poisson arrivals (bursts and lulls) unless asked for a steady cadence', () => {
    vi.useFakeTimers({ now: 0 });
    const { generator } = rig();
    generator.start({ callsPerMinute: 6, seed: 7 });
    const gaps = gapsOf(callTimes(generator, 60));
    generator.stop();
    // Exponential gaps with mean 10 s: among 59, some fall outside the steady band.
    expect(gaps.some((g) => g < 5_000 || g > 15_100)).toBe(true);
  });
});
