import { describe, expect, it } from 'vitest';
import type { CallReport } from '../../../shared/calls';
import { report } from '../../../test/support/call-fixtures';
import { sleep, until } from '../../../test/support/until';
import { HttpError } from '../http/http-errors';
import { createLogger, type LogRecord } from '../log/logger';
import { createReportFetchQueue, type ReportFetchQueueOptions } from './report-fetch-queue';

// The queue alone, on real timers and real promises: each fetch is a promise the test settles, so
// "in flight" is exact. The same queue over real HTTP, in a whole session:
// test/engine/report-fetches.test.ts and the providers' session tests.

interface Flight {
  callId: string;
  answer(report: CallReport | null): void;
  fail(error: unknown): void;
}

function rig(options: Partial<ReportFetchQueueOptions> & { concurrency: number; throwOnce?: Set<string> }) {
  const open: Flight[] = [];
  const started: string[] = [];
  const delivered: string[] = [];
  const logs: LogRecord[] = [];
  let maxInFlight = 0;
  const queue = createReportFetchQueue({
    delaysMs: [0],
    fetch: (callId) => {
      started.push(callId);
      // A fetch that throws before it returns a promise.
      if (options.throwOnce?.delete(callId)) throw new Error('boom');
      return new Promise((resolve, reject) => {
        const flight: Flight = {
          callId,
          answer: (r) => {
            open.splice(open.indexOf(flight), 1);
            resolve(r);
          },
          fail: (e) => {
            open.splice(open.indexOf(flight), 1);
            reject(e);
          },
        };
        open.push(flight);
        maxInFlight = Math.max(maxInFlight, open.length);
      });
    },
    onReport: (r) => delivered.push(r.callId),
    log: createLogger((r) => logs.push(r), { level: 'debug' }),
    ...options,
  });
  /** The fetch in flight for a call, once it has started. */
  const flight = async (callId: string): Promise<Flight> => {
    await until(() => open.some((f) => f.callId === callId), 5_000, `a fetch of ${callId}`);
    return open.find((f) => f.callId === callId)!;
  };
  const warned = (message: string): unknown[] => logs.filter((r) => r.level === 'warn' && r.message === message).map((r) => r.fields?.callId);
  return { queue, open, started, delivered, logs, flight, warned, maxInFlight: () => maxInFlight };
}

const httpError = (status: number, retryAfterSeconds?: number): HttpError =>
  new HttpError('status', `HTTP ${status}`, { method: 'GET', path: '/report', status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });

describe('report fetch queue', () => {
  it('keeps at most N fetches in flight, starts the rest in arrival order, and delivers every report', async () => {
    const r = rig({ concurrency: 2 });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const id of ids) r.queue.request(id);
    // Every request has left its timer: two in flight, four queued.
    await until(() => r.queue.timers() === 0 && r.started.length === 2, 5_000, 'the first two fetches');
    expect(r.open.map((f) => f.callId)).toEqual(['a', 'b']);
    // Answered out of order (the newest first): each answer lets exactly the next in line start.
    while (r.delivered.length < ids.length) {
      await until(() => r.open.length > 0, 5_000, 'a fetch in flight');
      expect(r.open.length).toBeLessThanOrEqual(2);
      const newest = r.open[r.open.length - 1]!;
      newest.answer(report(newest.callId));
      await until(() => r.delivered.includes(newest.callId), 5_000, `the report of ${newest.callId}`);
    }
    expect(r.started).toEqual(ids);
    expect(r.maxInFlight()).toBe(2);
    expect([...r.delivered].sort()).toEqual(ids);
  });

  it('a failed fetch holds nothing up: a 4xx gives up, other failures and a missing report retry, delays that run out give up', async () => {
    const givenUp: string[] = [];
    const r = rig({ concurrency: 1, delaysMs: [0, 20], throwOnce: new Set(['e']), onGiveUp: (id) => givenUp.push(id) });
    for (const id of ['a', 'b', 'c', 'd', 'e']) r.queue.request(id);
    (await r.flight('a')).fail(httpError(403));
    (await r.flight('b')).fail(new TypeError('fetch failed'));
    (await r.flight('c')).answer(null);
    (await r.flight('d')).answer(report('d'));
    // e threw instead of answering: a failure like the others, retried.
    await until(() => r.started.filter((id) => id === 'e').length === 1, 5_000, 'the first fetch of e');
    // The retries come round behind what was queued, each in its own turn.
    (await r.flight('b')).answer(report('b'));
    (await r.flight('c')).answer(null);
    (await r.flight('e')).answer(report('e'));
    await until(() => r.delivered.length === 3 && r.open.length === 0 && r.queue.timers() === 0, 5_000, 'everything settled');
    expect(r.delivered).toEqual(['d', 'b', 'e']);
    expect(r.started).toEqual(['a', 'b', 'c', 'd', 'e', 'b', 'c', 'e']);
    expect(r.warned('report: giving up')).toEqual(['a']);
    expect(r.warned('report: still unavailable, giving up')).toEqual(['c']);
    // The caller hears of each call given up on (its session then closes the call by other means).
    expect(givenUp).toEqual(['a', 'c']);
    // A call given up on can be asked for again.
    r.queue.request('a');
    (await r.flight('a')).answer(report('a'));
    await until(() => r.delivered.includes('a'), 5_000, 'the report of a');
  });

  it('a 429 holds every fetch for its Retry-After (the limit is the account\'s), then all go on; 401 and 404 are retried', async () => {
    const r = rig({ concurrency: 2, delaysMs: [0, 10, 10] });
    r.queue.request('a');
    (await r.flight('a')).fail(httpError(429, 1));
    const limitedAt = performance.now();
    r.queue.request('b');
    // b waits out a's Retry-After too, though a slot is free.
    const first = await r.flight('b');
    expect(performance.now() - limitedAt).toBeGreaterThanOrEqual(995);
    first.fail(httpError(404));
    (await r.flight('a')).answer(report('a'));
    (await r.flight('b')).fail(httpError(401));
    (await r.flight('b')).answer(report('b'));
    await until(() => r.delivered.length === 2, 5_000, 'both reports');
    // (a's retry and b's first fetch are due at the same moment: either may start first.)
    expect(r.started.filter((id) => id === 'a')).toEqual(['a', 'a']);
    expect(r.started.filter((id) => id === 'b')).toEqual(['b', 'b', 'b']);
    expect(r.warned('report: giving up')).toEqual([]);
  });

  it('fetches a call once however often it is requested; a remembered report is kept and not fetched', async () => {
    const r = rig({ concurrency: 2, keepReports: 1 });
    r.queue.request('a');
    r.queue.request('a');
    expect(r.queue.timers()).toBe(1);
    (await r.flight('a')).answer(report('a'));
    await until(() => r.delivered.includes('a'), 5_000, 'the report of a');
    expect(r.queue.cached('a')?.callId).toBe('a');
    r.queue.request('a');
    expect(r.queue.timers()).toBe(0);
    // The report window fetched z itself: kept (evicting a, one report is kept), never fetched here.
    r.queue.remember(report('z'));
    r.queue.request('z');
    expect(r.queue.timers()).toBe(0);
    expect(r.queue.cached('z')?.callId).toBe('z');
    expect(r.queue.cached('a')).toBeNull();
    r.queue.request('a');
    expect(r.queue.timers()).toBe(0);
    expect(r.started).toEqual(['a']);
  });

  it('a report listener that throws is logged and the queue goes on', async () => {
    const logs: LogRecord[] = [];
    const seen: string[] = [];
    const q = createReportFetchQueue({
      concurrency: 1,
      delaysMs: [0],
      fetch: async (callId) => report(callId),
      onReport: (rep) => {
        seen.push(rep.callId);
        if (rep.callId === 'a') throw new Error('listener broke');
      },
      log: createLogger((rec) => logs.push(rec)),
    });
    q.request('a');
    q.request('b');
    await until(() => seen.length === 2, 5_000, 'both reports');
    expect(seen).toEqual(['a', 'b']);
    expect(logs.filter((rec) => rec.level === 'error').map((rec) => rec.fields?.callId)).toEqual(['a']);
  });

  it('stop drops what is queued and waiting for a retry; a fetch in flight settles and its report is dropped', async () => {
    const r = rig({ concurrency: 1, delaysMs: [0, 30] });
    r.queue.request('x');
    (await r.flight('x')).answer(null); // x now waits 30 ms for its retry
    await until(() => r.queue.timers() === 1 && r.open.length === 0, 5_000, 'x waiting for its retry');
    r.queue.request('a');
    r.queue.request('b');
    const a = await r.flight('a'); // b queued behind it
    r.queue.stop();
    expect(r.queue.timers()).toBe(0);
    r.queue.request('c');
    expect(r.queue.timers()).toBe(0);
    a.answer(report('a'));
    // Longer than x's retry delay: nothing more may start or arrive.
    await sleep(100);
    expect(r.started).toEqual(['x', 'a']);
    expect(r.delivered).toEqual([]);
    expect(r.open).toEqual([]);
    // Started again, the queue holds only what is asked for from now on.
    r.queue.start();
    r.queue.request('c');
    (await r.flight('c')).answer(report('c'));
    await until(() => r.delivered.length > 0, 5_000, 'the report of c');
    await sleep(50);
    expect(r.started).toEqual(['x', 'a', 'c']);
    expect(r.delivered).toEqual(['c']);
  });

  it('after stop and start, a fetch still in flight from before keeps its slot until it settles, and its report is dropped', async () => {
    const r = rig({ concurrency: 1 });
    r.queue.request('a');
    const a = await r.flight('a');
    r.queue.stop();
    r.queue.start();
    r.queue.request('b');
    await until(() => r.queue.timers() === 0, 5_000, 'b queued');
    await sleep(50);
    expect(r.started).toEqual(['a']);
    a.answer(report('a'));
    (await r.flight('b')).answer(report('b'));
    await until(() => r.delivered.length > 0, 5_000, 'the report of b');
    expect(r.delivered).toEqual(['b']);
    expect(r.maxInFlight()).toBe(1);
  });

  it('refuses a cap that is not a whole number ≥ 1, and an empty list of delays', () => {
    const base = { fetch: async () => null, onReport: () => undefined, log: createLogger(() => undefined), delaysMs: [0] };
    for (const concurrency of [0, -1, 1.5, Number.NaN]) expect(() => createReportFetchQueue({ ...base, concurrency })).toThrow(RangeError);
    expect(() => createReportFetchQueue({ ...base, concurrency: 1, delaysMs: [] })).toThrow(/at least one delay/);
  });
});
