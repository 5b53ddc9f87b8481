// The notification-channel API over real HTTP: create, both extend forms, delete, 404 when gone,
// ownership, and the socket that belongs to a channel.
import { afterEach, describe, expect, it } from 'vitest';
import { call, cleanup, connect, createChannel, startSandbox } from './sandbox-helpers';

afterEach(cleanup);
const BASE = '/notification-channel/v1/channels';

describe('GoTo sandbox: notification channels', () => {
  it('creates a channel: 201 with id, nickname, socket URL on the same host, lifetime', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const res = await call(sandbox, token, 'POST', `${BASE}/ringtray`, { channelType: 'WebSockets' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      channelId: expect.any(String),
      channelNickname: 'ringtray',
      channelData: { channelType: 'WebSockets', isConnected: false },
      channelLifetime: 10800,
    });
    const url = new URL(res.body.channelData.channelURL as string);
    expect(url.protocol).toBe('ws:');
    expect(url.host).toBe(new URL(sandbox.url).host);
    expect(url.pathname).toBe(`/ws/${res.body.channelId as string}`);
    expect(url.search.length).toBeGreaterThan(3);
    expect(sandbox.channels().map((c) => c.id)).toEqual([res.body.channelId]);
  });

  it('accepts channelType "WebSocket" as GoTo’s own sample sends it, rejects others and bad nicknames', async () => {
    const sandbox = await startSandbox({ channelLifetimeSeconds: 1200 });
    const token = sandbox.issueAccessToken();
    const singular = await call(sandbox, token, 'POST', `${BASE}/demo`, { channelType: 'WebSocket' });
    expect(singular.status).toBe(201);
    expect(singular.body.channelLifetime).toBe(1200);
    expect((await call(sandbox, token, 'POST', `${BASE}/demo`, { channelType: 'Webhook' })).status).toBe(400);
    expect((await call(sandbox, token, 'POST', `${BASE}/${'n'.repeat(65)}`, { channelType: 'WebSockets' })).status).toBe(400);
  });

  it('extends with PUT …/{id} and PUT …/{id}/channel-lifetime, pushing expiry forward', async () => {
    const sandbox = await startSandbox({ channelLifetimeSeconds: 60 });
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    const before = Date.parse(sandbox.channels()[0]?.expiresAt ?? '');
    await new Promise((r) => setTimeout(r, 20));
    const put = await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}`, { channelType: 'WebSockets' });
    expect(put.status).toBe(200);
    expect(put.body.channelId).toBe(channel.channelId);
    const afterPut = Date.parse(sandbox.channels()[0]?.expiresAt ?? '');
    expect(afterPut).toBeGreaterThan(before);
    const lifetime = await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`);
    expect(lifetime.status).toBe(200);
    expect(lifetime.body).toEqual({ channelLifetime: 60 });
    const longer = await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`, { channelLifetime: 120 });
    expect(longer.body).toEqual({ channelLifetime: 120 });
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`, { channelLifetime: -1 })).status).toBe(400);
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}`, { channelType: 7 })).status).toBe(400);
  });

  it('deletes with 204, then answers 404 to extend and delete; the wrong nickname is 404 too', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    expect((await call(sandbox, token, 'PUT', `${BASE}/other/${channel.channelId}`, { channelType: 'WebSockets' })).status).toBe(404);
    expect((await call(sandbox, token, 'DELETE', `${BASE}/ringtray/${channel.channelId}`)).status).toBe(204);
    expect((await call(sandbox, token, 'DELETE', `${BASE}/ringtray/${channel.channelId}`)).status).toBe(404);
    const put = await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}`, { channelType: 'WebSockets' });
    expect(put.status).toBe(404);
    expect(put.body.errorCode).toBe('NOT_FOUND');
    expect((await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}/channel-lifetime`)).status).toBe(404);
    expect(sandbox.channels()).toEqual([]);
  });

  it('refuses another user’s channel with 403', async () => {
    const sandbox = await startSandbox();
    const mine = sandbox.issueAccessToken();
    const theirs = sandbox.issueAccessToken({ principal: 'jordan.lee@example.com' });
    const channel = await createChannel(sandbox, mine);
    expect((await call(sandbox, theirs, 'DELETE', `${BASE}/ringtray/${channel.channelId}`)).status).toBe(403);
    expect((await call(sandbox, theirs, 'PUT', `${BASE}/ringtray/${channel.channelId}`, { channelType: 'WebSockets' })).status).toBe(403);
    expect(sandbox.channels()).toHaveLength(1);
  });

  it('reports isConnected, and deleting the channel closes its socket', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    const socket = await connect(channel.channelData.channelURL);
    await sandbox.waitFor(() => sandbox.channels()[0]?.connected === true);
    const put = await call(sandbox, token, 'PUT', `${BASE}/ringtray/${channel.channelId}`, { channelType: 'WebSockets' });
    expect(put.body.channelData.isConnected).toBe(true);
    expect((await call(sandbox, token, 'DELETE', `${BASE}/ringtray/${channel.channelId}`)).status).toBe(204);
    const closed = await socket.closed;
    expect(closed.code).toBe(1000);
    expect(closed.reason).toBe('channel deleted');
    await sandbox.waitFor(() => sandbox.stats.openSockets === 0);
  });
});
