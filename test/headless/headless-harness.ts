// Headless mode as another tool would use it: the bundle of the current sources (built once, see
// buildHeadless), run as a child process with only arguments and environment variables. The harness
// reads stdout as JSON lines (a line that is not JSON fails the test), keeps stderr, and plays the
// user's browser for the sign-in: it opens the printed URL and follows the redirect to the loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { until } from '../support/until';

const root = path.resolve(import.meta.dirname, '../..');
const outputs = path.join(root, 'test-output');

export interface HeadlessBundle {
  readonly path: string;
  /** Nothing to do for a kept build; kept so a file can still say when it is done with the bundle. */
  remove(): void;
}

/** Everything the headless build reads: the app's sources, the build config and the locked dependencies. */
function buildInputsHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...['electron', 'shared'].flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f))),
    ...readdirSync(root).filter((f) => /^(package(-lock)?\.json|vite\.config\.ts|tsconfig.*\.json|\.env.*)$/.test(f)),
  ].filter((f) => statSync(path.join(root, f)).isFile());
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/**
 * The headless bundle of the sources as they are now, inside the repository (so it resolves
 * node_modules). A build is kept under test-output/ by a hash of everything it reads, so the
 * headless test files of one run (and later runs on the same sources) build once: a file finds
 * the finished directory, or builds into a directory of its own and moves it into place in one
 * rename (two files that build at once: the first rename wins, the other build is dropped).
 * Any change to the sources makes a new hash, so a kept build is never stale.
 */
export async function buildHeadless(): Promise<HeadlessBundle> {
  const key = buildInputsHash();
  const dir = path.join(outputs, `headless-${key}`);
  const bundle = { path: path.join(dir, 'headless.js'), remove: () => undefined };
  if (existsSync(bundle.path)) return bundle;
  mkdirSync(outputs, { recursive: true });
  const outDir = mkdtempSync(path.join(outputs, 'headless-build-'));
  try {
    // Loaded only to build: a file that finds the kept build does not load Vite at all.
    const { build } = await import('vite');
    await build({ root, configFile: path.join(root, 'vite.config.ts'), mode: 'headless', logLevel: 'silent', build: { outDir } });
    renameSync(outDir, dir);
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    if (!existsSync(bundle.path)) throw error;
  }
  // Builds of older sources, no longer used by anyone after an hour.
  for (const old of readdirSync(outputs).filter((f) => /^headless-(build-.+|[0-9a-f]{16})$/.test(f) && f !== path.basename(dir))) {
    const at = path.join(outputs, old);
    if (Date.now() - statSync(at).mtimeMs > 3_600_000) rmSync(at, { recursive: true, force: true });
  }
  return bundle;
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
