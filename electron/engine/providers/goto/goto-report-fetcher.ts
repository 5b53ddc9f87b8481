import type { CallReport } from '../../../../shared/calls';
import { HttpError } from '../../http/http-errors';
import type { Logger } from '../../log/logger';
import { TimerSet } from '../../transport/timer-set';

// A REPORT_SUMMARY frame says a report exists, but GET …/reports/{id} can answer 404 for a
// short while after the call ends (docs/providers/goto.md#call-events-report) — GoTo's own sample gave up there. We retry with
// growing delays for about two minutes, once per call however many summaries arrive.

export const REPORT_RETRY_DELAYS_MS: readonly number[] = [0, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000];

export interface ReportFetcherOptions {
  fetch: (callId: string) => Promise<CallReport | null>;
  onReport: (report: CallReport) => void;
  log: Logger;
  delaysMs?: readonly number[];
  /** Calls whose report was delivered, remembered so a duplicate summary fetches nothing. */
  rememberDelivered?: number;
}

export function createReportFetcher(options: ReportFetcherOptions) {
  const delays = options.delaysMs ?? REPORT_RETRY_DELAYS_MS;
  const limit = options.rememberDelivered ?? 1_000;
  const timers = new TimerSet();
  const inFlight = new Set<string>();
  const delivered = new Set<string>();
  let stopped = false;

  const attempt = (callId: string, index: number): void => {
    if (stopped) return;
    timers.after(delays[index] ?? 0, () => {
      options.fetch(callId).then(
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
    });
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
    },
    timers: (): number => timers.size,
  };
}
