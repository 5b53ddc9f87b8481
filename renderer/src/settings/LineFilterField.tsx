import { useEffect, useState } from 'react';
import type { LinesView } from '../../../shared/ipc/api';
import type { Settings } from '../../../shared/settings';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';

type LineFilter = Settings['lineFilter'];

const MODES: { value: LineFilter['mode']; label: string; hint: string }[] = [
  { value: 'mine', label: 'My lines', hint: 'Calls to the lines of the signed-in user' },
  { value: 'all', label: 'All lines', hint: 'Every line of the account' },
  { value: 'chosen', label: 'Chosen lines', hint: 'Only the lines ticked below' },
];

interface Props {
  value: LineFilter;
  error: string | undefined;
  onChange: (value: LineFilter) => void;
}

/** Which lines ring Ringtray; "chosen" lists the account's lines (read only when needed). */
export function LineFilterField({ value, error, onChange }: Props) {
  const api = useRingtrayApi();
  const [lines, setLines] = useState<LinesView | null>(null);
  const [linesError, setLinesError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const needLines = value.mode === 'chosen';

  useEffect(() => {
    if (!needLines) return;
    let alive = true;
    setLinesError(null);
    api.listLines().then(
      (result) => alive && setLines(result),
      (failure: unknown) => alive && setLinesError(errorMessage(failure)),
    );
    return () => {
      alive = false;
    };
  }, [api, needLines, attempt]);

  const toggle = (lineId: string, on: boolean) => {
    const ids = new Set(value.lineIds);
    if (on) ids.add(lineId);
    else ids.delete(lineId);
    onChange({ ...value, lineIds: [...ids] });
  };

  return (
    <fieldset className={error ? 'field fieldset has-error' : 'field fieldset'}>
      <legend className="field-label">Lines to watch</legend>
      <div className="radio-list">
        {MODES.map((mode) => (
          <label key={mode.value} className="radio-option">
            <input type="radio" name="line-filter" value={mode.value} checked={value.mode === mode.value} onChange={() => onChange({ ...value, mode: mode.value })} />
            <span>
              {mode.label}
              <span className="field-hint"> — {mode.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {needLines && (
        <div className="line-choices" role="group" aria-label="Chosen lines">
          {!lines && !linesError && <p className="muted">Loading the account&rsquo;s lines…</p>}
          {linesError && (
            <p className="field-error" role="alert">
              {linesError}{' '}
              <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
                Retry
              </button>
            </p>
          )}
          {lines?.lines.length === 0 && <p className="muted">This account has no lines yet.</p>}
          {lines?.lines.map((line) => (
            <label key={line.id} className="check-option">
              <input type="checkbox" checked={value.lineIds.includes(line.id)} onChange={(event) => toggle(line.id, event.target.checked)} />
              <span>
                {line.name ?? line.number ?? line.id}
                {line.extension && <span className="muted"> · ext. {line.extension}</span>}
                {lines.mine.includes(line.id) && <span className="tag">Mine</span>}
              </span>
            </label>
          ))}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
