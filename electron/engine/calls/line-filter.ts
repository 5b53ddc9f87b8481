// Which of the account's lines the user wants to hear about. GoTo's call-events subscription
// covers the whole account (docs/providers/goto.md#facts-seen-live), so without this a receptionist would get
// a toast for every call in the company. The provider resolves "my lines" / "chosen lines" to ids.

export type LineFilter = { mode: 'all' } | { mode: 'lines'; lineIds: string[] };

export const ALL_LINES: LineFilter = { mode: 'all' };

/** A compiled filter: one Set lookup per leg on the hot path. */
export type LineMatcher = (lineId: string) => boolean;

export function compileLineFilter(filter: LineFilter): LineMatcher {
  if (filter.mode === 'all') return () => true;
  const ids = new Set(filter.lineIds.filter((id) => typeof id === 'string' && id !== ''));
  return (lineId) => ids.has(lineId);
}

/** Validates a filter that came from settings or IPC; a bad one is an error, not a silent "all". */
export function parseLineFilter(value: unknown): LineFilter | { error: string } {
  if (typeof value !== 'object' || value === null) return { error: 'line filter must be an object' };
  const v = value as { mode?: unknown; lineIds?: unknown };
  if (v.mode === 'all') return { mode: 'all' };
  if (v.mode !== 'lines') return { error: `line filter mode must be "all" or "lines"` };
  if (!Array.isArray(v.lineIds) || !v.lineIds.every((id) => typeof id === 'string' && id !== '')) {
    return { error: 'line filter lineIds must be a list of non-empty strings' };
  }
  return { mode: 'lines', lineIds: [...(v.lineIds as string[])] };
}
