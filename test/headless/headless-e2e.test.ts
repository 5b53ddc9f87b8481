import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { freeLoopbackPort } from '../../electron/engine/demo/free-port';
import { headlessHelp } from '../../electron/engine/headless/headless-args';
import { createGotoSandbox, type GotoSandbox } from '../../electron/sandbox/goto/goto-sandbox';
import { baseEnv, buildHeadless, runHeadless, startHeadless, type HeadlessBundle, type HeadlessProcess } from './headless-harness';

// Headless mode as another tool would use it (./headless-harness.ts), against a GoTo sandbox owned
// by this test. This file is about the process contract: arguments, JSON lines on stdout, the
// sign-in line on stderr, exit codes and signals. The test plays the user's browser (it opens the
// printed sign-in URL and follows GoTo's redirect to the loopback). How the engine rides out faults
// is tested in test/engine/ (at test timings, plus one half-open socket at the product's own timings).

let bundle: HeadlessBundle;
let sandbox: GotoSandbox;
let headless: HeadlessProcess;

/** What the headless process needs to reach the sandbox, as a user would set it. */
const gotoEnv = (redirectUri: string): NodeJS.ProcessEnv =>
  baseEnv({
    RINGTRAY_GOTO_CLIENT_ID: sandbox.clientId,
    RINGTRAY_GOTO_CLIENT_SECRET: sandbox.clientSecret,
    RINGTRAY_GOTO_REDIRECT_URI: redirectUri,
    RINGTRAY_GOTO_AUTH_URL: sandbox.url,
    RINGTRAY_GOTO_API_URL: sandbox.url,
    RINGTRAY_GOTO_ADMIN_API_URL: sandbox.url,
  });

const run = (args: string[], env: NodeJS.ProcessEnv) => runHeadless(bundle, args, env);

beforeAll(async () => {
  bundle = await buildHeadless();
  const redirectUris = [`http://127.0.0.1:${await freeLoopbackPort()}/app/redirect`, `http://127.0.0.1:${await freeLoopbackPort()}/app/redirect`];
  sandbox = await createGotoSandbox({ redirectUris, reportDelayMs: 200 });
  headless = startHeadless(bundle, ['--lines', 'mine', '--log-level', 'debug'], gotoEnv(redirectUris[0]!));
}, 60_000);

afterAll(async () => {
  headless.kill();
  await sandbox.close();
  bundle.remove();
});

describe('headless mode, end to end', () => {
  it('signs in through the loopback like a browser', async () => {
    const url = await headless.signInUrl();
    expect(url.startsWith(`${sandbox.url}/oauth/authorize?`)).toBe(true);
    const callback = await headless.completeSignIn(url);
    expect(new URL(callback).hostname).toBe('127.0.0.1');
    await headless.waitFor(() => headless.lastStatus() === 'live', 'live');
    expect(headless.lines[0]).toMatchObject({ type: 'status', state: 'signed-out' });
    expect(headless.lines.map((l) => l.state).filter(Boolean)).toEqual(expect.arrayContaining(['signing-in', 'connecting', 'live']));
  }, 60_000);

  it('writes each notice of an answered and a missed call once, as JSON lines', async () => {
    const line = sandbox.userLines[0]!.id;
    for (const [index, answered] of [true, false].entries()) {
      const call = sandbox.calls.ringInbound({ lineId: line, caller: { name: `Caller ${index + 1}`, number: `+1555010${index}` } });
      await headless.waitFor(() => headless.noticesFor(call.id).includes('ringing'), `ringing of call ${index + 1}`);
      if (answered) {
        call.answer();
        await headless.waitFor(() => headless.noticesFor(call.id).includes('answered'), `answered of call ${index + 1}`);
      }
      call.end();
      await headless.waitFor(() => headless.noticesFor(call.id).includes('report'), `report of call ${index + 1}`);
      expect(headless.noticesFor(call.id)).toEqual(answered ? ['ringing', 'answered', 'ended', 'report'] : ['ringing', 'missed', 'report']);
      const ringing = headless.lines.find((l) => l.callId === call.id && l.type === 'ringing')!;
      expect(ringing).toMatchObject({ provider: 'goto', caller: { name: `Caller ${index + 1}`, number: `+1555010${index}` }, line: { id: line } });
    }
    // Only these JSON lines on stdout: every line parsed (the reader would have thrown).
    expect(headless.lines.every((l) => typeof l.type === 'string' && typeof l.at === 'string' && !Number.isNaN(Date.parse(l.at)))).toBe(true);
  }, 60_000);

  it('SIGTERM removes the channel and exits 0; no secret in the output', async () => {
    expect(sandbox.stats.liveChannels).toBe(1);
    const t0 = Date.now();
    expect(await headless.stop('SIGTERM')).toBe(0);
    console.log(`headless stop: exited in ${Date.now() - t0} ms`);
    expect(sandbox.stats.liveChannels).toBe(0);
    expect(sandbox.channels()).toEqual([]);
    const output = JSON.stringify(headless.lines) + headless.stderr;
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
    const result = await run([], baseEnv());
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(/RINGTRAY_GOTO_\*/);
  });

  it('SIGINT while waiting for the sign-in exits 0', async () => {
    const waiting = startHeadless(bundle, [], gotoEnv(sandbox.redirectUris[1]!));
    await waiting.signInUrl();
    expect(await waiting.stop('SIGINT')).toBe(0);
  }, 40_000);
});
