import { useId } from 'react';

interface Props {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** A switch-style checkbox with a one-line explanation. */
export function CheckboxField({ label, hint, checked, onChange }: Props) {
  const hintId = useId();
  return (
    <label className="check-field">
      <input type="checkbox" role="switch" checked={checked} aria-describedby={hintId} onChange={(event) => onChange(event.target.checked)} />
      <span className="check-text">
        <span className="check-label">{label}</span>
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      </span>
    </label>
  );
}
