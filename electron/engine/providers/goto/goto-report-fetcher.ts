import type { CallReport } from '../../../../shared/calls';
import { HttpError } from '../../http/http-errors';
import type { Logger } from '../../log/logger';
import { TimerSet } from '../../transport/timer-set';

// A REPORT_SUMMARY frame says a report exists, but GET …/reports/{id} can answer 404 for a
// short while after the call ends (docs/providers/goto.md#call-events-report) — GoTo's own sample gave up there. We retry with
// growing delays for about two minutes, once per call however many summaries arrive. At most
// `concurrency` fetches are in flight (a call centre's burst of summaries queues instead of
// pressing GoTo's rate limit); the rest wait their turn in arrival order.

/** Report fetches in flight at once, per session. */
export const REPORT_CONCURRENCY = 3;

const REPORT_RETRY_DELAYS_MS: readonly number[] = [0, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000];

export interface ReportFetcherOptions {
  fetch: (callId: string) => Promise<CallReport | null>;
  onReport: (report: CallReport) => void;
  log: Logger;
  delaysMs?: readonly number[];
  /** Fetches in flight at once (default REPORT_CONCURRENCY). */
  concurrency?: number;
  /** Calls whose report was delivered, remembered so a duplicate summary fetches nothing. */
  rememberDelivered?: number;
}

export function createReportFetcher(options: ReportFetcherOptions) {
  const delays = options.delaysMs ?? REPORT_RETRY_DELAYS_MS;
  const limit = options.rememberDelivered ?? 1_000;
  const timers = new TimerSet();
  const inFlight = new Set<string>();
  const delivered = new Set<string>();
  const concurrency = Math.max(1, options.concurrency ?? REPORT_CONCURRENCY);
  const waiting: Array<{ callId: string; index: number }> = [];
  let running = 0;
  let stopped = false;

  const attempt = (callId: string, index: number): void => {
    if (stopped) return;
    timers.after(delays[index] ?? 0, () => {
      waiting.push({ callId, index });
      drain();
    });
  };

  const drain = (): void => {
    while (!stopped && running < concurrency && waiting.length > 0) {
      const next = waiting.shift()!;
      running += 1;
      run(next.callId, next.index);
    }
  };

  const run = (callId: string, index: number): void => {
    options
      .fetch(callId)
      .finally(() => {
        running -= 1;
        drain();
      })
      .then(
        (report) => {
          if (stopped) return;
          if (report) return finish(callId, report);
          retry(callId, index, 'not ready yet');
        },
        (error: unknown) => {
          if (stopped) return;
          // 4xx other than 404 will not get better by waiting.
          if (error instanceof HttpError && !error.transient && error.status !== undefined && error.status !== 401) {
            options.log.warn('report: giving up', { callId, status: error.status });
            inFlight.delete(callId);
            return;
          }
          retry(callId, index, error instanceof Error ? error.message : String(error));
        },
      );
  };

  const retry = (callId: string, index: number, why: string): void => {
    if (index + 1 >= delays.length) {
      options.log.warn('report: still unavailable, giving up', { callId, why });
      inFlight.delete(callId);
      return;
    }
    options.log.debug('report: retrying', { callId, why, inMs: delays[index + 1] });
    attempt(callId, index + 1);
  };

  const finish = (callId: string, report: CallReport): void => {
    inFlight.delete(callId);
    delivered.add(callId);
    if (delivered.size > limit) delivered.delete(delivered.values().next().value as string);
    options.onReport(report);
  };

  return {
    /** Fetches the report for a call (once; repeated requests for the same call are ignored). */
    request(callId: string): void {
      if (stopped || inFlight.has(callId) || delivered.has(callId)) return;
      inFlight.add(callId);
      attempt(callId, 0);
    },
    pending(): number {
      return inFlight.size;
    },
    stop(): void {
      stopped = true;
      timers.cancelAll();
      inFlight.clear();
      waiting.length = 0;
    },
    timers: (): number => timers.size,
  };
}
