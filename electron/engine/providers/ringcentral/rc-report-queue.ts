// Call reports from RingCentral's call log, kept within its "Heavy" rate-limit group
// (docs/providers/ringcentral.md, "Call log"): reports are fetched only for calls we watched, at
// most `concurrency` at a time, and cached; a record appears some seconds after the call ends,
// so an absent one is asked for again with growing delays. A 429 waits its Retry-After.
import type { CallReport } from '../../../../shared/calls';
import { HttpError } from '../../http/http-errors';
import type { Logger } from '../../log/logger';
import { TimerSet } from '../../transport/timer-set';

const RC_REPORT_RETRY_DELAYS_MS: readonly number[] = [2_000, 3_000, 5_000, 10_000, 20_000, 40_000, 60_000];

export interface ReportQueueOptions {
  fetch: (callId: string) => Promise<CallReport | null>;
  onReport: (report: CallReport) => void;
  log: Logger;
  delaysMs?: readonly number[];
  concurrency?: number;
  cacheSize?: number;
}

export function createReportQueue(o: ReportQueueOptions) {
  const delays = o.delaysMs ?? RC_REPORT_RETRY_DELAYS_MS;
  const concurrency = o.concurrency ?? 2;
  const cacheSize = o.cacheSize ?? 200;
  const timers = new TimerSet();
  const cache = new Map<string, CallReport>();
  const waiting: { callId: string; attempt: number }[] = [];
  const known = new Set<string>();
  let running = 0;
  let stopped = false;

  const remember = (report: CallReport): void => {
    cache.delete(report.callId);
    cache.set(report.callId, report);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
  };

  const pump = (): void => {
    while (!stopped && running < concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      running += 1;
      o.fetch(job.callId).then(
        (report) => done(job, report, undefined),
        (error: unknown) => done(job, null, error),
      );
    }
  };

  const done = (job: { callId: string; attempt: number }, report: CallReport | null, error: unknown): void => {
    running -= 1;
    if (stopped) return;
    if (report) {
      known.delete(job.callId);
      remember(report);
      o.onReport(report);
    } else if (error instanceof HttpError && !error.transient && error.status !== undefined && error.status !== 401 && error.status !== 404) {
      known.delete(job.callId);
      o.log.warn('ringcentral: report unavailable, giving up', { callId: job.callId, status: error.status });
    } else if (job.attempt + 1 >= delays.length) {
      known.delete(job.callId);
      o.log.warn('ringcentral: call-log record never appeared', { callId: job.callId });
    } else {
      const retryAfterMs = error instanceof HttpError && error.details.retryAfterSeconds !== undefined ? error.details.retryAfterSeconds * 1000 : 0;
      schedule(job.callId, job.attempt + 1, Math.max(retryAfterMs, delays[job.attempt + 1] ?? 0));
    }
    pump();
  };

  const schedule = (callId: string, attempt: number, inMs: number): void => {
    timers.after(inMs, () => {
      waiting.push({ callId, attempt });
      pump();
    });
  };

  return {
    /** Fetch the report of a watched call that just ended (once per call). */
    request(callId: string): void {
      if (stopped || known.has(callId) || cache.has(callId)) return;
      known.add(callId);
      schedule(callId, 0, delays[0] ?? 0);
    },
    cached: (callId: string): CallReport | null => cache.get(callId) ?? null,
    remember,
    pending: (): number => known.size,
    timers: (): number => timers.size,
    stop(): void {
      stopped = true;
      timers.cancelAll();
      waiting.length = 0;
      known.clear();
    },
  };
}
