import { Icon } from '../icons/Icon';
import { isOver, type LivePhase } from './live-phase';
import type { PollState } from './use-call-report';

interface Props {
  phase: LivePhase;
  pollState: PollState;
  checking: boolean;
  onCheckAgain: () => void;
  /** The call's phone system, as sentences name it; null while not known. */
  providerName: string | null;
}

/** A provider builds its report after the call: say when to expect it instead of spinning forever. */
export function ReportPending({ phase, pollState, checking, onCheckAgain, providerName }: Props) {
  const who = providerName ?? 'Your phone system';
  let text: string;
  if (!isOver(phase)) text = 'The report appears when the call ends.';
  else if (pollState === 'gave-up') text = `${who} has not finished the report yet. It appears here as soon as it is ready.`;
  else text = `The call has ended. ${who} is preparing the report — this usually takes a few seconds.`;

  return (
    <div className="report-state">
      <Icon name="clock" className="report-state-icon" />
      <p>{text}</p>
      {isOver(phase) && pollState !== 'polling' && (
        <button type="button" className="button button-small" onClick={onCheckAgain} disabled={checking}>
          Check again
        </button>
      )}
    </div>
  );
}
