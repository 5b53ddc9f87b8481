import type { Party } from './calls';

// How a number is shown to a person. GoTo sends E.164 (`+12125550188`); North American numbers
// are grouped the way people read them (`+1 212-555-0188`). Other countries' groupings need a
// per-country table (libphonenumber's metadata is ~150 KB), so those are shown as sent. Copy
// buttons and CRM links keep using the raw number.

const NANP = /^\+1([2-9]\d{2})([2-9]\d{2})(\d{4})$/;

export function formatPhoneNumber(raw: string): string {
  const trimmed = raw.trim();
  const compact = trimmed.replace(/[\s().-]/g, '');
  const nanp = NANP.exec(compact);
  return nanp ? `+1 ${nanp[1]}-${nanp[2]}-${nanp[3]}` : trimmed;
}

/** The caller's name, else their formatted number, else "Unknown caller". */
export function partyLabel(party: Party | null | undefined): string {
  const name = party?.name?.trim();
  if (name) return name;
  const number = party?.number?.trim();
  return number ? formatPhoneNumber(number) : 'Unknown caller';
}
