import type { ReportState } from '../../../shared/calls';
import { humanizeState } from '../format/call-labels';
import { formatClockTime } from '../format/format-time';

/** The call-state timeline from the report, oldest first as GoTo sends it. */
export function ReportTimeline({ timeline }: { timeline: ReportState[] }) {
  if (timeline.length === 0) return <p className="muted">No call states recorded.</p>;
  return (
    <ol className="timeline">
      {timeline.map((state, index) => (
        <li key={`${index}-${state.type}`}>
          <time className="timeline-time" dateTime={state.at ?? undefined}>
            {formatClockTime(state.at)}
          </time>
          <span className="timeline-state">{humanizeState(state.type)}</span>
        </li>
      ))}
    </ol>
  );
}
