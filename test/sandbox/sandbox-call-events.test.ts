// Call-events subscriptions (207 Multi-Status), the call sequences the client must understand
// (missed, outbound, IVR, empty ENDING, other people's lines), duplicates, garbage frames, and the
// REST backfill routes.
import { afterEach, describe, expect, it } from 'vitest';
import { call, cleanup, connect, createChannel, liveChannel, startSandbox, subscribeCalls } from './sandbox-helpers';

afterEach(cleanup);
const SUBS = '/call-events/v1/subscriptions';

describe('GoTo sandbox: call-events subscriptions', () => {
  it('answers 207 with one Success entry per account key; a foreign account key gets a 403 entry', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    const res = await call(sandbox, token, 'POST', SUBS, {
      channelId: channel.channelId,
      accountKeys: [
        { id: sandbox.accountKey, events: ['STARTING', 'ACTIVE', 'ENDING'] },
        { id: '999', events: ['STARTING'] },
      ],
    });
    expect(res.status).toBe(207);
    expect(res.body.accountKeys).toEqual([
      { id: sandbox.accountKey, status: 200, message: 'Success' },
      { id: '999', status: 403, message: expect.any(String), errorCode: 'FORBIDDEN' },
    ]);
    expect(sandbox.channels()[0]?.callEvents).toEqual([{ accountKey: sandbox.accountKey, events: ['STARTING', 'ACTIVE', 'ENDING'] }]);
  });

  it('fails entries on demand with status and errorCode, still as 207', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    sandbox.faults.failSubscriptions({ status: 403, errorCode: 'AUTHZ_INSUFFICIENT_SCOPE' });
    const failed = await subscribeCalls(sandbox, token, channel.channelId);
    expect(failed.status).toBe(207);
    expect(failed.body.accountKeys[0]).toMatchObject({ status: 403, errorCode: 'AUTHZ_INSUFFICIENT_SCOPE' });
    expect(sandbox.channels()[0]?.callEvents).toEqual([]);
    expect((await subscribeCalls(sandbox, token, channel.channelId)).body.accountKeys[0].status).toBe(200);
  });

  it('refuses a missing channel (404), another user’s channel (403) and bad bodies (400)', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    expect((await subscribeCalls(sandbox, token, 'no-such-channel')).status).toBe(404);
    const other = sandbox.issueAccessToken({ principal: 'sam.rivera@example.com' });
    expect((await subscribeCalls(sandbox, other, channel.channelId)).status).toBe(403);
    const bad = [
      { channelId: channel.channelId },
      { channelId: channel.channelId, accountKeys: [] },
      { channelId: channel.channelId, accountKeys: [sandbox.accountKey] },
      { channelId: channel.channelId, accountKeys: [{ id: sandbox.accountKey, events: ['RINGING'] }] },
    ];
    for (const body of bad) expect((await call(sandbox, token, 'POST', SUBS, body)).status).toBe(400);
  });

  it('deletes with 204, then 404; missing query parameters are 400', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    await subscribeCalls(sandbox, token, channel.channelId);
    const q = `?channelId=${channel.channelId}&accountKey=${sandbox.accountKey}`;
    expect((await call(sandbox, token, 'DELETE', `${SUBS}${q}`)).status).toBe(204);
    expect((await call(sandbox, token, 'DELETE', `${SUBS}${q}`)).status).toBe(404);
    expect((await call(sandbox, token, 'DELETE', `${SUBS}?channelId=${channel.channelId}`)).status).toBe(400);
  });

  it('sends only the subscribed state types', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    await subscribeCalls(sandbox, token, channel.channelId, ['ENDING']);
    const socket = await connect(channel.channelData.channelURL);
    const c = sandbox.calls.ringInbound({});
    c.answer();
    c.end();
    await sandbox.waitFor(() => socket.frames.length === 1);
    expect(socket.frames[0]?.json.data.content.state.type).toBe('ENDING');
  });
});

describe('GoTo sandbox: call sequences', () => {
  const lineOf = (frame: { json: { data: { content: { state: { participants: { type: { value: string; lineId?: string }; status: { value: string } }[] } } } } }) =>
    frame.json.data.content.state.participants.find((p) => p.type.value === 'LINE');

  it('a missed call rings then ends without any LINE connected; ENDING can carry participants: []', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    const c = sandbox.calls.ringInbound({});
    c.end({ emptyParticipants: true });
    await sandbox.waitFor(() => socket.frames.length === 2);
    expect(socket.frames.map((f) => f.json.data.content.state.type)).toEqual(['STARTING', 'ENDING']);
    expect(socket.frames[1]?.json.data.content.state.participants).toEqual([]);
    expect(socket.frames.some((f) => lineOf(f)?.status.value === 'CONNECTED')).toBe(false);
    expect(() => c.answer()).toThrow('already ended');
    expect(sandbox.calls.get(c.id)?.outcome).toBe('MISSED');
  });

  it('an outbound call is OUTBOUND with a dialString and the callee as PHONE_NUMBER', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    const callee = { name: 'Wei Zhang', number: '+14085550110' };
    const c = sandbox.calls.placeOutbound({ callee });
    c.answer();
    c.end();
    await sandbox.waitFor(() => socket.frames.length === 3);
    const first = socket.frames[0]?.json.data.content;
    expect(first.metadata).toMatchObject({ direction: 'OUTBOUND', dialString: callee.number, callInitiator: expect.any(String) });
    expect(first.state.participants).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: { value: 'PHONE_NUMBER', callee }, status: { value: 'RINGING' } })]),
    );
  });

  it('an IVR call starts with a PHONE_NUMBER-only STARTING before the LINE rings', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    sandbox.calls.ringInbound({ ivr: true });
    await sandbox.waitFor(() => socket.frames.length === 2);
    const [ivr, ringing] = socket.frames.map((f) => f.json.data.content.state);
    expect(ivr.participants).toEqual([expect.objectContaining({ status: { value: 'IN_INTERACTIVE_VOICE_RESPONSE' } })]);
    expect(ringing.sequenceNumber).toBe(2);
    expect(lineOf(socket.frames[1]!)?.status.value).toBe('RINGING');
  });

  it('delivers calls on colleagues’ lines too (the subscription covers the account)', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    const colleague = sandbox.lines.find((l) => !sandbox.userLines.includes(l));
    sandbox.calls.ringInbound({ lineId: colleague?.id });
    await sandbox.waitFor(() => socket.frames.length === 1);
    expect(lineOf(socket.frames[0]!)?.type.lineId).toBe(colleague?.id);
    expect(() => sandbox.calls.ringInbound({ lineId: 'not-a-line' })).toThrow('no line');
  });

  it('duplicateNextFrames(n) sends the next n call frames twice', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    sandbox.faults.duplicateNextFrames(1);
    const c = sandbox.calls.ringInbound({});
    c.answer();
    await sandbox.waitFor(() => socket.frames.length === 3);
    expect(socket.frames.map((f) => f.json.data.content.state.sequenceNumber)).toEqual([1, 1, 2]);
  });

  it('sends each kind of garbage frame', async () => {
    const sandbox = await startSandbox();
    const { socket } = await liveChannel(sandbox);
    sandbox.faults.sendGarbage('non-json');
    sandbox.faults.sendGarbage('binary');
    sandbox.faults.sendGarbage('oversized', { bytes: 200_000 });
    sandbox.faults.sendGarbage('unknown-type');
    sandbox.faults.sendGarbage('missing-fields');
    await sandbox.waitFor(() => socket.frames.length === 5);
    const [nonJson, binary, oversized, unknown, missing] = socket.frames;
    expect(nonJson?.json).toBeUndefined();
    expect(binary?.binary).toBe(true);
    expect(oversized?.text.length).toBeGreaterThanOrEqual(200_000);
    expect(unknown?.json.data.type).toBe('call-parked');
    expect(missing?.json.data.content.metadata).toEqual({});
    expect(() => sandbox.faults.sendGarbage('nonsense' as never)).toThrow('kind must be');
  });

  it('an oversized frame trips a client maxPayload', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    const socket = await connect(channel.channelData.channelURL, { maxPayload: 64 * 1024 });
    const error = new Promise<Error>((resolve) => socket.ws.once('error', resolve));
    sandbox.faults.sendGarbage('oversized');
    expect((await error).message).toMatch(/max payload/i);
    await socket.closed;
    expect(socket.frames).toHaveLength(0);
  });
});

describe('GoTo sandbox: backfill routes', () => {
  it('lists active calls with their latest state and each call’s events in order', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const ringing = sandbox.calls.ringInbound({});
    const talking = sandbox.calls.placeOutbound({});
    talking.answer();
    const over = sandbox.calls.ringInbound({});
    over.end();

    const active = await call(sandbox, token, 'GET', `/call-events/v1/conversation-spaces?accountKey=${sandbox.accountKey}`);
    expect(active.status).toBe(200);
    const byId = new Map((active.body.items as { metadata: { conversationSpaceId: string }; state: { type: string } }[]).map((i) => [i.metadata.conversationSpaceId, i.state.type]));
    expect(Object.fromEntries(byId)).toEqual({ [ringing.id]: 'STARTING', [talking.id]: 'ACTIVE' });

    const events = await call(sandbox, token, 'GET', `/call-events/v1/conversation-spaces/${over.id}/events`);
    expect(events.status).toBe(200);
    expect((events.body.items as { state: { type: string; sequenceNumber: number } }[]).map((i) => [i.state.type, i.state.sequenceNumber])).toEqual([
      ['STARTING', 1],
      ['ENDING', 2],
    ]);
    expect((await call(sandbox, token, 'GET', '/call-events/v1/conversation-spaces/unknown/events')).status).toBe(404);
    expect((await call(sandbox, token, 'GET', '/call-events/v1/conversation-spaces')).status).toBe(400);
    expect((await call(sandbox, token, 'GET', '/call-events/v1/conversation-spaces?accountKey=1')).status).toBe(403);
  });
});
