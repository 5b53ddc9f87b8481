import { useId, type ReactNode } from 'react';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

interface Props {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Renders the control with the id and ARIA wiring that tie it to its label, hint and error. */
  children: (control: FieldControlProps) => ReactNode;
  /** Rendered beside the control (e.g. a Detect button). */
  action?: ReactNode;
}

/** A labelled form control with its hint and its inline error right under it. */
export function FormField({ label, hint, error, children, action }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="field-control">
        {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
        {action}
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
