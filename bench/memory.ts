// Figure 5: memory and idle CPU.
// Memory: 1,000,000 call events through the live engine's own frame parser and tracker (the
// engine's listeners included), fed directly rather than over the socket so a million events
// take seconds. Heap and RSS are sampled every 100k events after a forced GC (`node --expose-gc`);
// once the history (500 rows), the ended-id memory (20,000) and the open-call map are full, the
// heap must stay flat.
// Idle CPU: a live engine with the product's 10 s ping and nothing else happening; process CPU
// time over the window, extrapolated to an hour. The sandbox answering the pings runs in the
// same process, so its (small) share is included.
import { spawn } from 'node:child_process';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import { parseGotoFrame } from '../electron/engine/providers/goto/goto-frames';
import { frameTemplates } from './call-frames';
import { startRig } from './engine-rig';
import { sleep } from './stats';

export interface MemorySample {
  events: number;
  heapMB: number;
  rssMB: number;
}

export interface MemoryRun {
  samples: MemorySample[];
  /** Heap at the end minus heap at 200k events, MB (≈ 0 when flat). */
  heapGrowthMB: number;
  historyRows: number;
  openCalls: number;
  gcExposed: boolean;
}

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
};

function sample(events: number): MemorySample {
  gc();
  const m = process.memoryUsage();
  return { events, heapMB: m.heapUsed / 2 ** 20, rssMB: m.rss / 2 ** 20 };
}

export async function measureMemory(totalEvents: number, every: number): Promise<MemoryRun> {
  const rig = await startRig();
  try {
    const line = rig.sandbox.userLines[0];
    if (!line) throw new Error('no user line');
    const t = frameTemplates(line);
    const { tracker } = rig.engine;
    const samples: MemorySample[] = [sample(0)];
    let events = 0;
    let call = 0;
    let nextSample = every;
    while (events < totalEvents) {
      const templates = call % 2 === 0 ? t.answered : t.missed;
      const id = `mem-${call}`;
      for (const template of templates) {
        const f = parseGotoFrame(t.make(template, id));
        if (f.kind === 'call-state') tracker.handle(f.event);
        events += 1;
      }
      call += 1;
      if (events >= nextSample) {
        samples.push(sample(events));
        nextSample += every;
        await yieldLoop(); // let the engine's socket keep its pings answered
      }
    }
    const ref = samples.find((s) => s.events >= 2 * every) ?? samples[0];
    const last = samples.at(-1);
    return {
      samples,
      heapGrowthMB: last && ref ? last.heapMB - ref.heapMB : Number.NaN,
      historyRows: tracker.history().length,
      openCalls: tracker.openCallCount(),
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    };
  } finally {
    await rig.close();
  }
}

export interface IdleRun {
  windowMs: number;
  settleMs: number;
  cpuMs: number;
  /** cpuMs scaled to one hour (extrapolated, not measured for an hour). */
  cpuSecondsPerHour: number;
  pings: number;
  /** HTTP requests the engine made during the window (an idle engine should make none). */
  requests: Record<string, number>;
}

/**
 * Idle CPU in a fresh child process (`main.js --idle-child <ms>`): measured in the benchmark's own
 * process it would include the garbage collection of everything the earlier figures left behind.
 */
export function measureIdleCpuInChild(windowMs: number, settleMs: number): Promise<IdleRun> {
  return new Promise((resolve, reject) => {
    const entry = process.argv[1];
    if (!entry) return reject(new Error('no benchmark entry to re-run'));
    const child = spawn(process.execPath, ['--expose-gc', entry, '--idle-child', String(windowMs), String(settleMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        if (code !== 0) throw new Error(`idle child exited with ${String(code)}`);
        resolve(JSON.parse(out) as IdleRun);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export async function measureIdleCpu(windowMs: number, settleMs: number): Promise<IdleRun> {
  const rig = await startRig();
  try {
    // V8's memory reducer runs a couple of full GCs ~15–20 s after start-up activity ends: a
    // one-time cost, not idle cost, so the window opens after it.
    await sleep(settleMs);
    const pingsBefore = rig.sandbox.stats.pingsReceived;
    const requestsBefore = rig.sandbox.stats.requests;
    const before = process.cpuUsage();
    await sleep(windowMs);
    const used = process.cpuUsage(before);
    const cpuMs = (used.user + used.system) / 1000;
    const requests: Record<string, number> = {};
    for (const [k, v] of Object.entries(rig.sandbox.stats.requests)) if (v > (requestsBefore[k] ?? 0)) requests[k] = v - (requestsBefore[k] ?? 0);
    return { windowMs, settleMs, cpuMs, cpuSecondsPerHour: (cpuMs / 1000) * (3_600_000 / windowMs), pings: rig.sandbox.stats.pingsReceived - pingsBefore, requests };
  } finally {
    await rig.close();
  }
}
