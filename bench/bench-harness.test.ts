// The benchmark harness itself, at toy size: it runs the real engine against the sandbox and
// produces numbers, and every call it rings gets exactly one `ringing` notice. Correctness only:
// nothing here asserts speed (a slow machine must not fail a test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './engine-rig';
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

  it('measures pipeline throughput', async () => {
    const line = rig.sandbox.userLines[0];
    if (!line) throw new Error('no user line');
    const run = await pipelineThroughput(line, 200, 100, 200);
    expect(run.events).toBeGreaterThan(0);
    expect(run.eventsPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(run.lagMaxMs)).toBe(true);
  });
});
