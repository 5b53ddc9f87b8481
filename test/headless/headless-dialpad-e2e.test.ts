import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDialpadTenFaults } from '../../electron/sandbox/dialpad/dialpad-fault-script';
import { createDialpadSandbox, type DialpadSandbox } from '../../electron/sandbox/dialpad/dialpad-sandbox';
import { baseEnv, buildHeadless, runHeadless, startHeadless, type HeadlessBundle, type HeadlessProcess } from './headless-harness';

// Headless mode with --provider dialpad as another tool would use it (./headless-harness.ts):
// configured only by environment variables (an API key, the sandbox as the API base), against a
// Dialpad sandbox owned by this test. It rings 10 calls with one fault before each
// (electron/sandbox/dialpad/dialpad-fault-script.ts, which the provider's fault-run test runs too),
// at the product's own timings. URLs last 8 s here, so the product renews them (a tenth of their
// life before expiry) several times during the run, also while other faults are being ridden out. A
// half-open socket, found only after the product's pong deadline, is tested at test timings in
// test/providers/dialpad/ and once at product timings in test/engine/half-open-real-timing.test.ts,
// so this file stays about the process contract.

let bundle: HeadlessBundle;
let sandbox: DialpadSandbox;
let headless: HeadlessProcess;

beforeAll(async () => {
  bundle = await buildHeadless();
  sandbox = await createDialpadSandbox({ urlLifetimeSeconds: 8 });
  headless = startHeadless(bundle, ['--provider', 'dialpad', '--log-level', 'debug'], baseEnv({ RINGTRAY_DIALPAD_API_URL: sandbox.url, RINGTRAY_DIALPAD_API_KEY: sandbox.apiKey }));
}, 60_000);

afterAll(async () => {
  headless.kill();
  await sandbox.close();
  bundle.remove();
});

describe('headless mode with Dialpad, end to end', () => {
  it('--help lists the Dialpad variables with their defaults', async () => {
    const help = await runHeadless(bundle, ['--help'], baseEnv());
    expect(help.code).toBe(0);
    for (const name of ['RINGTRAY_DIALPAD_API_KEY', 'RINGTRAY_DIALPAD_CLIENT_ID', 'RINGTRAY_DIALPAD_CLIENT_SECRET', 'RINGTRAY_DIALPAD_REDIRECT_URI', 'RINGTRAY_DIALPAD_API_URL']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    expect(help.stdout).toMatch(/RINGTRAY_DIALPAD_API_URL\s+the API base \(default https:\/\/dialpad\.com;/);
    expect(help.stdout).toContain('(default http://127.0.0.1:12031/callback)');
  }, 30_000);

  it('signs in with the API key from the environment, no browser, and goes live', async () => {
    await headless.waitFor(() => headless.lastStatus() === 'live', 'live');
    expect(headless.stderr).not.toMatch(/^sign-in: /m);
    expect(sandbox.websockets()).toHaveLength(1);
    expect(sandbox.subscriptions()).toHaveLength(1);
  }, 60_000);

  it('rings 10 calls, a fault before each: one ringing and one terminal line per call', async () => {
    const calls = await runDialpadTenFaults(sandbox, { live: () => headless.lastStatus() === 'live', noticesFor: (id) => headless.noticesFor(id), timeoutMs: 30_000 });
    const ringing = headless.lines.filter((l) => l.type === 'ringing').length;
    console.log(`headless Dialpad fault run: ${calls.length} calls rung, ${ringing} ringing notices`);
    for (const [i, c] of calls.entries()) {
      expect({ call: i + 1, fault: c.fault, notices: headless.noticesFor(c.id) }).toEqual({ call: i + 1, fault: c.fault, notices: c.expected });
      const line = headless.lines.find((l) => l.callId === c.id && l.type === 'ringing')!;
      expect(line).toMatchObject({ provider: 'dialpad', caller: { name: `Caller ${i + 1}`, number: `+1555010${i}` }, line: { id: sandbox.user.id } });
    }
    expect(ringing).toBe(calls.length);
  }, 400_000);

  it('SIGTERM exits 0 and, with secrets in memory (nothing a next run could reuse), removes the websocket and subscription; no secret in the output', async () => {
    expect(sandbox.websockets()).toHaveLength(1);
    expect(await headless.stop('SIGTERM')).toBe(0);
    expect(sandbox.websockets()).toEqual([]);
    expect(sandbox.subscriptions()).toEqual([]);
    const output = JSON.stringify(headless.lines) + headless.stderr;
    expect(output).not.toContain(sandbox.apiKey);
    expect(output).not.toMatch(/Bearer [A-Za-z0-9]/);
  }, 30_000);
});
