// Control messages and channel lifetime: REFRESH_REQUIRED on demand and automatically (half the
// lifetime when it is short), expiry without extension, extension postponing expiry,
// TO_BE_CLOSED retiring a channel, and the bare-string control format. Each test has sandboxes
// of its own (port 0) and shares nothing, so the tests run side by side.
import { afterAll, describe, expect, it } from 'vitest';
import { refreshLeadSeconds } from '../../electron/sandbox/goto/channel-store';
import { until } from '../support/until';
import { call, cleanup, liveChannel, sandboxFor } from './sandbox-helpers';

afterAll(cleanup);
const BASE = '/notification-channel/v1/channels';

describe.concurrent('GoTo sandbox: control messages and lifetime', () => {
  it('sends REFRESH_REQUIRED and TO_BE_CLOSED in the normal envelope on fault injection', async (t) => {
    const sandbox = await sandboxFor(t);
    const { socket } = await liveChannel(sandbox);
    sandbox.faults.refreshRequired();
    await sandbox.waitFor(() => socket.frames.length === 1);
    expect(socket.frames[0]?.json).toEqual({
      data: { source: 'notification-websocket', type: 'WEBSOCKET_REFRESH_REQUIRED', timestamp: expect.any(String), content: {} },
    });
    sandbox.faults.toBeClosed(undefined, { graceMs: 10_000 });
    await sandbox.waitFor(() => socket.of('notification-websocket', 'WEBSOCKET_TO_BE_CLOSED').length === 1);
    expect(sandbox.stats.controlFramesSent).toBe(2);
  });

  it('sends REFRESH_REQUIRED at half a short lifetime, then expires the channel: socket closed, 404 after', async (t) => {
    const sandbox = await sandboxFor(t);
    const { token, channel, socket } = await liveChannel(sandbox);
    // A lifetime runs from when it is set: given at creation, on a busy machine half of a 1 s
    // lifetime (or all of it) could pass before the socket is up. Set once the socket listens.
    const lifetime = await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`, { channelLifetime: 1 });
    expect(lifetime).toMatchObject({ status: 200, body: { channelLifetime: 1 } });
    const started = Date.now();
    await sandbox.waitFor(() => socket.of('notification-websocket', 'WEBSOCKET_REFRESH_REQUIRED').length === 1, { timeoutMs: 10_000 });
    const refreshAfter = Date.now() - started;
    const closed = await socket.closed;
    const closeAfter = Date.now() - started;
    console.log(`lifetime 1 s: REFRESH_REQUIRED after ${refreshAfter} ms, closed after ${closeAfter} ms`);
    expect(closeAfter).toBeGreaterThan(refreshAfter);
    expect(closed.reason).toBe('channel expired');
    expect(sandbox.channels()).toEqual([]);
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}`, { channelType: 'WebSockets' })).status).toBe(404);
    expect((await call(sandbox, token, 'DELETE', `${BASE}/ringtray/${channel.channelId}`)).status).toBe(404);
    const sub = await call(sandbox, token, 'POST', '/call-events/v1/subscriptions', {
      channelId: channel.channelId,
      accountKeys: [{ id: sandbox.accountKey, events: ['STARTING'] }],
    });
    expect(sub.status).toBe(404);
  });

  it('uses the 600 s lead for long lifetimes (seen live) and lifetime/2 below 1200 s', () => {
    expect(refreshLeadSeconds(10800)).toBe(600);
    expect(refreshLeadSeconds(1200)).toBe(600);
    expect(refreshLeadSeconds(60)).toBe(30);
    expect(refreshLeadSeconds(60, 10)).toBe(10);
  });

  it('an extension before expiry keeps the channel alive past its first lifetime', async (t) => {
    const sandbox = await sandboxFor(t);
    const { token, channel, socket } = await liveChannel(sandbox);
    // A 2 s lifetime set once the socket listens (see above), so setting up cannot use it up.
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`, { channelLifetime: 2 })).status).toBe(200);
    // Timed from the channel's own expiry, not from when setting up finished (slow on a busy
    // machine): extend halfway through the first lifetime, then look just after it would have ended.
    const firstExpiry = Date.parse(sandbox.channels()[0]!.expiresAt);
    await new Promise((r) => setTimeout(r, Math.max(0, firstExpiry - 1_000 - Date.now())));
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}`, { channelType: 'WebSockets' })).status).toBe(200);
    expect(Date.parse(sandbox.channels()[0]!.expiresAt)).toBeGreaterThan(firstExpiry);
    await until(() => Date.now() > firstExpiry + 50, 5_000, 'the first lifetime to pass');
    expect(sandbox.channels()).toHaveLength(1);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    sandbox.calls.ringInbound({});
    await sandbox.waitFor(() => socket.of('call-events').length === 1);
  });

  it('expireChannel() ends the channel at once', async (t) => {
    const sandbox = await sandboxFor(t);
    const { token, channel, socket } = await liveChannel(sandbox);
    sandbox.faults.expireChannel(channel.channelId);
    expect((await socket.closed).reason).toBe('channel expired');
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`)).status).toBe(404);
    expect(() => sandbox.faults.expireChannel('nope')).toThrow('No live channel');
  });

  it('TO_BE_CLOSED: after the grace period the socket closes and the channel is gone', async (t) => {
    const sandbox = await sandboxFor(t, { toBeClosedGraceMs: 100 });
    const { token, channel, socket } = await liveChannel(sandbox);
    sandbox.faults.toBeClosed(channel.channelId);
    await sandbox.waitFor(() => socket.of('notification-websocket', 'WEBSOCKET_TO_BE_CLOSED').length === 1);
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 1001, reason: 'channel closed' });
    expect((await call(sandbox, token, 'DELETE', `${BASE}/ringtray/${channel.channelId}`)).status).toBe(404);
  });

  it('can send control messages as a bare string or a JSON string', async (t) => {
    const bare = await sandboxFor(t, { controlMessageFormat: 'bare-string' });
    const a = await liveChannel(bare);
    bare.faults.refreshRequired();
    await bare.waitFor(() => a.socket.frames.length === 1);
    expect(a.socket.frames[0]?.text).toBe('WEBSOCKET_REFRESH_REQUIRED');

    const json = await sandboxFor(t, { controlMessageFormat: 'json-string' });
    const b = await liveChannel(json);
    json.faults.toBeClosed(undefined, { graceMs: 10_000 });
    await json.waitFor(() => b.socket.frames.length === 1);
    expect(b.socket.frames[0]?.json).toBe('WEBSOCKET_TO_BE_CLOSED');
  });
});
