import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallNotice } from '../../../shared/calls';
import type { CallDetails } from '../../../shared/ipc/api';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { effectivePhase, isOver, phaseAfterNotice, phaseFromSummary, type LivePhase } from './live-phase';

/**
 * After the call ends GoTo needs a few seconds to build its Call Events Report, and main may not
 * push a `report` notice (e.g. the window opened late): re-ask a few times, backing off, then
 * stop and say so instead of spinning forever.
 */
const REPORT_POLL_DELAYS_MS = [1_500, 3_000, 6_000, 12_000, 24_000];

export type PollState = 'idle' | 'polling' | 'gave-up';

/** Everything the report window shows for one call: its details, live pushes and the report. */
export function useCallReport(callId: string) {
  const api = useRingtrayApi();
  const [details, setDetails] = useState<CallDetails | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<CallNotice | null>(null);
  const [noticePhase, setNoticePhase] = useState<LivePhase>('unknown');
  const [pollRun, setPollRun] = useState(0);
  const [pollState, setPollState] = useState<PollState>('idle');
  const request = useRef(0);
  const reportSettled = useRef(false);

  const applyDetails = useCallback((next: CallDetails) => {
    // Never go back from a shown report to "pending" because an older answer arrived late.
    setDetails((prev) => (prev?.report.state === 'ready' && next.report.state !== 'ready' ? { ...next, report: prev.report } : next));
    if (next.report.state !== 'pending') reportSettled.current = true;
  }, []);

  /** Resolves with the details, or null on failure (shown as loadError); never rejects. */
  const fetchDetails = useCallback(async (): Promise<CallDetails | null> => {
    const mine = ++request.current;
    setLoading(true);
    try {
      const next = await api.getCallDetails(callId);
      if (mine === request.current) {
        applyDetails(next);
        setLoadError(null);
      }
      return next;
    } catch (error) {
      if (mine === request.current) setLoadError(errorMessage(error));
      return null;
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, [api, callId, applyDetails]);

  // First load; a call that already ended but has no report yet starts the polling at once.
  useEffect(() => {
    reportSettled.current = false;
    void fetchDetails().then((first) => {
      if (first?.report.state === 'pending' && first.summary && isOver(phaseFromSummary(first.summary.outcome))) {
        setPollRun((run) => run + 1);
      }
    });
  }, [fetchDetails]);

  useEffect(
    () =>
      api.onCallNotice((next) => {
        if (next.callId !== callId) return;
        setNotice(next);
        setNoticePhase((previous) => phaseAfterNotice(previous, next.type));
        if (next.type === 'report') {
          const report = next.report;
          if (report) {
            reportSettled.current = true;
            setDetails((prev) => (prev ? { ...prev, report: { state: 'ready', report } } : prev));
          }
          // Re-read anyway: the notice may carry no report, and details hold the CRM link.
          void fetchDetails();
        } else if (next.type === 'ended' || next.type === 'missed') {
          if (!reportSettled.current) setPollRun((run) => run + 1);
        }
      }),
    [api, callId, fetchDetails],
  );

  useEffect(() => {
    if (pollRun === 0) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    setPollState('polling');
    const schedule = () => {
      timer = setTimeout(() => {
        if (reportSettled.current) {
          setPollState('idle');
          return;
        }
        void fetchDetails().then((next) => {
          if (cancelled) return;
          if (reportSettled.current || (next && next.report.state !== 'pending')) {
            setPollState('idle');
          } else if (++attempt >= REPORT_POLL_DELAYS_MS.length) {
            setPollState('gave-up');
          } else {
            schedule();
          }
        });
      }, REPORT_POLL_DELAYS_MS[attempt]);
    };
    schedule();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [pollRun, fetchDetails]);

  /** Retry / Check again: read now, and keep checking for a while if the call is over. */
  const refresh = useCallback(() => {
    void fetchDetails().then((next) => {
      if (next?.report.state === 'pending' && isOver(effectivePhase(noticePhase, next))) setPollRun((run) => run + 1);
    });
  }, [fetchDetails, noticePhase]);

  return { details, loading, loadError, notice, phase: effectivePhase(noticePhase, details), pollState, refresh };
}
