// Fetches the report of each ended call, for every provider alike (docs/reliability.md#report-fetches).
// At most `concurrency` fetches are in flight (each provider passes its own cap, sized to its rate
// limit); the rest wait in arrival order. A provider lists a call some seconds after it ends, so a
// report that is not there yet (null, a 404, a transient error) is asked for again after the next
// delay, and a 429 holds every fetch for its Retry-After. An answer that waiting will not mend ends that
// call's fetch; no failure holds up the calls behind it. stop() drops what is queued and waiting;
// a fetch in flight runs to its end, keeps its slot until then, and its outcome is dropped.
import type { CallReport } from '../../../shared/calls';
import { RecentIds } from '../calls/recent-ids';
import { HttpError } from '../http/http-errors';
import type { Logger } from '../log/logger';
import { TimerSet } from '../transport/timer-set';

export interface ReportFetchQueueOptions {
  /** The provider's report of a call; null while the provider does not list it yet. */
  fetch: (callId: string) => Promise<CallReport | null>;
  onReport: (report: CallReport) => void;
  /** A call whose report will not come (refused, or still missing after the last delay). */
  onGiveUp?: (callId: string) => void;
  log: Logger;
  /** Fetches in flight at once, a whole number ≥ 1: the provider's cap and its reason. */
  concurrency: number;
  /** The wait before the first fetch, then before each retry; when they run out, the call is given up. */
  delaysMs: readonly number[];
  /** Delivered reports kept for cached() (default none). */
  keepReports?: number;
  /** Calls whose report was delivered, remembered so a repeated request fetches nothing. */
  rememberDelivered?: number;
}

interface Job {
  callId: string;
  attempt: number;
}

export function createReportFetchQueue(o: ReportFetchQueueOptions) {
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw new RangeError(`report fetches in flight must be a whole number ≥ 1, not ${o.concurrency}`);
  if (o.delaysMs.length === 0) throw new RangeError('report fetches need at least one delay');
  const keep = o.keepReports ?? 0;
  const timers = new TimerSet();
  const delivered = new RecentIds(o.rememberDelivered ?? 1_000);
  const kept = new Map<string, CallReport>();
  /** Calls requested and neither delivered nor given up: waiting for a timer, queued or in flight. */
  const known = new Set<string>();
  const waiting: Job[] = [];
  let running = 0;
  let stopped = false;
  /** A 429's Retry-After holds every fetch, not only the one refused: the limit is the account's. */
  let pausedUntil = 0;
  let resumeScheduled = false;
  // A fetch started before stop() settles into an older epoch: its outcome is dropped even if
  // start() has been called since.
  let epoch = 0;

  const remember = (report: CallReport): void => {
    delivered.add(report.callId);
    if (keep < 1) return;
    kept.delete(report.callId);
    kept.set(report.callId, report);
    if (kept.size > keep) kept.delete(kept.keys().next().value as string);
  };

  const schedule = (job: Job, inMs: number): void => {
    timers.after(inMs, () => {
      waiting.push(job);
      pump();
    });
  };

  const pump = (): void => {
    const pausedFor = pausedUntil - performance.now();
    if (pausedFor > 0) {
      if (!resumeScheduled && !stopped && waiting.length > 0) {
        resumeScheduled = true;
        timers.after(pausedFor, () => {
          resumeScheduled = false;
          pump();
        });
      }
      return;
    }
    while (!stopped && running < o.concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      const started = epoch;
      running += 1;
      // A fetch that throws instead of rejecting is a failure like any other.
      new Promise<CallReport | null>((resolve) => resolve(o.fetch(job.callId)))
        .then(
          (report) => {
            if (!stopped && started === epoch) settled(job, report, undefined);
          },
          (error: unknown) => {
            if (!stopped && started === epoch) settled(job, null, error);
          },
        )
        .catch((error: unknown) => o.log.error('report: a report listener threw', { callId: job.callId, error }))
        .finally(() => {
          running -= 1;
          pump();
        });
    }
  };

  const settled = (job: Job, report: CallReport | null, error: unknown): void => {
    if (report) {
      known.delete(job.callId);
      remember(report);
      o.onReport(report);
      return;
    }
    // A 4xx, or an answer that cannot be read, will not mend by waiting; but a 404 is "not listed
    // yet", and a 401 is mended by the token refresh it sets off.
    if (error instanceof HttpError && !error.transient && error.status !== undefined && error.status !== 401 && error.status !== 404) {
      known.delete(job.callId);
      o.log.warn('report: giving up', { callId: job.callId, status: error.status });
      o.onGiveUp?.(job.callId);
      return;
    }
    const why = error === undefined ? 'not listed yet' : error instanceof Error ? error.message : String(error);
    const next = o.delaysMs[job.attempt + 1];
    if (next === undefined) {
      known.delete(job.callId);
      o.log.warn('report: still unavailable, giving up', { callId: job.callId, why });
      o.onGiveUp?.(job.callId);
      return;
    }
    const retryAfterMs = error instanceof HttpError && error.details.retryAfterSeconds !== undefined ? error.details.retryAfterSeconds * 1_000 : 0;
    if (retryAfterMs > 0) pausedUntil = Math.max(pausedUntil, performance.now() + retryAfterMs);
    const inMs = Math.max(next, retryAfterMs);
    o.log.debug('report: retrying', { callId: job.callId, why, inMs });
    schedule({ callId: job.callId, attempt: job.attempt + 1 }, inMs);
  };

  return {
    /** Fetch the report of a call that ended (once: a call already requested or delivered is ignored). */
    request(callId: string): void {
      if (stopped || known.has(callId) || delivered.has(callId)) return;
      known.add(callId);
      schedule({ callId, attempt: 0 }, o.delaysMs[0]!);
    },
    /** A delivered report still kept (keepReports), else null. */
    cached: (callId: string): CallReport | null => kept.get(callId) ?? null,
    /** A report fetched elsewhere (the report window): kept, and not fetched again. */
    remember,
    /** Drops what waits and is queued; fetches in flight finish and their outcome is dropped. */
    stop(): void {
      stopped = true;
      epoch += 1;
      timers.cancelAll();
      resumeScheduled = false;
      waiting.length = 0;
      known.clear();
    },
    /** Takes requests again after stop(); a fetch still in flight from before keeps its slot until it ends. */
    start(): void {
      stopped = false;
    },
    timers: (): number => timers.size,
  };
}
