import { Icon } from '../icons/Icon';

export function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <div className="search-box">
      <Icon name="search" className="search-icon" />
      <input
        type="search"
        aria-label="Search calls by name or number"
        placeholder="Search name or number"
        value={value}
        maxLength={200}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Escape clears the search (and nothing else): the harmless thing to undo.
          if (event.key === 'Escape' && value) {
            event.preventDefault();
            onChange('');
          }
        }}
      />
    </div>
  );
}
