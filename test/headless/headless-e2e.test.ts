import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { freeLoopbackPort } from '../../electron/engine/demo/free-port';
import { headlessHelp } from '../../electron/engine/headless/headless-args';
import { createGotoSandbox, type GotoSandbox } from '../../electron/sandbox/goto/goto-sandbox';
import { until } from '../support/until';

// Headless mode as another tool would use it: the built bundle run as a child process with only
// arguments and environment variables, against a GoTo sandbox owned by this test. This file is
// about the process contract: arguments, JSON lines on stdout, the sign-in line on stderr, exit
// codes and signals. The test plays the user's browser (it opens the printed sign-in URL and
// follows GoTo's redirect to the loopback). How the engine rides out faults is tested in
// test/engine/ (at test timings, plus one half-open socket at the product's own timings).

const root = path.resolve(import.meta.dirname, '../..');
// Inside the repository, so the bundle resolves its external packages from node_modules; a
// directory of its own, so two runs never share it.
mkdirSync(path.join(root, 'test-output'), { recursive: true });
const outDir = mkdtempSync(path.join(root, 'test-output', 'headless-'));
const bundle = path.join(outDir, 'headless.js');
let sandbox: GotoSandbox;
let child: ChildProcess;
const lines: Array<Record<string, unknown>> = [];
let stderr = '';

/** What the headless process needs to reach the sandbox, as a user would set it. */
const gotoEnv = (redirectUri: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  RINGTRAY_SECRETS: 'memory',
  RINGTRAY_GOTO_CLIENT_ID: sandbox.clientId,
  RINGTRAY_GOTO_CLIENT_SECRET: sandbox.clientSecret,
  RINGTRAY_GOTO_REDIRECT_URI: redirectUri,
  RINGTRAY_GOTO_AUTH_URL: sandbox.url,
  RINGTRAY_GOTO_API_URL: sandbox.url,
  RINGTRAY_GOTO_ADMIN_API_URL: sandbox.url,
});

/** Runs the bundle to its end: exit code, stdout, stderr. */
async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawn(process.execPath, [bundle, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (c: Buffer) => (out += c.toString()));
  p.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const [code] = (await once(p, 'exit')) as [number | null];
  return { code, stdout: out, stderr: err };
}

beforeAll(async () => {
  await build({ root, configFile: path.join(root, 'vite.config.ts'), mode: 'headless', logLevel: 'silent', build: { outDir } });
  const redirectUris = [`http://127.0.0.1:${await freeLoopbackPort()}/app/redirect`, `http://127.0.0.1:${await freeLoopbackPort()}/app/redirect`];
  sandbox = await createGotoSandbox({ redirectUris, reportDelayMs: 200 });
  child = spawn(process.execPath, [bundle, '--lines', 'mine', '--log-level', 'debug'], { env: gotoEnv(redirectUris[0]!), stdio: ['ignore', 'pipe', 'pipe'] });
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await sandbox.close();
  rmSync(outDir, { recursive: true, force: true });
});

const waitFor = (condition: () => boolean, what: string, timeoutMs = 30_000) => until(condition, timeoutMs, `${what}\nstdout: ${JSON.stringify(lines.slice(-5))}`);
const noticesFor = (callId: string) => lines.filter((l) => l.callId === callId).map((l) => l.type as string);
const lastStatus = () => [...lines].reverse().find((l) => l.type === 'status')?.state;

describe('headless mode, end to end', () => {
  it('signs in through the loopback like a browser', async () => {
    await waitFor(() => /^sign-in: (\S+)$/m.test(stderr), 'the sign-in line');
    const url = /^sign-in: (\S+)$/m.exec(stderr)![1]!;
    expect(url.startsWith(`${sandbox.url}/oauth/authorize?`)).toBe(true);
    const authorize = await fetch(url, { redirect: 'manual' });
    const callback = authorize.headers.get('location')!;
    expect(new URL(callback).hostname).toBe('127.0.0.1');
    const page = await fetch(callback);
    expect(page.status).toBe(200);
    await waitFor(() => lastStatus() === 'live', 'live');
    expect(lines[0]).toMatchObject({ type: 'status', state: 'signed-out' });
    expect(lines.map((l) => l.state).filter(Boolean)).toEqual(expect.arrayContaining(['signing-in', 'connecting', 'live']));
  }, 60_000);

  it('writes each notice of an answered and a missed call once, as JSON lines', async () => {
    const line = sandbox.userLines[0]!.id;
    for (const [index, answered] of [true, false].entries()) {
      const call = sandbox.calls.ringInbound({ lineId: line, caller: { name: `Caller ${index + 1}`, number: `+1555010${index}` } });
      await waitFor(() => noticesFor(call.id).includes('ringing'), `ringing of call ${index + 1}`);
      if (answered) {
        call.answer();
        await waitFor(() => noticesFor(call.id).includes('answered'), `answered of call ${index + 1}`);
      }
      call.end();
      await waitFor(() => noticesFor(call.id).includes('report'), `report of call ${index + 1}`);
      expect(noticesFor(call.id)).toEqual(answered ? ['ringing', 'answered', 'ended', 'report'] : ['ringing', 'missed', 'report']);
      const ringing = lines.find((l) => l.callId === call.id && l.type === 'ringing')!;
      expect(ringing).toMatchObject({ provider: 'goto', caller: { name: `Caller ${index + 1}`, number: `+1555010${index}` }, line: { id: line } });
    }
    // Only these JSON lines on stdout: every line parsed (the reader would have thrown).
    expect(lines.every((l) => typeof l.type === 'string' && typeof l.at === 'string' && !Number.isNaN(Date.parse(l.at)))).toBe(true);
  }, 60_000);

  it('SIGTERM removes the channel and exits 0; no secret in the output', async () => {
    expect(sandbox.stats.liveChannels).toBe(1);
    const t0 = Date.now();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    console.log(`headless stop: exited in ${Date.now() - t0} ms`);
    expect(sandbox.stats.liveChannels).toBe(0);
    expect(sandbox.channels()).toEqual([]);
    const output = JSON.stringify(lines) + stderr;
    expect(output).not.toContain(sandbox.clientSecret);
    expect(output).not.toMatch(/Bearer [A-Za-z0-9]/);
    expect(output).not.toMatch(/(access|refresh)_token=[^[]/);
  }, 30_000);
});

describe('headless arguments, exit codes and signals', () => {
  it('--help prints the usage on stdout and exits 0; --version prints the version', async () => {
    expect(await run(['--help'], {})).toEqual({ code: 0, stdout: headlessHelp(), stderr: '' });
    expect(await run(['-v'], {})).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('a bad argument: a message on stderr, nothing on stdout, exit 2', async () => {
    const unknown = await run(['--no-such-option'], {});
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/--no-such-option[\s\S]*Try --help\./);
    expect(await run(['--log-level', 'loud'], {})).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/--log-level must be one of/) });
  });

  it('no GoTo client configured: says which variables to set and exits 2', async () => {
    const result = await run([], { PATH: process.env.PATH, HOME: process.env.HOME, RINGTRAY_SECRETS: 'memory' });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/RINGTRAY_GOTO_\*/);
  });

  it('SIGINT while waiting for the sign-in exits 0', async () => {
    const p = spawn(process.execPath, [bundle], { env: gotoEnv(sandbox.redirectUris[1]!), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = once(p, 'exit') as Promise<[number | null]>;
    await until(() => /^sign-in: /m.test(err), 30_000, 'the sign-in line');
    p.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
  }, 40_000);
});
