import { useId } from 'react';
import type { CallDirection, LineRef, Party } from '../../../shared/calls';
import { formatPhoneNumber } from '../../../shared/phone-number';
import { directionLabel, partyName } from '../format/call-labels';
import { CopyNumberButton } from './CopyNumberButton';

interface Props {
  caller: Party;
  direction: CallDirection;
  line: LineRef | null;
}

/** Who is calling, on which line: the first thing a person looks for. */
export function CallerCard({ caller, direction, line }: Props) {
  const numberId = useId();
  const name = partyName(caller);
  const shownNumber = caller.number ? formatPhoneNumber(caller.number) : null;
  const showNumber = shownNumber && shownNumber !== name;
  return (
    <div className="caller-card">
      <p className="caller-direction">{directionLabel(direction)} call</p>
      <h2 className="caller-name">{name}</h2>
      {caller.number && (
        <p className="caller-number">
          {showNumber && (
            <span id={numberId} className="caller-number-text">
              {shownNumber}
            </span>
          )}
          {!showNumber && (
            <span id={numberId} className="sr-only">
              {shownNumber}
            </span>
          )}
          <CopyNumberButton number={caller.number} numberElementId={numberId} />
        </p>
      )}
      {!caller.number && <p className="caller-number muted">Number withheld</p>}
      <dl className="facts facts-inline">
        <div>
          <dt>Line</dt>
          <dd>{line?.name ?? line?.number ?? '—'}</dd>
        </div>
        <div>
          <dt>Extension</dt>
          <dd>{line?.extension ?? '—'}</dd>
        </div>
      </dl>
    </div>
  );
}
