// Control messages and channel lifetime: REFRESH_REQUIRED on demand and automatically (half the
// lifetime when it is short), expiry without extension, extension postponing expiry,
// TO_BE_CLOSED retiring a channel, and the bare-string control format.
import { afterEach, describe, expect, it } from 'vitest';
import { refreshLeadSeconds } from '../../electron/sandbox/goto/channel-store';
import { until } from '../support/until';
import { call, cleanup, liveChannel, startSandbox } from './sandbox-helpers';

afterEach(cleanup);
const BASE = '/notification-channel/v1/channels';

describe('GoTo sandbox: control messages and lifetime', () => {
  it('sends REFRESH_REQUIRED and TO_BE_CLOSED in the normal envelope on fault injection', async () => {
    const sandbox = await startSandbox();
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

  it('sends REFRESH_REQUIRED at half a short lifetime, then expires the channel: socket closed, 404 after', async () => {
    const sandbox = await startSandbox({ channelLifetimeSeconds: 1 });
    const { token, channel, socket } = await liveChannel(sandbox);
    const started = Date.now();
    await sandbox.waitFor(() => socket.of('notification-websocket', 'WEBSOCKET_REFRESH_REQUIRED').length === 1, { timeoutMs: 3000 });
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

  it('an extension before expiry keeps the channel alive past its first lifetime', async () => {
    const sandbox = await startSandbox({ channelLifetimeSeconds: 2 });
    const { token, channel, socket } = await liveChannel(sandbox);
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

  it('expireChannel() ends the channel at once', async () => {
    const sandbox = await startSandbox();
    const { token, channel, socket } = await liveChannel(sandbox);
    sandbox.faults.expireChannel(channel.channelId);
    expect((await socket.closed).reason).toBe('channel expired');
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`)).status).toBe(404);
    expect(() => sandbox.faults.expireChannel('nope')).toThrow('No live channel');
  });

  it('TO_BE_CLOSED: after the grace period the socket closes and the channel is gone', async () => {
    const sandbox = await startSandbox({ toBeClosedGraceMs: 100 });
    const { token, channel, socket } = await liveChannel(sandbox);
    sandbox.faults.toBeClosed(channel.channelId);
    await sandbox.waitFor(() => socket.of('notification-websocket', 'WEBSOCKET_TO_BE_CLOSED').length === 1);
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 1001, reason: 'channel closed' });
    expect((await call(sandbox, token, 'DELETE', `${BASE}/ringtray/${channel.channelId}`)).status).toBe(404);
  });

  it('can send control messages as a bare string or a JSON string', async () => {
    const bare = await startSandbox({ controlMessageFormat: 'bare-string' });
    const a = await liveChannel(bare);
    bare.faults.refreshRequired();
    await bare.waitFor(() => a.socket.frames.length === 1);
    expect(a.socket.frames[0]?.text).toBe('WEBSOCKET_REFRESH_REQUIRED');

    const json = await startSandbox({ controlMessageFormat: 'json-string' });
    const b = await liveChannel(json);
    json.faults.toBeClosed(undefined, { graceMs: 10_000 });
    await json.waitFor(() => b.socket.frames.length === 1);
    expect(b.socket.frames[0]?.json).toBe('WEBSOCKET_TO_BE_CLOSED');
  });
});
