// A handful of line icons drawn inline (no icon font or image: the CSP allows no remote content,
// and inline SVG needs no extra request). Always decorative: the text beside them carries meaning.
const PATHS = {
  incoming: 'M17 7 7 17M7 9v8h8',
  outgoing: 'M7 17 17 7M9 7h8v8',
  missed: 'M3 8l6 6 5-5 7 7M21 11v5h-5',
  copy: 'M9 9h10v10H9zM5 15V5h10',
  external: 'M14 4h6v6M20 4l-9 9M18 14v5H5V6h5',
  check: 'M5 12.5l4.5 4.5L19 7',
  alert: 'M12 3 2 20h20L12 3zM12 10v4.5M12 17.2v.3',
  clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7.5V12l3 2',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5 20 20',
  spark: 'M12 3v4M12 17v4M3 12h4M17 12h4M6 6l2.5 2.5M15.5 15.5 18 18M18 6l-2.5 2.5M8.5 15.5 6 18',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
