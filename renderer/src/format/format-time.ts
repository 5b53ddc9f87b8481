// Times arrive as ISO-8601 UTC; people read them in their own time zone, so every formatter uses
// Intl with the default (local) zone and locale. Formatters are built once: the recent-calls list
// formats a time per visible row on every scroll frame.

const timeOnly = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const timeWithSeconds = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "10:32 AM" today, "Mar 3, 10:32 AM" on other days: what a list row needs. */
export function formatRowTime(iso: string, now: Date = new Date()): string {
  const date = parse(iso);
  if (!date) return '';
  const sameDay = date.toDateString() === now.toDateString();
  return (sameDay ? timeOnly : dayAndTime).format(date);
}

/** "Mar 3, 2025, 10:32:05 AM", or an em dash when unknown. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? fullDateTime.format(date) : '—';
}

/** "10:32:05 AM", or an em dash when unknown. */
export function formatClockTime(iso: string | null | undefined): string {
  const date = parse(iso);
  return date ? timeWithSeconds.format(date) : '—';
}

/** Whole seconds as m:ss (75 → "1:15", 3725 → "62:05"); an em dash when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  return `${minutes}:${String(rest).padStart(2, '0')}`;
}

/** A time after `reference` on the same day needs no date again: "10:34:12 AM"; else the full one. */
export function formatLaterTime(iso: string | null | undefined, reference: string | null | undefined): string {
  const date = parse(iso);
  const ref = parse(reference);
  if (!date) return '—';
  return ref && ref.toDateString() === date.toDateString() ? timeWithSeconds.format(date) : fullDateTime.format(date);
}
