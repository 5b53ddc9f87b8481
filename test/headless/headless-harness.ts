// Headless mode as another tool would use it: the bundle of the current sources (built once, see
// buildHeadless), run as a child process with only arguments and environment variables. The harness
// reads stdout as JSON lines (a line that is not JSON fails the test), keeps stderr, and plays the
// user's browser for the sign-in: it opens the printed URL and follows the redirect to the loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { keptAppBuild } from '../support/kept-build';
import { until } from '../support/until';

export interface HeadlessBundle {
  readonly path: string;
  /** Nothing to do for a kept build; kept so a file can still say when it is done with the bundle. */
  remove(): void;
}

/** The headless bundle of the current sources, built once per version of them (../support/kept-build.ts). */
export async function buildHeadless(): Promise<HeadlessBundle> {
  return { path: path.join(await keptAppBuild('headless'), 'headless.js'), remove: () => undefined };
}

/** The environment a user's shell gives the process; secrets stay in memory, never in this machine's keychain. */
export const baseEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, RINGTRAY_SECRETS: 'memory', ...extra });

/** Runs the bundle to its end: exit code, stdout, stderr. */
export async function runHeadless(bundle: HeadlessBundle, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawn(process.execPath, [bundle.path, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (c: Buffer) => (out += c.toString()));
  p.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const [code] = (await once(p, 'exit')) as [number | null];
  return { code, stdout: out, stderr: err };
}

export interface HeadlessProcess {
  readonly child: ChildProcess;
  /** Every stdout line so far, parsed. */
  readonly lines: Array<Record<string, unknown>>;
  readonly stderr: string;
  /** Waits for `condition`; a timeout names `what` and shows the last lines of both streams. */
  waitFor(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** The notice types written for one call, in order. */
  noticesFor(callId: string): string[];
  lastStatus(): unknown;
  /** Waits for the printed sign-in URL and returns it. */
  signInUrl(): Promise<string>;
  /** Plays the browser: opens `url`, follows the provider's redirect to the loopback; returns the loopback URL. */
  completeSignIn(url: string): Promise<string>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL if still running. */
  kill(): void;
}

export function startHeadless(bundle: HeadlessBundle, args: string[], env: NodeJS.ProcessEnv): HeadlessProcess {
  const child = spawn(process.execPath, [bundle.path, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, unknown>> = [];
  let stderr = '';
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const waitFor = (condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> =>
    until(condition, timeoutMs, `${what}\nstdout: ${JSON.stringify(lines.slice(-5))}\nstderr: ${stderr.slice(-2000)}`);
  const signInLine = /^sign-in: (\S+)$/m;
  return {
    child,
    lines,
    get stderr() {
      return stderr;
    },
    waitFor,
    noticesFor: (callId) => lines.filter((l) => l.callId === callId).map((l) => l.type as string),
    lastStatus: () => [...lines].reverse().find((l) => l.type === 'status')?.state,
    async signInUrl() {
      await waitFor(() => signInLine.test(stderr), 'the sign-in line');
      return signInLine.exec(stderr)![1]!;
    },
    async completeSignIn(url) {
      const authorize = await fetch(url, { redirect: 'manual' });
      const callback = authorize.headers.get('location');
      if (!callback) throw new Error(`the sign-in page answered ${authorize.status} without a redirect`);
      const page = await fetch(callback);
      if (page.status !== 200) throw new Error(`the loopback answered ${page.status}`);
      return callback;
    },
    async stop(signal) {
      child.kill(signal);
      const [code] = await exited;
      return code;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
