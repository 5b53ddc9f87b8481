import type { CallFilter } from '../../../shared/recent-calls-search';

const OPTIONS: { value: CallFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'missed', label: 'Missed' },
  { value: 'inbound', label: 'Incoming' },
  { value: 'outbound', label: 'Outgoing' },
];

/**
 * A segmented control built from native radio buttons: the radiogroup role, arrow-key movement
 * and a single tab stop come from the browser.
 */
export function CallFilterControl({ value, onChange }: { value: CallFilter; onChange: (value: CallFilter) => void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Show calls">
      {OPTIONS.map((option) => (
        <label key={option.value} className={option.value === value ? 'segment is-selected' : 'segment'}>
          <input
            type="radio"
            name="call-filter"
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
