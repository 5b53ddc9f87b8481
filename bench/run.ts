// Runs the figures of a plan in order and returns plain data (printed as a table, written as
// JSON). Nothing here fails on slowness: a figure that errors is recorded with its message and
// the others still run.
import { measureColdStart, type ColdStartRun } from './cold-start';
import { measureDialpad, type DialpadBench } from './dialpad';
import { measureFlapping, measureHalfOpenWorst, measureRetryAfterReplacement, type FlapRun } from './flapping';
import { dropReportSubscription, startRig } from './engine-rig';
import { measureHeadless, type HeadlessRun } from './headless-process';
import { measureLatency, type LatencyRun } from './latency';
import { measureIdleCpuInChild, measureMemory, type IdleRun, type MemoryRun } from './memory';
import type { BenchPlan } from './plan';
import { measureProxyDrops } from './proxy';
import { measureDrops, measureHalfOpen, measureToBeClosed, type DropRun, type HalfOpenRun, type ToBeClosedRun } from './recovery';
import { measureRingCentral, type RcResults } from './ringcentral';
import { pipelineThroughput, releaseFramePool, socketThroughput, type ThroughputRun } from './throughput';

export interface BenchResults {
  latency?: LatencyRun[];
  throughput?: { pipeline: ThroughputRun[]; pipelineOpen: ThroughputRun[]; socket: ThroughputRun[]; socketOpen: ThroughputRun[] };
  recovery?: { drops: DropRun[]; proxyDrops: DropRun[]; halfOpenReal: HalfOpenRun[]; halfOpenShort: HalfOpenRun[]; toBeClosed: ToBeClosedRun[] };
  coldStart?: ColdStartRun[];
  memory?: MemoryRun;
  idle?: IdleRun;
  headless?: HeadlessRun;
  flapping?: { flap: FlapRun; retryAfterMs: number[]; halfOpenWorstMs: number[] };
  dialpad?: DialpadBench;
  ringcentral?: RcResults;
  errors: { figure: string; message: string }[];
}

/** The short socket timings of the labelled half-open runs (the test harness's values). */
const SHORT_PING = { pingIntervalMs: 300, pongTimeoutMs: 200 } as const;

export async function runBench(plan: BenchPlan, progress: (line: string) => void = () => undefined): Promise<BenchResults> {
  const results: BenchResults = { errors: [] };
  const guard = async (figure: string, fn: () => Promise<void>): Promise<void> => {
    const t = performance.now();
    progress(`… ${figure}`);
    try {
      await fn();
    } catch (error) {
      results.errors.push({ figure, message: error instanceof Error ? error.message : String(error) });
      progress(`  ${figure} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    progress(`  ${figure} done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  const f = plan.figures;

  // First, in a process that has not run anything else yet, so RSS is the engine's own.
  if (f.has('memory')) {
    await guard('memory', async () => {
      results.memory = await measureMemory(plan.memory.events, plan.memory.every);
    });
  }

  if (f.has('latency')) {
    await guard('latency', async () => {
      const runs: LatencyRun[] = [];
      const rig = await startRig();
      try {
        // Warm-up, discarded: the first second of a fresh process is JIT compilation, not the engine.
        await measureLatency(rig, 1_000, plan.latency.warmUpMs);
        for (const { rate, durationMs } of plan.latency.rates) {
          for (let r = 0; r < plan.latency.runs; r += 1) runs.push(await measureLatency(rig, rate, durationMs));
        }
      } finally {
        await rig.close();
      }
      // The same at the top rate with call frames only (no report fetch per ended call).
      const top = plan.latency.rates.at(-1);
      if (top && plan.latency.framesOnly) {
        const bare = await startRig();
        try {
          await dropReportSubscription(bare);
          await measureLatency(bare, top.rate, plan.latency.warmUpMs);
          for (let r = 0; r < plan.latency.runs; r += 1) runs.push({ ...(await measureLatency(bare, top.rate, top.durationMs)), framesOnly: true });
        } finally {
          await bare.close();
        }
      }
      results.latency = runs;
    });
  }

  if (f.has('throughput')) {
    await guard('throughput', async () => {
      const t = plan.throughput;
      const line = { id: '6f1c2a7e-0000-4000-8000-000000000001', number: '1001', name: 'Bench line', owner: 'bench' };
      const out = { pipeline: [] as ThroughputRun[], pipelineOpen: [] as ThroughputRun[], socket: [] as ThroughputRun[], socketOpen: [] as ThroughputRun[] };
      for (let r = 0; r < t.runs; r += 1) {
        out.pipeline.push(await pipelineThroughput(line, t.durationMs, 0));
        out.pipelineOpen.push(await pipelineThroughput(line, t.durationMs, t.heldOpen));
      }
      if (t.socket) {
        for (let r = 0; r < t.runs; r += 1) {
          out.socket.push(await socketThroughput(t.durationMs, 0));
          out.socketOpen.push(await socketThroughput(t.durationMs, t.heldOpen));
        }
      }
      releaseFramePool();
      results.throughput = out;
    });
  }

  if (f.has('recovery')) {
    await guard('recovery', async () => {
      const r = plan.recovery;
      // The real-timing half-open runs mostly wait for pings: they run alongside the others.
      const real = r.halfOpenRealRuns > 0 ? measureHalfOpen(r.halfOpenRealRuns) : Promise.resolve([]);
      real.catch(() => undefined); // awaited below; this only keeps an early rejection from being unhandled
      const drops = await measureDrops(r.drops);
      const toBeClosed = await measureToBeClosed(r.toBeClosedRuns, r.toBeClosedGraceMs);
      const halfOpenShort = r.halfOpenShortRuns > 0 ? await measureHalfOpen(r.halfOpenShortRuns, { connection: SHORT_PING }, SHORT_PING.pingIntervalMs) : [];
      const halfOpenReal = await real;
      // Last and alone: it installs the process's network port (the proxy), which every other
      // engine of this process would go through too.
      const proxyDrops = r.proxyDrops > 0 ? await measureProxyDrops(r.proxyDrops) : [];
      results.recovery = { drops, proxyDrops, toBeClosed, halfOpenShort, halfOpenReal };
    });
  }

  if (f.has('flapping')) {
    await guard('flapping', async () => {
      const p = plan.flapping;
      // The worst-case half-open runs mostly wait for pings: they run alongside the flapping one.
      const halfOpen = p.halfOpenWorstRuns > 0 ? measureHalfOpenWorst(p.halfOpenWorstRuns) : Promise.resolve([]);
      halfOpen.catch(() => undefined); // awaited below; this only keeps an early rejection from being unhandled
      const flap = await measureFlapping(p.drops, p.gapMs, p.callEveryMs);
      const retryAfterMs = await measureRetryAfterReplacement(p.retryAfterRuns);
      results.flapping = { flap, retryAfterMs, halfOpenWorstMs: await halfOpen };
    });
  }

  if (f.has('cold-start')) {
    await guard('cold-start', async () => {
      const runs: ColdStartRun[] = [];
      for (let r = 0; r < plan.coldStart.runs; r += 1) runs.push(await measureColdStart());
      results.coldStart = runs;
    });
  }

  if (f.has('dialpad')) {
    await guard('dialpad', async () => {
      results.dialpad = await measureDialpad(plan.dialpad);
    });
  }

  if (f.has('ringcentral')) {
    await guard('ringcentral', async () => {
      results.ringcentral = await measureRingCentral(plan.ringcentral);
    });
  }

  // Last: idle CPU of this process and the headless child side by side (separate processes; the
  // child is sampled only every 5 s so the sampling hardly shows in this process's idle CPU).
  const idle = f.has('memory') ? guard('idle cpu', async () => void (results.idle = await measureIdleCpuInChild(plan.memory.idleWindowMs, plan.memory.idleSettleMs))) : Promise.resolve();
  const headless = f.has('headless') ? guard('headless', async () => void (results.headless = await measureHeadless(plan.headless.windowMs))) : Promise.resolve();
  await Promise.all([idle, headless]);
  return results;
}
