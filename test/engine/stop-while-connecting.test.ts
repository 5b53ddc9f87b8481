import { describe, expect, it, type TestContext } from 'vitest';
import type { HttpDelay } from '../../electron/sandbox/common/http-faults';
import type { GotoSandbox } from '../../electron/sandbox/goto/goto-sandbox';
import { harnessFor } from '../support/demo-harness';

// Stopping the engine (quit, sign-out, demo stop) while the session is still connecting leaves
// nothing on the server (docs/reliability.md#quit-and-stop). The real engine against the real
// GoTo sandbox on 127.0.0.1 (HTTP + WebSocket); the sandbox holds one request's real answer back
// so stop() lands while it is in flight. Once stop() has settled the app is as good as gone: the
// sandbox then refuses everything it is sent, so only what stop() itself finished counts.

const HELD_MS = 800;
const STOP_TIMEOUT_MS = 3_000;

/** After stop(): every channel or subscription request from now on is refused, as after quit. */
function appGone(sandbox: GotoSandbox): void {
  for (const pathPrefix of ['/notification-channel/', '/call-events/', '/call-events-report/']) {
    sandbox.faults.failHttp({ pathPrefix, status: 503, times: 100 });
  }
}

async function stopDuring(
  t: Pick<TestContext, 'onTestFinished'>,
  phase: { hold: HttpDelay; route: string; ready?: (sandbox: GotoSandbox) => boolean },
): Promise<void> {
  const harness = await harnessFor(t, { waitForLive: false, onSandbox: (sandbox) => sandbox.faults.delayHttp(phase.hold) });
  const requested = (): number => harness.sandbox.stats.requests[phase.route] ?? 0;
  await harness.waitFor(() => requested() >= 1 && (phase.ready?.(harness.sandbox) ?? true), `${phase.route} in flight`);
  expect(harness.engine.status().state).not.toBe('live');

  const began = performance.now();
  await harness.engine.stop(STOP_TIMEOUT_MS);
  const tookMs = performance.now() - began;
  appGone(harness.sandbox);

  // The held request reaches its handler only after HELD_MS: wait until it surely has.
  const heldUntil = began + HELD_MS + 200;
  await harness.waitFor(() => performance.now() >= heldUntil, 'the held answer given');
  expect(harness.sandbox.channels()).toEqual([]);
  expect(harness.sandbox.stats.openSockets).toBe(0);
  // Bounded: within the timeout plus scheduling slack, never hanging quit.
  expect(tookMs).toBeLessThan(STOP_TIMEOUT_MS + 1_000);
}

// Each test has its own engine and sandbox (port 0) and mostly waits out a held answer, so they
// run side by side.
describe.concurrent('stop while connecting leaves no channel and no subscription on the server', () => {
  it('stopped while the channel is being created: the late channel is deleted before stop() settles', async (t) => {
    await stopDuring(t, {
      hold: { method: 'POST', pathPrefix: '/notification-channel/v1/channels', delayMs: HELD_MS },
      route: 'POST /notification-channel/v1/channels/:nickname',
    });
  });

  it('stopped while subscribing: subscriptions and channel deleted before stop() settles', async (t) => {
    await stopDuring(t, {
      hold: { method: 'POST', pathPrefix: '/call-events/v1/subscriptions', delayMs: HELD_MS },
      route: 'POST /call-events/v1/subscriptions',
    });
  });

  it('stopped with the socket open while the lines still load (before subscribing): nothing subscribed afterwards', async (t) => {
    await stopDuring(t, {
      hold: { method: 'GET', pathPrefix: '/users/v1/lines', delayMs: HELD_MS },
      route: 'GET /users/v1/lines',
      ready: (sandbox) => sandbox.stats.openSockets >= 1,
    });
  });

  it('a create that answers only after stop() gave up: stop() still settles within its timeout', async (t) => {
    const harness = await harnessFor(t, {
      waitForLive: false,
      onSandbox: (sandbox) => sandbox.faults.delayHttp({ method: 'POST', pathPrefix: '/notification-channel/v1/channels', delayMs: 1_500 }),
    });
    await harness.waitFor(() => (harness.sandbox.stats.requests['POST /notification-channel/v1/channels/:nickname'] ?? 0) >= 1, 'create in flight');
    const began = performance.now();
    await harness.engine.stop(300);
    expect(performance.now() - began).toBeLessThan(1_300);
    // The channel answered after stop() returned is deleted as soon as it arrives.
    await harness.waitFor(() => (harness.sandbox.stats.requests['DELETE /notification-channel/v1/channels/:nickname/:channelId'] ?? 0) >= 1, 'late channel deleted');
    await harness.waitFor(() => harness.sandbox.channels().length === 0, 'no channel left');
  });
});
