// The benchmark harness itself, at toy size: it runs the real engine against the sandbox and
// produces numbers, and every call it rings gets exactly one `ringing` notice. Correctness only:
// nothing here asserts speed (a slow machine must not fail a test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './engine-rig';
import { measureFlapping } from './flapping';
import { measureLatency } from './latency';
import { rows, table } from './report';
import { pipelineThroughput } from './throughput';

describe('bench harness (tiny run)', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('measures notice latency for 200 call events, one ringing notice per call', async () => {
    const run = await measureLatency(rig, 200, 1_000);
    expect(run.events).toBe(200);
    expect(run.calls).toBeGreaterThanOrEqual(100);
    expect(run.withoutRinging).toBe(0);
    expect(run.extraRinging).toBe(0);
    expect(run.lost).toBe(0);
    for (const v of [run.p50, run.p99, run.max]) {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeGreaterThan(0);
    }
    expect(run.p50).toBeLessThanOrEqual(run.p99);
    expect(run.p99).toBeLessThanOrEqual(run.max);
    expect(rig.problems.filter((p) => p.level === 'error')).toEqual([]);

    const printed = table(rows({ latency: [run], errors: [] }));
    expect(printed).toContain('200 events/s: p99 ms');
  });

  it('measures pipeline throughput: every event counted, the held calls still open, the rest closed', async () => {
    const line = rig.sandbox.userLines[0];
    if (!line) throw new Error('no user line');
    const run = await pipelineThroughput(line, 200, 100, 200);
    // Frames go through in batches of 64, and the rate is over at least the 200 ms asked for.
    expect(run.events % 64).toBe(0);
    expect(run.events).toBeGreaterThanOrEqual(64);
    expect(run.eventsPerSecond).toBeLessThanOrEqual(run.events / 0.2);
    // The 100 calls rung first never end; each cycled call rings then ends, so at most the one
    // cut off mid-cycle is open besides them.
    expect(run.openCalls).toBeGreaterThanOrEqual(100);
    expect(run.openCalls).toBeLessThanOrEqual(101);
    expect(run.lagP99Ms).toBeLessThanOrEqual(run.lagMaxMs);
  });
  it('measures the flapping network at toy size: every call closed with the right notice', async () => {
    const run = await measureFlapping(2, [300, 600], 300);
    expect(run.dropToLiveMs).toHaveLength(2);
    for (const ms of run.dropToLiveMs) expect(Number.isFinite(ms)).toBe(true);
    expect(run.calls).toBeGreaterThanOrEqual(2);
    expect(run.rangTwice).toBe(0);
    expect(run.terminalWrong).toBe(0);
    expect(run.terminalRight).toBe(run.calls);
    const printed = table(rows({ flapping: { flap: run, retryAfterMs: [], halfOpenWorstMs: [] }, errors: [] }));
    expect(printed).toContain('drop → live, ms (2 drops 0.3–0.6 s apart, real timings)');
  });
});
