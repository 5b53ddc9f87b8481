import type { GotoSession } from '../../electron/engine/providers/goto/goto-session';
import { describe, expect, it } from 'vitest';
import { harnessFor, type Harness } from '../support/demo-harness';

// The socket rules (docs/reliability.md#the-socket, #liveness, #channels), end to end: the real
// engine (sign-in, tokens, channel API, WebSocket, tracker) against the GoTo sandbox over real
// loopback HTTP and WebSocket. Each fault is injected in the sandbox, as a network or GoTo
// would cause it.

const userLine = (harness: Harness) => harness.sandbox.userLines[0]!.id;

// Every test has its own engine and sandbox (port 0) and mostly waits on the sandbox and the
// engine's timers, so they run side by side.
describe.concurrent('engine against the GoTo sandbox', () => {
  it('signs in, goes live in 4 sequential round trips, and turns a call into ringing → answered → ended → report', async (t) => {
    const harness = await harnessFor(t);
    const requests = harness.sandbox.stats.requests;
    // token (code exchange), channel, socket, the two subscriptions in parallel.
    expect(requests['POST /oauth/token']).toBe(1);
    expect(requests['POST /notification-channel/v1/channels/:nickname']).toBe(1);
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Jane Doe', number: '+15550100' } });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
    const ringing = harness.notices.find((n) => n.callId === call.id)!;
    expect(ringing).toMatchObject({ type: 'ringing', provider: 'goto', direction: 'inbound', caller: { name: 'Jane Doe', number: '+15550100' } });
    expect(ringing.line?.id).toBe(userLine(harness));
    call.answer();
    await harness.waitFor(() => harness.noticesFor(call.id).includes('answered'), 'answered');
    call.end({ emptyParticipants: true });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('report'), 'report');
    expect(harness.noticesFor(call.id)).toEqual(['ringing', 'answered', 'ended', 'report']);
    const report = harness.notices.find((n) => n.type === 'report')!.report!;
    expect(report).toMatchObject({ callId: call.id, outcome: 'answered', caller: { name: 'Jane Doe' } });
    // The caller survives an ENDING frame with no participants.
    expect(harness.notices.find((n) => n.type === 'ended')?.caller.name).toBe('Jane Doe');
  });

  it('a missed call and a call on a colleague’s line: missed for mine, nothing for theirs', async (t) => {
    const harness = await harnessFor(t);
    const colleagueLine = harness.sandbox.lines.find((l) => !harness.sandbox.userLines.some((u) => u.id === l.id))!;
    const mine = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
    const theirs = harness.sandbox.calls.ringInbound({ lineId: colleagueLine.id });
    await harness.waitFor(() => harness.noticesFor(mine.id).includes('ringing'), 'ringing');
    mine.end();
    theirs.end();
    await harness.waitFor(() => harness.noticesFor(mine.id).includes('missed'), 'missed');
    expect(harness.noticesFor(mine.id).slice(0, 2)).toEqual(['ringing', 'missed']);
    expect(harness.noticesFor(theirs.id)).toEqual([]);
  });

  it('server drops the socket → live again and calls flow (prints the time)', async (t) => {
    const harness = await harnessFor(t);
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const opened = harness.sandbox.stats.connectionsAccepted;
      const t0 = performance.now();
      harness.sandbox.faults.dropSockets();
      await harness.waitFor(() => harness.sandbox.stats.connectionsAccepted > opened && harness.engine.status().state === 'live', 'reconnected');
      times.push(performance.now() - t0);
      const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
      await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing after reconnect');
      call.end();
    }
    times.sort((a, b) => a - b);
    console.log(`drop → live: median ${times[2]!.toFixed(0)} ms, max ${times[4]!.toFixed(0)} ms (5 drops)`);
    // The channel was reused: reconnecting is not a reason to leak channels.
    expect(harness.sandbox.stats.liveChannels).toBe(1);
    expect(harness.sandbox.stats.openSockets).toBe(1);
  });

  it('half-open socket: detected by the pong deadline, and a call that rang meanwhile still rings once', async (t) => {
    const harness = await harnessFor(t);
    const t0 = performance.now();
    harness.sandbox.faults.halfOpen(true);
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'During Outage', number: '+15550123' } });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing via backfill');
    console.log(`half-open → call noticed: ${(performance.now() - t0).toFixed(0)} ms (ping 300 ms + deadline 200 ms)`);
    harness.sandbox.faults.halfOpen(false);
    call.end();
    await harness.waitFor(() => harness.noticesFor(call.id).includes('missed'), 'missed');
    expect(harness.noticesFor(call.id).filter((t) => t === 'ringing')).toHaveLength(1);
  });

  it('a call that rang and ended while the socket was down becomes one missed notice', async (t) => {
    const harness = await harnessFor(t);
    // Every socket silent, new ones too: however the engine reconnects meanwhile (a loaded
    // machine can miss the tests' 200 ms pong deadline), no frame of this call reaches it.
    const mark = harness.states.length;
    harness.sandbox.faults.halfOpen(true, { newSockets: true });
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Gone Before', number: '+15550188' } });
    call.end();
    await harness.waitFor(() => harness.states.slice(mark).some((s) => s !== 'live'), 'the engine notices the dead socket');
    harness.sandbox.faults.halfOpen(false);
    await harness.waitFor(() => harness.noticesFor(call.id).includes('missed'), 'missed via report summaries');
    expect(harness.noticesFor(call.id).filter((t) => t === 'missed' || t === 'ringing')).toEqual(['missed']);
    expect(harness.notices.find((n) => n.callId === call.id && n.type === 'missed')?.caller.name).toBe('Gone Before');
  });

  it('WEBSOCKET_REFRESH_REQUIRED extends the channel without reconnecting', async (t) => {
    const harness = await harnessFor(t);
    const accepted = harness.sandbox.stats.connectionsAccepted;
    harness.sandbox.faults.refreshRequired();
    await harness.waitFor(() => (harness.engine.currentSession<GotoSession>()?.stats().extensions ?? 0) >= 1, 'extended');
    expect(harness.sandbox.stats.connectionsAccepted).toBe(accepted);
    expect(harness.engine.currentSession<GotoSession>()?.stats().channelsCreated).toBe(1);
  });

  it('WEBSOCKET_TO_BE_CLOSED: a new channel is live before the old one goes; no call lost or duplicated', async (t) => {
    const harness = await harnessFor(t, { sandbox: { toBeClosedGraceMs: 1_500 } });
    const before = harness.sandbox.channels().map((c) => c.id);
    const early = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
    await harness.waitFor(() => harness.noticesFor(early.id).includes('ringing'), 'early ringing');
    harness.sandbox.faults.toBeClosed();
    // During the overlap both channels are subscribed: the same frames arrive twice.
    await harness.waitFor(() => harness.sandbox.channels().some((c) => !before.includes(c.id) && c.connected), 'new channel connected');
    const during = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
    early.answer();
    await harness.waitFor(() => harness.noticesFor(during.id).includes('ringing') && harness.noticesFor(early.id).includes('answered'), 'calls during overlap');
    await harness.waitFor(() => harness.sandbox.channels().every((c) => !before.includes(c.id)), 'old channel removed');
    const after = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
    await harness.waitFor(() => harness.noticesFor(after.id).includes('ringing'), 'ringing after replacement');
    for (const c of [early, during, after]) expect(harness.noticesFor(c.id).filter((t) => t === 'ringing')).toHaveLength(1);
    expect(harness.noticesFor(early.id)).toEqual(['ringing', 'answered']);
    expect(harness.sandbox.stats.liveChannels).toBe(1);
  });

  it('an expired channel (404 on reconnect) is replaced by a new one and calls flow again', async (t) => {
    const harness = await harnessFor(t);
    harness.sandbox.faults.expireChannel();
    await harness.waitFor(() => (harness.engine.currentSession<GotoSession>()?.stats().channelsCreated ?? 0) >= 2 && harness.engine.status().state === 'live', 'new channel live');
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing on the new channel');
    expect(harness.sandbox.stats.liveChannels).toBe(1);
  });

  it('garbage and duplicate frames: counted and dropped, one ringing per call, socket survives', async (t) => {
    const harness = await harnessFor(t);
    for (const kind of ['non-json', 'unknown-type', 'missing-fields', 'binary'] as const) harness.sandbox.faults.sendGarbage(kind);
    harness.sandbox.faults.duplicateNextFrames(10);
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
    call.answer();
    call.end();
    await harness.waitFor(() => harness.noticesFor(call.id).includes('report'), 'report');
    // The whole list: a duplicated frame must not repeat any notice, the last ones included.
    expect(harness.noticesFor(call.id)).toEqual(['ringing', 'answered', 'ended', 'report']);
    const stats = harness.engine.currentSession<GotoSession>()!.stats();
    expect(stats.malformed).toBeGreaterThanOrEqual(2);
    expect(stats.ignored).toBeGreaterThanOrEqual(1);
    expect(harness.engine.status().state).toBe('live');
  });

  it('503 with Retry-After on channel create ×3 → backs off, then connects', async (t) => {
    const harness = await harnessFor(t);
    harness.sandbox.faults.failHttp({ method: 'POST', pathPrefix: '/notification-channel/v1/channels', status: 503, retryAfterSeconds: 0, times: 3 });
    harness.sandbox.faults.expireChannel();
    await harness.waitFor(() => harness.engine.status().state === 'live' && (harness.engine.currentSession<GotoSession>()?.stats().channelsCreated ?? 0) >= 2, 'live after 503s', 20_000);
    expect(harness.sandbox.stats.requests['POST /notification-channel/v1/channels/:nickname']).toBeGreaterThanOrEqual(5);
  });

  it('an access token that expires server-side is refreshed once and the session carries on', async (t) => {
    const harness = await harnessFor(t);
    const refreshes = harness.sandbox.oauth.stats.refreshGrants;
    harness.sandbox.faults.expireAccessTokens();
    harness.sandbox.faults.expireChannel();
    await harness.waitFor(() => harness.engine.status().state === 'live' && (harness.engine.currentSession<GotoSession>()?.stats().channelsCreated ?? 0) >= 2, 'live after refresh');
    expect(harness.sandbox.oauth.stats.refreshGrants).toBe(refreshes + 1);
  });

  it('a refused call-events subscription (403: not an admin) is a clear needs-attention state, not a retry storm', async (t) => {
    const harness = await harnessFor(t);
    harness.sandbox.faults.failSubscriptions({ status: 403, errorCode: 'AUTHZ_INSUFFICIENT_SCOPE', times: 100 });
    harness.sandbox.faults.expireChannel();
    await harness.waitFor(() => harness.engine.status().state === 'needs-attention', 'needs-attention');
    expect(harness.engine.status().message).toMatch(/admin of the GoTo Connect account/);
    await harness.waitFor(() => harness.sandbox.stats.liveChannels === 0, 'no channel left while offline');
    const subscribeCalls = harness.sandbox.stats.requests['POST /call-events/v1/subscriptions'] ?? 0;
    await new Promise((r) => setTimeout(r, 500));
    expect(harness.sandbox.stats.requests['POST /call-events/v1/subscriptions'] ?? 0).toBe(subscribeCalls);
  });

  it('account key discovery failing twice (500) is retried by the next attempts, then the session goes live', async (t) => {
    const harness = await harnessFor(t, {
      onSandbox: (sandbox) => sandbox.faults.failHttp({ method: 'GET', pathPrefix: '/users/v1/me', status: 500, times: 2 }),
    });
    expect(harness.sandbox.stats.requests['GET /users/v1/me']).toBe(3);
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness) });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
  });

  it('no account key anywhere: a clear needs-attention state naming the setting, no channel left behind', async (t) => {
    const harness = await harnessFor(t, {
      waitForLive: false,
      // users/v1/me and the admin API both answer without a key.
      onSandbox: (sandbox) => {
        sandbox.faults.failHttp({ method: 'GET', pathPrefix: '/users/v1/me', status: 404, times: 100 });
        sandbox.faults.failHttp({ method: 'GET', pathPrefix: '/admin/rest/v1/me', status: 404, times: 100 });
      },
    });
    await harness.waitFor(() => harness.engine.status().state === 'needs-attention', 'needs-attention');
    expect(harness.engine.status().problem).toMatchObject({ kind: 'misconfigured', actions: ['settings', 'retry'] });
    expect(harness.engine.status().message).toMatch(/account key/i);
    expect(harness.engine.status().message).toMatch(/RINGTRAY_GOTO_ACCOUNT_KEY/);
    await harness.waitFor(() => harness.sandbox.stats.liveChannels === 0, 'the channel made in parallel is deleted');
  });

  it('stop() removes subscriptions and the channel, and leaves no socket or timer', async (t) => {
    const harness = await harnessFor(t);
    const session = harness.engine.currentSession<GotoSession>()!;
    await harness.close();
    expect(session.connection.debugResources()).toEqual({ sockets: 0, closing: 0, timers: 0, attempting: false });
    expect(session.stats().timers).toBe(0);
    expect(session.stats().reportTimers).toBe(0);
  });

  it('stop() during connecting leaks no channel', async (t) => {
    const harness = await harnessFor(t);
    // Force a reconnect through a new channel, and stop while it is being built.
    harness.sandbox.faults.expireChannel();
    await harness.waitFor(() => harness.engine.status().state !== 'live', 'reconnecting');
    await harness.engine.stop();
    await harness.waitFor(() => harness.sandbox.stats.liveChannels === 0, 'no channel left on the server', 5_000);
    expect(harness.sandbox.stats.openSockets).toBe(0);
  });
});
