import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../electron/engine/demo/free-port';
import { createRingCentralSandbox, type RcSandbox } from '../../electron/sandbox/ringcentral/rc-sandbox';
import { baseEnv, buildHeadless, startHeadless, type HeadlessBundle, type HeadlessProcess } from './headless-harness';

// Headless mode with --provider ringcentral as another tool would use it (./headless-harness.ts),
// configured only by environment variables, against a RingCentral sandbox owned by this test. The
// test plays the browser (opens the printed sign-in URL, follows the redirect to the loopback),
// rings 10 calls and injects one gateway fault before each. Socket timings are the product's own;
// a half-open socket, which the product finds only after its pong deadline, is tested at test
// timings in test/providers/ringcentral/ and once at product timings in
// test/engine/half-open-real-timing.test.ts, so this file stays about the process contract.

let bundle: HeadlessBundle;
let sandbox: RcSandbox;
let headless: HeadlessProcess;

beforeAll(async () => {
  bundle = await buildHeadless();
  const redirectUri = `http://127.0.0.1:${await freeLoopbackPort()}/app/redirect`;
  sandbox = await createRingCentralSandbox({ redirectUris: [redirectUri], callLogDelayMs: 200 });
  headless = startHeadless(
    bundle,
    ['--provider', 'ringcentral', '--lines', 'mine', '--log-level', 'debug'],
    baseEnv({ RINGTRAY_RINGCENTRAL_CLIENT_ID: sandbox.clientId, RINGTRAY_RINGCENTRAL_SERVER_URL: sandbox.url, RINGTRAY_RINGCENTRAL_REDIRECT_URI: redirectUri }),
  );
}, 60_000);

afterAll(async () => {
  headless.kill();
  await sandbox.close();
  bundle.remove();
});

describe('headless mode with RingCentral, end to end', () => {
  it('signs in with PKCE as a public client through the loopback', async () => {
    const url = await headless.signInUrl();
    expect(url.startsWith(`${sandbox.url}/restapi/oauth/authorize?`)).toBe(true);
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    await headless.completeSignIn(url);
    await headless.waitFor(() => headless.lastStatus() === 'live', 'live');
    expect(sandbox.subscriptions()).toHaveLength(1);
  }, 60_000);

  it('rings 10 calls, a fault before each: every call accounted for exactly once', async () => {
    const f = sandbox.faults;
    const faults: Array<[string, () => void | Promise<void>]> = [
      [
        'socket dropped, and dropped again during the recovery',
        async () => {
          const tokens = sandbox.stats.wsTokens;
          f.drop();
          await headless.waitFor(() => sandbox.stats.wsTokens > tokens, 'a new ws token after the drop');
          f.drop();
        },
      ],
      ['socket dropped (recovered with replay)', () => f.drop()],
      ['garbage frames', () => ['not-json', 'binary', 'not-array', 'unknown-type', 'notification-without-body'].forEach((k) => f.garbage(k as never))],
      ['duplicate notifications', () => f.duplicateNext(10)],
      ['out-of-order notifications', () => f.reorderNext()],
      ['WSG-902 idle timeout', () => f.errorFrame('WSG-902')],
      ['WSG-903 absolute timeout', () => f.errorFrame('WSG-903')],
      ['wstoken 429 with Retry-After + drop', () => (f.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 429, retryAfterSeconds: 1 }), f.drop())],
      ['recovery Failed + drop', () => (f.failRecoveries(true), f.drop())],
      ['access token expired (rotating refresh) + drop', () => (f.expireAccessTokens(), f.drop())],
    ];
    const calls: Array<{ id: string; answered: boolean; fault: string; ringingAfterMs: number }> = [];
    for (const [index, [fault, inject]] of faults.entries()) {
      await inject();
      const answered = index % 2 === 0;
      const t0 = performance.now();
      const call = sandbox.calls.ring({ caller: { name: `Caller ${index + 1}`, number: `+1555010${index}` } });
      const id = call.telephonySessionId;
      await headless.waitFor(() => headless.noticesFor(id).includes('ringing'), `ringing of call ${index + 1} (${fault})`, 60_000);
      calls.push({ id, answered, fault, ringingAfterMs: performance.now() - t0 });
      f.failRecoveries(false);
      if (answered) {
        sandbox.calls.answer(id);
        await headless.waitFor(() => headless.noticesFor(id).includes('answered'), `answered of call ${index + 1}`);
      }
      sandbox.calls.hangUp(id);
      await headless.waitFor(() => headless.noticesFor(id).some((t) => t === 'missed' || t === 'ended'), `end of call ${index + 1} (${fault})`);
      await headless.waitFor(() => headless.lastStatus() === 'live', `live after call ${index + 1}`, 60_000);
      // The next fault and call come while this call's report is still being fetched (the call
      // log has a record only some seconds after the call ends).
    }
    for (const [i, c] of calls.entries()) await headless.waitFor(() => headless.noticesFor(c.id).includes('report'), `report of call ${i + 1} (${c.fault})`);
    console.log(`headless RingCentral fault run: ${calls.length} calls rung, ${headless.lines.filter((l) => l.type === 'ringing').length} ringing notices`);
    for (const c of calls) console.log(`  ${c.fault.padEnd(45)} ringing after ${(c.ringingAfterMs / 1000).toFixed(2)} s`);
    for (const [i, c] of calls.entries()) {
      const expected = c.answered ? ['ringing', 'answered', 'ended', 'report'] : ['ringing', 'missed', 'report'];
      expect({ call: i + 1, fault: c.fault, notices: headless.noticesFor(c.id) }).toEqual({ call: i + 1, fault: c.fault, notices: expected });
      const ringing = headless.lines.find((l) => l.callId === c.id && l.type === 'ringing')!;
      expect(ringing).toMatchObject({ provider: 'ringcentral', caller: { name: `Caller ${i + 1}`, number: `+1555010${i}` }, line: { id: sandbox.owner.id } });
    }
    expect(sandbox.stats.reusedTokensRejected).toBe(0);
  }, 400_000);

  it('SIGTERM removes the subscription and exits 0; no secret in the output', async () => {
    expect(await headless.stop('SIGTERM')).toBe(0);
    expect(sandbox.subscriptions()).toEqual([]);
    const output = JSON.stringify(headless.lines) + headless.stderr;
    expect(output).not.toMatch(/Bearer [A-Za-z0-9]/);
    expect(output).not.toMatch(/(access|refresh)_token=[^[]/);
  }, 30_000);
});
