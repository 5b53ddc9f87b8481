import type { CallReport } from '../../../shared/calls';
import { humanizeState, outcomeLabel } from '../format/call-labels';
import { formatDateTime, formatDuration, formatLaterTime } from '../format/format-time';
import { AiSummary } from './AiSummary';
import { ParticipantsList } from './ParticipantsList';
import { ReportTimeline } from './ReportTimeline';

/** The provider's after-call report, in the user's time zone. */
export function ReportDetails({ report }: { report: CallReport }) {
  const missed = report.outcome === 'missed';
  return (
    <>
      <dl className="facts facts-grid">
        <div>
          <dt>Outcome</dt>
          <dd className={missed ? 'outcome is-missed' : 'outcome'}>
            {outcomeLabel(report.outcome)}
            {report.outcomeDetail && <span className="muted"> ({humanizeState(report.outcomeDetail).toLowerCase()})</span>}
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(report.durationSeconds)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{formatDateTime(report.startedAt)}</dd>
        </div>
        <div>
          <dt>Answered</dt>
          <dd>{report.answeredAt ? formatLaterTime(report.answeredAt, report.startedAt) : 'Not answered'}</dd>
        </div>
        <div>
          <dt>Ended</dt>
          <dd>{formatLaterTime(report.endedAt, report.startedAt)}</dd>
        </div>
      </dl>
      <AiSummary ai={report.ai} />
      <section className="report-section" aria-labelledby="participants-heading">
        <h3 id="participants-heading">Participants</h3>
        <ParticipantsList participants={report.participants} />
      </section>
      <section className="report-section" aria-labelledby="timeline-heading">
        <h3 id="timeline-heading">Timeline</h3>
        <ReportTimeline timeline={report.timeline} />
      </section>
    </>
  );
}
