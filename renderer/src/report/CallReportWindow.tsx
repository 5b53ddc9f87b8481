import { useEffect } from 'react';
import type { Party } from '../../../shared/calls';
import { partyName } from '../format/call-labels';
import { useProviderNames } from '../providers/use-providers';
import type { AppStatusState } from '../status/use-app-status';
import { AppHeader } from '../status/AppHeader';
import { CallerCard } from './CallerCard';
import { LiveStatus } from './LiveStatus';
import { OpenInCrmButton } from './OpenInCrmButton';
import { ReportDetails } from './ReportDetails';
import { ReportPending } from './ReportPending';
import { ReportProblem } from './ReportProblem';
import { useCallReport } from './use-call-report';

const hasParty = (party: Party | null | undefined): party is Party => Boolean(party && (party.name || party.number));

/** The window main opens per call (index.html#/report/<callId>). */
export function CallReportWindow({ callId, appStatus }: { callId: string; appStatus: AppStatusState }) {
  const { details, loading, loadError, notice, phase, pollState, refresh } = useCallReport(callId);
  const report = details?.report.state === 'ready' ? details.report.report : null;

  // The freshest source that names the caller: live notice, then the stored summary, then the report.
  const caller = [notice?.caller, details?.summary?.caller, report?.caller].find(hasParty) ?? { name: null, number: null };
  const direction = notice?.direction ?? details?.summary?.direction ?? report?.direction ?? 'unknown';
  const line = notice?.line ?? details?.summary?.line ?? null;
  const connectedAt = notice?.type === 'answered' ? notice.at : (report?.answeredAt ?? null);
  const known = details != null || notice != null;
  const provider = useProviderNames(notice?.provider ?? details?.summary?.provider ?? report?.provider);

  const title = known ? `Call — ${partyName(caller)} — Ringtray` : 'Call report — Ringtray';
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="window report-window">
      <AppHeader title="Call report" status={appStatus.status} statusError={appStatus.error} />
      <main className="report-body">
        {!known && loading && (
          <p className="empty-state" role="status">
            Loading the call…
          </p>
        )}
        {!known && !loading && loadError && (
          <ReportProblem title="Could not load this call" message={loadError} retrying={loading} onRetry={refresh} />
        )}
        {known && (
          <>
            <div className="report-top">
              <CallerCard caller={caller} direction={direction} line={line} />
              <div className="report-actions">
                <LiveStatus phase={phase} connectedAt={connectedAt} />
                {details?.crmUrl && caller.number && <OpenInCrmButton number={caller.number} />}
              </div>
            </div>
            <section className="report-card" aria-labelledby="report-heading">
              <h2 id="report-heading" className="section-title">
                Call report
              </h2>
              {loadError && details && (
                <ReportProblem title="Could not refresh the report" message={loadError} retrying={loading} onRetry={refresh} />
              )}
              {report && <ReportDetails report={report} />}
              {!report && details?.report.state === 'error' && (
                <ReportProblem title="The report could not be loaded" message={details.report.message} retrying={loading} onRetry={refresh} />
              )}
              {!report && (details?.report.state ?? 'pending') === 'pending' && !(loadError && !details) && (
                <ReportPending phase={phase} pollState={pollState} checking={loading} onCheckAgain={refresh} providerName={provider?.shortName ?? null} />
              )}
            </section>
          </>
        )}
      </main>
    </div>
  );
}
