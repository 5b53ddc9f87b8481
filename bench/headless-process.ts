// Figure 6: the whole headless process (`headless --demo`: engine + sandbox + generated calls) as
// the OS sees it. Builds dist/headless/headless.js if electron/headless.ts exists, runs it as a
// child, and reads /proc/<pid>/status (VmHWM = peak RSS) and /proc/<pid>/stat (utime + stime).
// VmHWM is a high-water mark, so sampling every few seconds loses no peak.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { sleep } from './stats';

export interface HeadlessRun {
  measured: boolean;
  reason?: string;
  windowMs?: number;
  peakRssMB?: number;
  finalRssMB?: number;
  cpuMs?: number;
  /** CPU after the first 5 s (start-up excluded), scaled to one hour. */
  steadyCpuSecondsPerHour?: number;
  stdoutLines?: number;
}

const ENTRY = 'electron/headless.ts';
const BUNDLE = 'dist/headless/headless.js';
const OUTPUT_DIR = 'dist/bench';

function readTail(path: string, chars = 2_000): string {
  try {
    return readFileSync(path, 'utf8').slice(-chars);
  } catch {
    return '';
  }
}

/** Asynchronous, so this process's event loop (and the idle-CPU engine beside it) keeps running. */
function buildHeadless(): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--mode', 'headless', '--logLevel', 'error'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => void (output = (output + chunk.toString('utf8')).slice(-4_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', (error) => resolve({ code: -1, output: error.message }));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

function clockTicks(): number {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
}

function readProc(pid: number, ticks: number): { cpuMs: number; hwmKB: number; rssKB: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { cpuMs: ((utime + stime) * 1000) / ticks, hwmKB: kb('VmHWM'), rssKB: kb('VmRSS') };
  } catch {
    return null;
  }
}

export async function measureHeadless(windowMs: number, sampleEveryMs = 5_000): Promise<HeadlessRun> {
  if (!existsSync(ENTRY)) return { measured: false, reason: `${ENTRY} does not exist yet` };
  const build = await buildHeadless();
  if (build.code !== 0 || !existsSync(BUNDLE)) {
    return { measured: false, reason: `vite build --mode headless failed: ${build.output.trim().split('\n').slice(0, 3).join(' | ')}` };
  }
  const ticks = clockTicks();
  // The child's output goes straight to files: piping it through this process would cost CPU
  // here, where the idle-CPU figure is being measured at the same time.
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const out = openSync(`${OUTPUT_DIR}/headless-stdout.jsonl`, 'w');
  const err = openSync(`${OUTPUT_DIR}/headless-stderr.jsonl`, 'w');
  const child = spawn(process.execPath, [BUNDLE, '--demo'], { stdio: ['ignore', out, err] });
  closeSync(out);
  closeSync(err);
  const stderrTail = (): string => readTail(`${OUTPUT_DIR}/headless-stderr.jsonl`);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const pid = child.pid;
  if (pid === undefined) return { measured: false, reason: 'could not start the headless process' };
  try {
    const start = performance.now();
    let steadyStart: { cpuMs: number; t: number } | null = null;
    let last = readProc(pid, ticks);
    while (performance.now() - start < windowMs && exited === null) {
      await sleep(Math.min(sampleEveryMs, Math.max(0, windowMs - (performance.now() - start))));
      if (!steadyStart && performance.now() - start >= 5_000) {
        const s = readProc(pid, ticks);
        if (s) steadyStart = { cpuMs: s.cpuMs, t: performance.now() };
      }
      last = readProc(pid, ticks) ?? last;
    }
    const elapsed = performance.now() - start;
    if (exited !== null) return { measured: false, reason: `headless exited early (code ${String(exited)}): ${stderrTail().trim().split('\n').slice(-2).join(' | ')}` };
    if (!last) return { measured: false, reason: 'could not read /proc' };
    const steady = steadyStart ? ((last.cpuMs - steadyStart.cpuMs) / 1000) * (3_600_000 / (performance.now() - steadyStart.t)) : Number.NaN;
    return {
      measured: true,
      windowMs: Math.round(elapsed),
      peakRssMB: last.hwmKB / 1024,
      finalRssMB: last.rssKB / 1024,
      cpuMs: last.cpuMs,
      steadyCpuSecondsPerHour: steady,
      stdoutLines: readTail(`${OUTPUT_DIR}/headless-stdout.jsonl`, Number.MAX_SAFE_INTEGER).split('\n').filter(Boolean).length,
    };
  } finally {
    if (exited === null) {
      child.kill('SIGTERM');
      const gone = await Promise.race([new Promise<boolean>((r) => child.once('exit', () => r(true))), sleep(5_000).then(() => false)]);
      if (!gone) child.kill('SIGKILL');
    }
  }
}
