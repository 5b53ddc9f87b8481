import type { FieldControlProps } from './FormField';

interface Props {
  control: FieldControlProps;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  /** `url` brings the URL keyboard on touch screens. */
  inputMode?: 'text' | 'url';
}

/** An id, URI or template: no autocomplete and no spell check (they would "correct" it). */
export function PlainTextInput({ control, value, onChange, onBlur, inputMode }: Props) {
  return (
    <input
      {...control}
      type="text"
      inputMode={inputMode}
      autoComplete="off"
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
    />
  );
}
