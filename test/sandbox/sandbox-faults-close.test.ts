// HTTP fault injection (read through the engine's own requestJson), robustness against junk
// requests, the call generator, and close() leaving nothing open.
import { connect as netConnect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../electron/engine/http/http-errors';
import { createLogger, type LogRecord } from '../../electron/engine/log/logger';
import { requestJson } from '../../electron/engine/http/json-request';
import { call, liveChannel, sandboxFor, signIn } from './sandbox-helpers';

// Each test closes its own sandboxes when it finishes (sandboxFor), so the tests that share nothing
// run side by side; the two that time a burst or count the process's open handles run alone, last.

const errorOf = async (p: Promise<unknown>): Promise<HttpError> => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
};

// First, so that its wait past the channel lifetime starts before the others take the slots.
describe.concurrent('GoTo sandbox: after close()', () => {
  it('no sandbox timer fires after close (channel expiry, refresh, to-be-closed, generator)', async (t) => {
    const records: LogRecord[] = [];
    const logger = createLogger((r) => records.push(r), { level: 'debug' });
    // The lifetime must outlast the channel's set-up on a loaded machine (create → subscribe →
    // connect), or the subscription meets an expired channel; the wait below outlasts it in turn.
    const lifetimeSeconds = 3;
    const sandbox = await sandboxFor(t, { logger, channelLifetimeSeconds: lifetimeSeconds, toBeClosedGraceMs: 200 });
    await liveChannel(sandbox);
    // The channel's expiry is the last timer armed (refresh comes at half the lifetime, the
    // to-be-closed grace and the generated calls within 200 ms): the wait ends 300 ms after it.
    const expiresAt = Date.parse(sandbox.channels()[0]!.expiresAt);
    sandbox.calls.startGenerator({ callsPerMinute: 6000, ringMs: [100, 200], talkMs: [100, 200] });
    sandbox.faults.toBeClosed();
    await sandbox.close();
    const atClose = records.length;
    expect(records.at(-1)?.message).toBe('GoTo sandbox closed');
    await new Promise((r) => setTimeout(r, expiresAt + 300 - Date.now()));
    expect(records.slice(atClose).map((r) => r.message)).toEqual([]);
  });
});

describe.concurrent('GoTo sandbox: HTTP faults', () => {
  it('fails the next matching requests with status and Retry-After, then serves normally', async (t) => {
    const sandbox = await sandboxFor(t);
    const token = sandbox.issueAccessToken();
    const create = {
      method: 'POST' as const,
      url: `${sandbox.url}/notification-channel/v1/channels/ringtray`,
      headers: { authorization: `Bearer ${token}` },
      body: { channelType: 'WebSockets' },
    };
    sandbox.faults.failHttp({ method: 'POST', pathPrefix: '/notification-channel/', status: 503, retryAfterSeconds: 3, times: 2 });
    // A GET elsewhere is not affected by a POST rule.
    expect((await call(sandbox, token, 'GET', '/users/v1/me')).status).toBe(200);
    for (let i = 0; i < 2; i += 1) {
      const e = await errorOf(requestJson(create));
      expect(e).toMatchObject({ kind: 'status', status: 503, transient: true });
      expect(e.details.retryAfterSeconds).toBe(3);
    }
    expect((await requestJson(create)).status).toBe(201);
    expect(sandbox.stats.requests['POST /notification-channel/v1/channels/:nickname']).toBe(3);
  });

  it('can answer an HTML error page or answer slowly', async (t) => {
    const sandbox = await sandboxFor(t);
    const token = sandbox.issueAccessToken();
    const me = { url: `${sandbox.url}/users/v1/me`, headers: { authorization: `Bearer ${token}` } };
    sandbox.faults.failHttp({ pathPrefix: '/users/', status: 502, rawBody: '<html><body>Bad gateway</body></html>', times: 2 });
    const raw = await fetch(me.url, { headers: me.headers });
    expect(raw.status).toBe(502);
    expect(await raw.text()).toContain('Bad gateway');
    expect(await errorOf(requestJson(me))).toMatchObject({ status: 502, kind: 'status' });
    sandbox.faults.failHttp({ pathPrefix: '/users/', status: 500, delayMs: 2000 });
    expect((await errorOf(requestJson({ ...me, timeoutMs: 100 }))).kind).toBe('timeout');
    expect(() => sandbox.faults.failHttp({ pathPrefix: 'users', status: 500 })).toThrow('pathPrefix');
    expect(() => sandbox.faults.failHttp({ pathPrefix: '/users', status: 42 })).toThrow('status');
  });

  it('delegates token faults to the OAuth backend', async (t) => {
    const sandbox = await sandboxFor(t);
    sandbox.faults.failTokenRequests({ status: 500, body: { error: 'server_error' } });
    await expect(signIn(sandbox)).rejects.toThrow('token answered 500');
    const { accessToken } = await signIn(sandbox);
    expect((await call(sandbox, accessToken, 'GET', '/users/v1/me')).status).toBe(200);
  });

  it('answers junk requests with 4xx and never falls over', async (t) => {
    const sandbox = await sandboxFor(t);
    const token = sandbox.issueAccessToken();
    const routes = [
      ['POST', '/notification-channel/v1/channels/x'],
      ['PUT', '/notification-channel/v1/channels/x/y'],
      ['PUT', '/notification-channel/v1/channels/x/y/channel-lifetime'],
      ['POST', '/call-events/v1/subscriptions'],
      ['POST', '/call-events-report/v1/subscriptions'],
      ['GET', '/call-events-report/v1/report-summaries?startTime=%ZZ'],
    ] as const;
    const junk = ['', 'null', '"text"', '[]', '{', '{"channelId":{}}', '{"accountKeys":"x"}', '\u0000\u0001', JSON.stringify({ a: 'b'.repeat(5000) })];
    const statuses = new Set<number>();
    for (const [method, path] of routes) {
      for (const body of junk) statuses.add((await call(sandbox, token, method, path, method === 'GET' ? undefined : body)).status);
    }
    expect([...statuses].every((s) => s >= 400 && s < 500)).toBe(true);
    // Not even HTTP: Node answers 400 and the sandbox keeps serving.
    await new Promise<void>((resolve) => {
      const raw = netConnect(sandbox.port, '127.0.0.1', () => raw.end('GARBAGE \u0000\r\n\r\n'));
      raw.on('close', () => resolve());
      raw.on('error', () => resolve());
      raw.resume();
    });
    expect((await call(sandbox, token, 'GET', '/users/v1/me')).status).toBe(200);
  });
});

describe.concurrent('GoTo sandbox: call generator', () => {
  it('produces inbound and outbound, answered and missed calls on several lines; stop ends live calls', async (t) => {
    const sandbox = await sandboxFor(t);
    const { socket } = await liveChannel(sandbox, { reports: true });
    sandbox.calls.startGenerator({ callsPerMinute: 3000, seed: 42, ringMs: [5, 30], talkMs: [5, 30] });
    await sandbox.waitFor(() => socket.of('call-events-report').length >= 25, { timeoutMs: 10_000 });
    sandbox.calls.stopGenerator();
    expect(sandbox.calls.generatorRunning).toBe(false);
    expect(sandbox.calls.active()).toEqual([]);
    const summaries = socket.of('call-events-report').map((f) => f.json.data.content as { direction: string; callerOutcome: string; line: { id: string } });
    const kinds = new Set(summaries.map((s) => `${s.direction}/${s.callerOutcome}`));
    console.log(`generator: ${sandbox.calls.generated} calls, kinds ${[...kinds].join(', ')}`);
    expect(kinds).toContain('INBOUND/NORMAL');
    expect(kinds).toContain('INBOUND/MISSED');
    expect([...kinds].some((k) => k.startsWith('OUTBOUND/'))).toBe(true);
    const lines = new Set(summaries.map((s) => s.line.id));
    expect([...lines].some((id) => sandbox.userLines.some((l) => l.id === id))).toBe(true);
    expect([...lines].some((id) => !sandbox.userLines.some((l) => l.id === id))).toBe(true);
    const starts = socket.of('call-events').filter((f) => f.json.data.content.state.sequenceNumber === 1);
    expect(new Set(starts.map((f) => f.json.data.content.metadata.conversationSpaceId)).size).toBe(starts.length);
  });

  it('replays the same callers, lines and directions for the same seed', async (t) => {
    const run = async (): Promise<string[]> => {
      const sandbox = await sandboxFor(t);
      const { socket } = await liveChannel(sandbox);
      sandbox.calls.startGenerator({ callsPerMinute: 6000, seed: 7, ivrShare: 0, ringMs: [1, 5], talkMs: [1, 5] });
      await sandbox.waitFor(() => socket.of('call-events').filter((f) => f.json.data.content.state.sequenceNumber === 1).length >= 10);
      sandbox.calls.stopGenerator();
      return socket
        .of('call-events')
        .filter((f) => f.json.data.content.state.sequenceNumber === 1)
        .slice(0, 10)
        .map((f) => {
          const c = f.json.data.content;
          const phone = c.state.participants.find((p: { type: { value: string } }) => p.type.value === 'PHONE_NUMBER');
          const line = c.state.participants.find((p: { type: { value: string } }) => p.type.value === 'LINE');
          return `${c.metadata.direction} ${(phone.type.caller ?? phone.type.callee).number} ${line.type.lineId}`;
        });
    };
    expect(await run()).toEqual(await run());
  });

  it('rejects nonsense generator options', async (t) => {
    const sandbox = await sandboxFor(t);
    expect(() => sandbox.calls.startGenerator({ callsPerMinute: 0 })).toThrow('callsPerMinute');
    expect(() => sandbox.calls.startGenerator({ callsPerMinute: 10, ringMs: [5, 1] })).toThrow('ringMs');
    expect(sandbox.calls.generatorRunning).toBe(false);
  });
});

// Alone: a burst that must fit in a second, and a count of the whole process's open handles.
describe('GoTo sandbox: rate limit', () => {
  it('enforces an optional per-API rate limit with 429 and Retry-After', async (t) => {
    const sandbox = await sandboxFor(t, { rateLimitPerSecond: 3 });
    const token = sandbox.issueAccessToken();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await call(sandbox, token, 'GET', '/users/v1/me')).status);
    // A burst of 5 within a second: 3 pass, 2 are throttled (unless the machine took > 1 s).
    console.log('rate-limited burst statuses:', statuses.join(','));
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses).toContain(429);
    const limited = await call(sandbox, token, 'GET', '/users/v1/lines');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    // Another API has its own budget.
    expect((await call(sandbox, token, 'GET', `/call-events/v1/conversation-spaces?accountKey=${sandbox.accountKey}`)).status).toBe(200);
  });
});

describe('GoTo sandbox: close()', () => {
  const resources = (): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
    return counts;
  };

  it('closes servers, sockets and timers, is idempotent, and refuses connections afterwards', async (t) => {
    const before = resources();
    const sandbox = await sandboxFor(t, { channelLifetimeSeconds: 600, reportDelayMs: 60_000 });
    const { socket } = await liveChannel(sandbox, { reports: true });
    const token = sandbox.issueAccessToken();
    sandbox.calls.startGenerator({ callsPerMinute: 600, ringMs: [50_000, 60_000], talkMs: [50_000, 60_000] });
    sandbox.calls.ringInbound({});
    sandbox.faults.toBeClosed(undefined, { graceMs: 60_000 });
    sandbox.faults.failHttp({ pathPrefix: '/users/', status: 503, delayMs: 60_000 });
    const slow = call(sandbox, token, 'GET', '/users/v1/me').then(
      () => 'answered',
      () => 'aborted',
    );
    await sandbox.waitFor(() => sandbox.stats.requests['GET /users/v1/me'] === 1);
    const during = resources();
    console.log('resources while running:', JSON.stringify(during));

    await Promise.all([sandbox.close(), sandbox.close()]);
    await sandbox.close();
    expect(await slow).toBe('aborted');
    expect((await socket.closed).code).toBe(1006);
    await expect(fetch(`${sandbox.url}/users/v1/me`)).rejects.toThrow();
    await sandbox.waitFor(() => {
      const after = resources();
      return (after.Timeout ?? 0) <= (before.Timeout ?? 0) && (after.TCPServerWrap ?? 0) <= (before.TCPServerWrap ?? 0) && (after.TCPSocketWrap ?? 0) <= (before.TCPSocketWrap ?? 0);
    }, { message: `resources left open: before ${JSON.stringify(before)}, now ${JSON.stringify(resources())}` });
    expect(sandbox.stats.openSockets).toBe(0);
    expect(sandbox.stats.liveChannels).toBe(0);
  });
});
