import type { ProviderDescriptor } from '../../../shared/providers';

interface Props {
  providers: readonly ProviderDescriptor[];
  value: string | null;
  onChange: (id: string) => void;
  disabled?: boolean;
}

/** "Which phone system do you use?": one radio button per provider main offers. */
export function ProviderChoice({ providers, value, onChange, disabled }: Props) {
  return (
    <fieldset className="provider-choice" disabled={disabled}>
      <legend>Which phone system do you use?</legend>
      {providers.map((p) => (
        <label key={p.id} className="provider-option">
          <input type="radio" name="provider" value={p.id} checked={value === p.id} onChange={() => onChange(p.id)} />
          <span className="provider-name">{p.displayName}</span>
          <span className="field-hint"> {p.summary}</span>
        </label>
      ))}
    </fieldset>
  );
}
