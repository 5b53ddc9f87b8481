import type { CallSummary } from '../../../shared/calls';
import { directionLabel, lineLabel, outcomeLabel, partyName, partySecondary } from '../format/call-labels';
import { formatRowTime } from '../format/format-time';
import { Icon, type IconName } from '../icons/Icon';

interface Props {
  call: CallSummary;
  onOpen: (callId: string) => void;
}

function iconFor(call: CallSummary): IconName {
  if (call.outcome === 'missed') return 'missed';
  return call.direction === 'outbound' ? 'outgoing' : 'incoming';
}

/** One compact row: who (bold), number and line (muted), outcome and time on the right. */
export function CallRow({ call, onOpen }: Props) {
  const missed = call.outcome === 'missed';
  const live = call.outcome === 'ringing' || call.outcome === 'in-progress';
  const secondary = [partySecondary(call.caller), lineLabel(call.line), call.late ? 'rang while offline' : null].filter(Boolean).join(' · ');
  return (
    <button
      type="button"
      className={`call-row${missed ? ' is-missed' : ''}${live ? ' is-live' : ''}`}
      onClick={() => onOpen(call.callId)}
    >
      <span className="call-icon">
        <Icon name={iconFor(call)} />
      </span>
      <span className="call-main">
        <span className="call-name">
          <span className="sr-only">{directionLabel(call.direction)} call, </span>
          {partyName(call.caller)}
        </span>
        {secondary && <span className="call-secondary">{secondary}</span>}
      </span>
      <span className="call-meta">
        <span className="call-outcome">{outcomeLabel(call.outcome)}</span>
        <time className="call-time" dateTime={call.startedAt}>
          {formatRowTime(call.startedAt)}
        </time>
      </span>
    </button>
  );
}
