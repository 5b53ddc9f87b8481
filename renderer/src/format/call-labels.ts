import type { CallDirection, CallOutcome, CallSummary, LineRef, Party } from '../../../shared/calls';
import { formatPhoneNumber } from '../../../shared/phone-number';

export { partyLabel as partyName } from '../../../shared/phone-number';

/** The formatted number, when it is not already what partyName shows. */
export function partySecondary(party: Party | null | undefined): string | null {
  if (!party?.number) return null;
  return party.name?.trim() ? formatPhoneNumber(party.number) : null;
}

export function directionLabel(direction: CallDirection): string {
  switch (direction) {
    case 'inbound':
      return 'Incoming';
    case 'outbound':
      return 'Outgoing';
    default:
      return 'Direction unknown';
  }
}

export type RowOutcome = CallSummary['outcome'];

export function outcomeLabel(outcome: RowOutcome | CallOutcome): string {
  switch (outcome) {
    case 'answered':
      return 'Answered';
    case 'missed':
      return 'Missed';
    case 'voicemail':
      return 'Voicemail';
    case 'abandoned':
      return 'Caller hung up';
    case 'ringing':
      return 'Ringing';
    case 'in-progress':
      return 'In progress';
    default:
      return 'Ended';
  }
}

/** "Sales · ext. 1001" — whatever the provider told us about the line. */
export function lineLabel(line: LineRef | null | undefined): string | null {
  if (!line) return null;
  const name = line.name ?? line.number;
  const ext = line.extension ? `ext. ${line.extension}` : null;
  return [name, ext].filter(Boolean).join(' · ') || null;
}

/** GoTo timeline states arrive as words like "CALL_RINGING": show them as "Call ringing". */
export function humanizeState(type: string): string {
  const words = type.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : type;
}
