// The channel socket over a real WebSocket: upgrade rules, call frames for a rung call, pongs,
// replacement by a second connection, dropped TCP, and a half-open socket that truly goes silent.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, connect, createChannel, liveChannel, startSandbox } from './sandbox-helpers';

afterEach(cleanup);

describe('GoTo sandbox: channel socket', () => {
  it('refuses the upgrade with 404 for an unknown channel or a wrong URL token', async () => {
    const sandbox = await startSandbox();
    const channel = await createChannel(sandbox, sandbox.issueAccessToken());
    const url = new URL(channel.channelData.channelURL);
    await expect(connect(`ws://${url.host}/ws/no-such-channel${url.search}`)).rejects.toThrow('upgrade refused: 404');
    await expect(connect(`ws://${url.host}${url.pathname}?t=wrong`)).rejects.toThrow('upgrade refused: 404');
    await expect(connect(`ws://${url.host}/elsewhere`)).rejects.toThrow('upgrade refused: 404');
    expect(sandbox.stats.upgradesRejected).toBe(3);
    const ok = await connect(channel.channelData.channelURL);
    expect(ok.ws.readyState).toBe(ok.ws.OPEN);
  });

  it('delivers STARTING (LINE ringing), ACTIVE (LINE connected) and ENDING for a rung call', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    const caller = { name: 'Grace Okafor', number: '+12065550105' };
    const ringing = sandbox.calls.ringInbound({ caller });
    await sandbox.waitFor(() => socket.of('call-events', 'call-state').length === 1);
    const first = socket.frames[0]?.json;
    expect(first.data.timestamp).toEqual(expect.any(String));
    const content = first.data.content;
    expect(content.metadata).toMatchObject({
      conversationSpaceId: ringing.id,
      direction: 'INBOUND',
      accountKey: sandbox.accountKey,
      callCreated: expect.any(String),
    });
    expect(content.state).toMatchObject({ type: 'STARTING', sequenceNumber: 1, id: expect.any(String), timestamp: expect.any(String) });
    const line = sandbox.userLines[0];
    expect(content.state.participants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: { value: 'PHONE_NUMBER', caller }, status: { value: 'CONNECTED' } }),
        expect.objectContaining({
          type: { value: 'LINE', lineId: line?.id, name: line?.name, extensionNumber: line?.number },
          status: { value: 'RINGING' },
        }),
      ]),
    );

    ringing.answer();
    ringing.end();
    await sandbox.waitFor(() => socket.of('call-events').length === 3);
    const states = socket.of('call-events').map((f) => f.json.data.content.state);
    expect(states.map((s) => [s.type, s.sequenceNumber])).toEqual([
      ['STARTING', 1],
      ['ACTIVE', 2],
      ['ENDING', 3],
    ]);
    const lineStatus = (s: { participants: { type: { value: string }; status: { value: string } }[] }): string | undefined =>
      s.participants.find((p) => p.type.value === 'LINE')?.status.value;
    expect(lineStatus(states[1])).toBe('CONNECTED');
    expect(ringing.phase).toBe('ended');
    expect(sandbox.stats.callFramesSent).toBe(3);
  });

  it('answers client pings with the same payload', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    const pong = new Promise<string>((resolve) => socket.ws.once('pong', (data: Buffer) => resolve(data.toString())));
    socket.ws.ping(JSON.stringify({ sequence: 7 }));
    expect(await pong).toBe('{"sequence":7}');
    expect(sandbox.stats.pongsSent).toBe(1);
  });

  it('half-open: pings get no pong and frames stop, while TCP stays open; a new socket is healthy', async () => {
    const sandbox = await startSandbox();
    const { channel, socket } = await liveChannel(sandbox);
    sandbox.faults.halfOpen(true);
    let pongs = 0;
    socket.ws.on('pong', () => (pongs += 1));
    socket.ws.ping('are-you-there');
    sandbox.calls.ringInbound({});
    await sandbox.waitFor(() => sandbox.stats.pingsReceived === 1);
    // The ping arrived (counted above); give a pong time to come back if it were going to.
    await new Promise((r) => setTimeout(r, 300));
    expect(pongs).toBe(0);
    expect(socket.frames).toHaveLength(0);
    expect(sandbox.stats.framesDropped).toBeGreaterThanOrEqual(1);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    expect(sandbox.stats.openSockets).toBe(1);

    // The client gives up on the silent socket and reconnects to the same channel URL.
    socket.ws.terminate();
    const fresh = await connect(channel.channelData.channelURL);
    const pong = new Promise<void>((resolve) => fresh.ws.once('pong', () => resolve()));
    fresh.ws.ping();
    await pong;
    sandbox.calls.ringInbound({});
    await sandbox.waitFor(() => fresh.of('call-events').length === 1);
  });

  it('halfOpen(false) brings pongs back on the same socket', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    sandbox.faults.halfOpen(true);
    sandbox.faults.halfOpen(false);
    const pong = new Promise<void>((resolve) => socket.ws.once('pong', () => resolve()));
    socket.ws.ping();
    await pong;
  });

  it('a second connection to the channel replaces the first (close 4000)', async () => {
    const sandbox = await startSandbox();
    const { channel, socket } = await liveChannel(sandbox);
    const second = await connect(channel.channelData.channelURL);
    const closed = await socket.closed;
    expect(closed).toEqual({ code: 4000, reason: 'replaced by a newer connection' });
    sandbox.calls.ringInbound({});
    await sandbox.waitFor(() => second.of('call-events').length === 1);
    expect(socket.frames).toHaveLength(0);
    await sandbox.waitFor(() => sandbox.stats.openSockets === 1);
  });

  it('dropSockets() cuts TCP without a close frame (1006); the channel survives for a reconnect', async () => {
    const sandbox = await startSandbox();
    const { channel, socket } = await liveChannel(sandbox);
    sandbox.faults.dropSockets();
    expect((await socket.closed).code).toBe(1006);
    expect(sandbox.channels()).toHaveLength(1);
    const again = await connect(channel.channelData.channelURL);
    sandbox.calls.ringInbound({});
    await sandbox.waitFor(() => again.of('call-events').length === 1);
  });

  it('loses frames sent while no socket is attached, as the live service would', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    socket.ws.terminate();
    await sandbox.waitFor(() => sandbox.stats.openSockets === 0);
    sandbox.calls.ringInbound({});
    expect(sandbox.stats.framesDropped).toBe(1);
  });
});
