import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/demo-harness';

// After the refresh token is revoked the session cannot delete its channel (every request needs
// a token it no longer has). When the same user signs in again, that channel is reused if GoTo
// still has it, else it is gone or deleted: nothing is left on the server but what is in use.

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Revoked refresh token + expired access token; the next REST call (a gap's re-read) finds out. */
async function revoke(harness: Harness): Promise<void> {
  harness.sandbox.faults.revokeRefreshTokens();
  harness.sandbox.faults.expireAccessTokens();
  harness.sandbox.faults.dropSockets();
  await harness.waitFor(() => harness.engine.status().state === 'needs-sign-in', 'needs sign-in');
  await harness.waitFor(() => harness.sandbox.stats.openSockets === 0, 'the socket closed');
}

function expectOnlyTheLiveChannel(harness: Harness): void {
  const channels = harness.sandbox.channels();
  expect(channels).toHaveLength(1);
  expect(channels[0]).toMatchObject({ connected: true, callEvents: [{ accountKey: harness.sandbox.accountKey }] });
  expect(channels[0]!.reports).toHaveLength(1);
}

describe('re-sign-in of the same user', () => {
  it('reuses the channel the revoked session could not delete: one channel, its subscriptions, calls flow', async () => {
    h = await startHarness();
    const harness = h;
    const [old] = harness.sandbox.channels();
    await revoke(harness);
    // The old channel is still on the server: it could not be deleted without a token.
    expect(harness.sandbox.channels().map((c) => c.id)).toEqual([old!.id]);
    await harness.engine.signIn();
    await harness.waitForLive();
    expectOnlyTheLiveChannel(harness);
    expect(harness.sandbox.channels()[0]!.id).toBe(old!.id);
    const call = harness.sandbox.calls.ringInbound({ lineId: harness.sandbox.userLines[0]!.id });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing on the reused channel');
    expect(harness.noticesFor(call.id)).toEqual(['ringing']);
  });

  it('the old channel expired meanwhile: a new one, and still only one on the server', async () => {
    h = await startHarness();
    const harness = h;
    const [old] = harness.sandbox.channels();
    await revoke(harness);
    harness.sandbox.faults.expireChannel(old!.id);
    await harness.engine.signIn();
    await harness.waitForLive();
    expectOnlyTheLiveChannel(harness);
    expect(harness.sandbox.channels()[0]!.id).not.toBe(old!.id);
  });

  it('the old channel answers 500 when checked: it is deleted and a new one made', async () => {
    h = await startHarness();
    const harness = h;
    const [old] = harness.sandbox.channels();
    await revoke(harness);
    harness.sandbox.faults.failHttp({ method: 'PUT', pathPrefix: '/notification-channel/v1/channels', status: 500, times: 1 });
    await harness.engine.signIn();
    await harness.waitForLive();
    await harness.waitFor(() => harness.sandbox.channels().length === 1, 'the old channel deleted');
    expectOnlyTheLiveChannel(harness);
    expect(harness.sandbox.channels()[0]!.id).not.toBe(old!.id);
  });
});
