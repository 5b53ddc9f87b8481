import type { CallSummary } from './calls';

// The one rule for "does this call belong in the recent-calls list as filtered and searched".
// The engine applies it to every page it returns and the renderer to calls that arrive by
// push, so a call shows up the same whichever way it reached the list.

export const CALL_FILTERS = ['all', 'missed', 'inbound', 'outbound'] as const;
export type CallFilter = (typeof CALL_FILTERS)[number];

export interface RecentCallsSearch {
  filter: CallFilter;
  /** Free text; case, surrounding spaces and a number's formatting do not matter. */
  search: string;
}

/**
 * True when the call passes the filter and the search names its caller, its caller's number
 * or the line it rang on. A search made only of digits and number punctuation ("(555) 123-4567",
 * "+1 212.555") also matches the caller's number whatever its formatting.
 *
 * Self-contained (no module-level helpers): the browser tests serialize it into the page.
 */
export function matchesRecentCallsSearch(call: CallSummary, { filter, search }: RecentCallsSearch): boolean {
  if (filter === 'missed' && call.outcome !== 'missed') return false;
  if ((filter === 'inbound' || filter === 'outbound') && call.direction !== filter) return false;
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  const number = call.caller.number ?? '';
  if ([call.caller.name, number, call.line?.name].some((text) => text?.toLowerCase().includes(needle))) return true;
  const needleDigits = needle.replace(/\D+/g, '');
  const onlyNumberCharacters = needleDigits === needle.replace(/[\s()+.-]/g, '');
  return needleDigits.length > 0 && onlyNumberCharacters && number.replace(/\D+/g, '').includes(needleDigits);
}
