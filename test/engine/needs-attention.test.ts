import { describe, expect, it } from 'vitest';
import { startDemo } from '../../electron/engine/demo/demo-engine';
import { reconfigureProviderEngine } from '../../electron/engine/engine-factory';
import { createLogger } from '../../electron/engine/log/logger';
import { gotoProvider } from '../../electron/engine/providers/goto/goto-provider';
import { ringcentralProvider } from '../../electron/engine/providers/ringcentral/ringcentral-provider';
import { startRingCentralDemo } from '../../electron/sandbox/ringcentral/ringcentral-demo';
import { FAST_CONNECTION, harnessFor, type Harness } from '../support/demo-harness';
import { until } from '../support/until';

// A session stopped by an error retrying cannot cure (docs/architecture.md#failures-are-states;
// docs/reliability.md#stopped-sessions): the real engine against the GoTo sandbox over loopback
// HTTP and WebSocket. The state says what is wrong (never "offline"), calls that ring while it
// lasts are not noticed, and each way out builds a new session whose calls ring again.
// Every test has its own engine and sandbox (port 0), so they all run side by side.

const userLine = (harness: Harness) => harness.sandbox.userLines[0]!.id;

/** GoTo answers the call-events subscription with 403 (the user is not an admin); the session stops. */
async function refuseSubscription(harness: Harness): Promise<void> {
  harness.sandbox.faults.failSubscriptions({ status: 403, errorCode: 'AUTHZ_INSUFFICIENT_SCOPE', times: 100 });
  harness.sandbox.faults.expireChannel();
  await harness.waitFor(() => harness.engine.status().state === 'needs-attention', 'needs-attention');
}

/** A call rings while the session is stopped: nothing is noticed (no socket, no channel left). */
async function ringUnnoticed(harness: Harness): Promise<void> {
  await harness.waitFor(() => harness.sandbox.stats.openSockets === 0 && harness.sandbox.stats.liveChannels === 0, 'nothing left on the server');
  const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(harness.noticesFor(call.id)).toEqual([]);
  call.end();
}

/** After a way out: live again, and a new call rings. */
async function ringsAgain(harness: Harness): Promise<void> {
  await harness.waitForLive();
  const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
  await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing after the way out');
  call.end();
}

describe.concurrent('a session stopped for good', () => {
  it('a refused subscription (403) is needs-attention with a sentence naming GoTo and what to do, never offline', async (t) => {
    const harness = await harnessFor(t);
    await refuseSubscription(harness);
    const status = harness.engine.status();
    expect(status.problem).toMatchObject({ kind: 'refused', actions: ['retry', 'sign-in'] });
    expect(status.problem!.message).toMatch(/^GoTo refused .*\(403\).*admin of the GoTo Connect account/);
    expect(status.message).toBe(status.problem!.message);
    // The slow automatic retry is planned, 5 min ± 20 %.
    const inMs = Date.parse(status.problem!.retryAt!) - Date.now();
    expect(inMs).toBeGreaterThan(3.9 * 60_000);
    expect(inMs).toBeLessThanOrEqual(6 * 60_000);
    expect(harness.states).not.toContain('offline');
    await ringUnnoticed(harness);
  });

  const waysOut: Array<[string, (harness: Harness) => Promise<void> | void]> = [
    ['Retry', (harness) => harness.engine.retry()],
    ['signing in again', (harness) => harness.engine.signIn()],
    ['resume from sleep', (harness) => harness.engine.resume()],
    ['the network coming back', (harness) => harness.engine.online()],
    [
      'a settings change',
      (harness) => {
        const resolved = gotoProvider.resolve({ ...gotoProvider.settings.defaults, ...harness.backend.settings, accountKey: harness.sandbox.accountKey }, harness.backend.env);
        if (!resolved.ok) throw new Error(resolved.message);
        expect(harness.engine.reconfigure(resolved.provider)).toBe(true);
      },
    ],
  ];

  for (const [name, wayOut] of waysOut) {
    it(`${name} replaces the stopped session: calls ring again`, async (t) => {
      const harness = await harnessFor(t);
      await refuseSubscription(harness);
      await ringUnnoticed(harness);
      // The admin granted the right meanwhile.
      harness.sandbox.faults.clear();
      await wayOut(harness);
      await ringsAgain(harness);
      expect(harness.engine.status().problem).toBeNull();
    });
  }

  it('retries by itself after the slow interval, and keeps retrying while the refusal lasts', async (t) => {
    const harness = await harnessFor(t, { attentionRetryMs: 400 });
    await refuseSubscription(harness);
    const subscribes = () => harness.sandbox.stats.requests['POST /call-events/v1/subscriptions'] ?? 0;
    const before = subscribes();
    // Still refused: the automatic retry tries again and stops again, with a new retry planned.
    await harness.waitFor(() => subscribes() > before && harness.engine.status().state === 'needs-attention', 'a second automatic try, refused again');
    harness.sandbox.faults.clear();
    await ringsAgain(harness);
  });

  it('still 401 after refreshing the token: needs-attention asking to sign in, and a new sign-in leads out', async (t) => {
    const harness = await harnessFor(t);
    // Every channel request answers 401, however fresh the token (authorizedRequest refreshes once,
    // the connection refreshes once more): the second 401 after a refresh is the stop.
    harness.sandbox.faults.failHttp({ method: 'POST', pathPrefix: '/notification-channel/v1/channels', status: 401, times: 100 });
    harness.sandbox.faults.expireChannel();
    await harness.waitFor(() => harness.engine.status().state === 'needs-attention', 'needs-attention');
    expect(harness.engine.status().problem).toMatchObject({ kind: 'unauthorized', actions: ['sign-in', 'retry'] });
    expect(harness.engine.status().problem!.message).toMatch(/^GoTo still refused Ringtray .*\(401\).*sign in again/);
    await ringUnnoticed(harness);
    harness.sandbox.faults.clear();
    await harness.engine.signIn();
    await ringsAgain(harness);
  });
});

describe.concurrent('the same mechanism for RingCentral', () => {
  it('a refused subscription (403) is needs-attention with RingCentral\'s sentence; Retry brings calls back', async () => {
    const demo = await startDemo({
      provider: ringcentralProvider,
      log: createLogger(() => undefined),
      callsPerMinute: 0,
      engine: { session: { connection: FAST_CONNECTION } },
      backend: (o) => startRingCentralDemo({ ...o, recoveryTimeoutS: 20 }),
    });
    try {
      const { engine } = demo;
      const sandbox = demo.backend.sandbox;
      const notices: string[] = [];
      engine.onNotice((n) => notices.push(`${n.callId}:${n.type}`));
      await until(() => engine.status().state === 'live', 10_000, 'live');
      // The next connection must subscribe anew (no session recovery), and that subscribe is refused.
      sandbox.faults.failRecoveries(true);
      sandbox.faults.failNextSubscribe(403);
      sandbox.faults.drop();
      await until(() => engine.status().state === 'needs-attention', 10_000, 'needs-attention');
      expect(engine.status().problem).toMatchObject({ kind: 'refused', actions: ['retry', 'sign-in'] });
      expect(engine.status().problem!.message).toMatch(/^RingCentral refused the call-event subscription \(403\)/);
      const unnoticed = sandbox.calls.ring().telephonySessionId;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(notices.filter((n) => n.startsWith(unnoticed))).toEqual([]);
      engine.retry();
      await until(() => engine.status().state === 'live', 10_000, 'live after Retry');
      const call = sandbox.calls.ring().telephonySessionId;
      await until(() => notices.includes(`${call}:ringing`), 10_000, 'ringing after Retry');
    } finally {
      await demo.close();
    }
  });
});

describe.concurrent('saved provider settings and the sign-in', () => {
  it('a change that keeps the sign-in keeps a session held only in memory; another client id needs a new engine', async (t) => {
    const harness = await harnessFor(t);
    const values = { ...gotoProvider.settings.defaults, ...harness.backend.settings };
    const refreshGrants = harness.sandbox.oauth.stats.refreshGrants;
    // The demo keeps its tokens in memory only: nothing in a keychain to restore from.
    const mark = harness.states.length;
    expect(reconfigureProviderEngine(harness.engine, { provider: gotoProvider, settings: { ...values, accountKey: harness.sandbox.accountKey }, env: harness.backend.env })).toBe(true);
    // The session is replaced with one that uses the new settings.
    await harness.waitFor(() => harness.states.slice(mark).includes('connecting'), 'a new session');
    await ringsAgain(harness);
    expect(harness.engine.auth.tokens.current.state).toBe('signed-in');
    expect(harness.states).not.toContain('signed-out');
    expect(harness.sandbox.oauth.stats.refreshGrants).toBe(refreshGrants);
    expect(reconfigureProviderEngine(harness.engine, { provider: gotoProvider, settings: { ...values, clientId: 'another-client' }, env: harness.backend.env })).toBe(false);
    expect(harness.engine.status().state).toBe('live');
  });
});
