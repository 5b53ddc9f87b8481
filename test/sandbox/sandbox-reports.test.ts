// Call Events Report over real HTTP and WebSocket: subscriptions (201), the REPORT_SUMMARY frame
// when a call ends, the report that is 404 until ready and then 200, and the paged browse API
// with its required UTC window of at most 31 days.
import { afterEach, describe, expect, it } from 'vitest';
import { call, cleanup, createChannel, liveChannel, startSandbox, subscribeReports } from './sandbox-helpers';

afterEach(cleanup);
const SUBS = '/call-events-report/v1/subscriptions';
const DAY = 24 * 60 * 60 * 1000;

describe('GoTo sandbox: report subscriptions', () => {
  it('answers 201 with items {id, channelId, value, eventTypes}', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    const res = await subscribeReports(sandbox, token, channel.channelId);
    expect(res.status).toBe(201);
    expect(res.body.items).toEqual([{ id: expect.any(String), channelId: channel.channelId, value: sandbox.accountKey, eventTypes: ['REPORT_SUMMARY'] }]);
    // Subscribing again is idempotent: same id, no second frame per call.
    expect((await subscribeReports(sandbox, token, channel.channelId)).body.items[0].id).toBe(res.body.items[0].id);
  });

  it('refuses bad bodies (400), foreign accounts (403), unknown channels (404)', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    const objectKeys = { channelId: channel.channelId, accountKeys: [{ id: sandbox.accountKey }], eventTypes: ['REPORT_SUMMARY'] };
    expect((await call(sandbox, token, 'POST', SUBS, objectKeys)).status).toBe(400);
    const unknownType = { channelId: channel.channelId, accountKeys: [sandbox.accountKey], eventTypes: ['EVERYTHING'] };
    expect((await call(sandbox, token, 'POST', SUBS, unknownType)).status).toBe(400);
    const foreign = { channelId: channel.channelId, accountKeys: ['123'], eventTypes: ['REPORT_SUMMARY'] };
    expect((await call(sandbox, token, 'POST', SUBS, foreign)).status).toBe(403);
    expect((await subscribeReports(sandbox, token, 'gone')).status).toBe(404);
  });

  it('deletes with 204 (optionally by eventType), then 404', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const channel = await createChannel(sandbox, token);
    await subscribeReports(sandbox, token, channel.channelId);
    const q = `?channelId=${channel.channelId}&accountKey=${sandbox.accountKey}`;
    expect((await call(sandbox, token, 'DELETE', `${SUBS}${q}&eventType=OTHER`)).status).toBe(404);
    expect((await call(sandbox, token, 'DELETE', `${SUBS}${q}&eventType=REPORT_SUMMARY`)).status).toBe(204);
    expect((await call(sandbox, token, 'DELETE', `${SUBS}${q}`)).status).toBe(404);
    expect((await call(sandbox, token, 'DELETE', SUBS)).status).toBe(400);
  });
});

describe('GoTo sandbox: reports', () => {
  it('sends REPORT_SUMMARY when a call ends; the report is 404 until ready, then 200 with the documented fields', async () => {
    const sandbox = await startSandbox({ reportDelayMs: 400 });
    const { token, socket } = await liveChannel(sandbox, { reports: true });
    const c = sandbox.calls.ringInbound({ caller: { name: 'Omar Haddad', number: '+13035550108' } });
    c.answer();
    c.end();
    await sandbox.waitFor(() => socket.of('call-events-report', 'REPORT_SUMMARY').length === 1);
    const summary = socket.of('call-events-report')[0]?.json.data.content;
    expect(summary).toMatchObject({ conversationSpaceId: c.id, direction: 'INBOUND', callerOutcome: 'NORMAL', caller: { name: 'Omar Haddad' } });

    const path = `/call-events-report/v1/reports/${c.id}`;
    const early = await call(sandbox, token, 'GET', path);
    expect(early.status).toBe(404);
    const started = Date.now();
    let attempts = 1;
    await sandbox.waitFor(
      async () => {
        attempts += 1;
        return (await call(sandbox, token, 'GET', path)).status === 200;
      },
      { intervalMs: 50 },
    );
    console.log(`report ready after ${Date.now() - started} ms more, ${attempts} fetches`);
    const report = (await call(sandbox, token, 'GET', path)).body;
    expect(report).toMatchObject({
      conversationSpaceId: c.id,
      accountKey: sandbox.accountKey,
      direction: 'INBOUND',
      callCreated: expect.any(String),
      callAnswered: expect.any(String),
      callEnded: expect.any(String),
      callerOutcome: 'NORMAL',
      aiAnalysis: { summary: expect.stringContaining('Omar Haddad'), topics: expect.any(Array) },
    });
    for (const p of report.participants as Record<string, unknown>[]) {
      expect(p).toMatchObject({ id: expect.any(String), legId: expect.any(String), originator: expect.any(String), type: { value: expect.any(String) } });
    }
    expect((report.callStates as { type: string }[]).map((s) => s.type)).toEqual(['STARTING', 'ACTIVE', 'ENDING']);
  });

  it('a missed call’s report has no callAnswered and no aiAnalysis', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const c = sandbox.calls.ringInbound({});
    c.end();
    const report = await call(sandbox, token, 'GET', `/call-events-report/v1/reports/${c.id}`);
    expect(report.status).toBe(200);
    expect(report.body.callerOutcome).toBe('MISSED');
    expect(report.body).not.toHaveProperty('callAnswered');
    expect(report.body).not.toHaveProperty('aiAnalysis');
    expect((await call(sandbox, token, 'GET', '/call-events-report/v1/reports/unknown')).status).toBe(404);
  });
});

describe('GoTo sandbox: report summaries', () => {
  const window = (): string => {
    const end = new Date(Date.now() + 60_000).toISOString();
    const start = new Date(Date.now() - DAY).toISOString();
    return `startTime=${start}&endTime=${end}`;
  };

  it('pages newest first with nextPageMarker until every call is listed once', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const c = i % 2 ? sandbox.calls.placeOutbound({}) : sandbox.calls.ringInbound({});
      if (i % 3 === 0) c.answer();
      c.end();
      ids.push(c.id);
    }
    const seen: Record<string, unknown>[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await call(
        sandbox,
        token,
        'GET',
        `/call-events-report/v1/report-summaries?accountKey=${sandbox.accountKey}&${window()}&pageSize=3${marker ? `&pageMarker=${marker}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...(res.body.items as Record<string, unknown>[]));
      marker = res.body.nextPageMarker as string | undefined;
      pages += 1;
    } while (marker && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((s) => s.conversationSpaceId).sort()).toEqual([...ids].sort());
    const created = seen.map((s) => Date.parse(s.callCreated as string));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(seen[0]).toMatchObject({
      direction: expect.stringMatching(/^(IN|OUT)BOUND$/),
      callCreated: expect.any(String),
      callEnded: expect.any(String),
      callerOutcome: expect.any(String),
      caller: { name: expect.any(String), number: expect.any(String) },
      line: { id: expect.any(String), name: expect.any(String), number: expect.any(String) },
    });
  });

  it('enforces required UTC start/end, a window of at most 31 days, a valid marker and page size', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const base = `/call-events-report/v1/report-summaries?accountKey=${sandbox.accountKey}`;
    const status = async (query: string): Promise<number> => (await call(sandbox, token, 'GET', `${base}${query}`)).status;
    const t0 = Date.parse('2024-03-01T00:00:00Z');
    const iso = (ms: number): string => new Date(ms).toISOString();
    expect(await status(`&startTime=${iso(t0)}&endTime=${iso(t0 + 31 * DAY)}`)).toBe(200);
    const tooLong = await call(sandbox, token, 'GET', `${base}&startTime=${iso(t0)}&endTime=${iso(t0 + 31 * DAY + 1000)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errorCode).toBe('INVALID_TIME_RANGE');
    expect(await status(`&endTime=${iso(t0)}`)).toBe(400);
    expect(await status(`&startTime=${iso(t0)}`)).toBe(400);
    expect(await status(`&startTime=2024-03-01T00:00:00%2B02:00&endTime=${iso(t0 + DAY)}`)).toBe(400);
    expect(await status(`&startTime=yesterday&endTime=${iso(t0 + DAY)}`)).toBe(400);
    expect(await status(`&startTime=${iso(t0 + DAY)}&endTime=${iso(t0)}`)).toBe(400);
    expect(await status(`&startTime=${iso(t0)}&endTime=${iso(t0 + DAY)}&pageMarker=garbage`)).toBe(400);
    expect(await status(`&startTime=${iso(t0)}&endTime=${iso(t0 + DAY)}&pageSize=0`)).toBe(400);
    expect(await status(`&startTime=${iso(t0)}&endTime=${iso(t0 + DAY)}&pageSize=ten`)).toBe(400);
    expect(await status(`&startTime=2024-03-01T00:00:00%2B00:00&endTime=${iso(t0 + DAY)}`)).toBe(200);
    expect((await call(sandbox, token, 'GET', `/call-events-report/v1/report-summaries?accountKey=1&startTime=${iso(t0)}&endTime=${iso(t0 + DAY)}`)).status).toBe(403);
  });

  it('lists a call only once its report is ready', async () => {
    const sandbox = await startSandbox({ reportDelayMs: 60_000 });
    const token = sandbox.issueAccessToken();
    const c = sandbox.calls.ringInbound({});
    c.end();
    const path = `/call-events-report/v1/report-summaries?accountKey=${sandbox.accountKey}&${window()}`;
    expect((await call(sandbox, token, 'GET', path)).body.items).toEqual([]);
    sandbox.setReportDelay(0);
    const later = sandbox.calls.ringInbound({});
    later.end();
    expect((await call(sandbox, token, 'GET', path)).body.items.map((i: { conversationSpaceId: string }) => i.conversationSpaceId)).toEqual([later.id]);
  });
});
