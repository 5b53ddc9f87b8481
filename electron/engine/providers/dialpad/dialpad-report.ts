// Dialpad call records → the report window and the recent-calls list (docs/providers/dialpad.md,
// "Call history"). Dialpad's record has times, duration (ms), the contact, the target and whether
// it was recorded; there is no AI summary.
import type { CallOutcome, CallReport, CallSummary } from '../../../../shared/calls';
import { directionOf, lineOf } from './dialpad-call-events';
import { callKey } from './dialpad-frames';
import type { DialpadCall } from './dialpad-schemas';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function outcomeOf(call: DialpadCall): CallOutcome {
  if (call.state === 'voicemail') return 'voicemail';
  if (call.date_connected !== null) return 'answered';
  return directionOf(call) === 'outbound' ? 'other' : 'missed';
}

/** The leg that tells the call's story: an answered one, else the last to end. */
function representativeLeg(legs: DialpadCall[]): DialpadCall {
  const answered = legs.filter((l) => l.date_connected !== null);
  const pool = answered.length > 0 ? answered : legs;
  return pool.reduce((a, b) => ((b.date_ended ?? b.date_started ?? 0) > (a.date_ended ?? a.date_started ?? 0) ? b : a));
}

export function toCallReport(legs: DialpadCall[]): CallReport {
  const call = representativeLeg(legs);
  const startedAt = Math.min(...legs.map((l) => l.date_started ?? Number.POSITIVE_INFINITY));
  const recorded = legs.some((l) => l.was_recorded || (l.recording_details?.length ?? 0) > 0);
  const timeline = [
    { type: 'ringing', at: iso(call.date_rang) },
    { type: 'connected', at: iso(call.date_connected) },
    { type: 'ended', at: iso(call.date_ended) },
  ].filter((s) => s.at !== null);
  return {
    provider: 'dialpad',
    callId: callKey(call),
    direction: directionOf(call),
    startedAt: Number.isFinite(startedAt) ? iso(startedAt) : null,
    answeredAt: iso(call.date_connected),
    endedAt: iso(call.date_ended),
    durationSeconds: typeof call.duration === 'number' ? Math.round(call.duration / 1000) : null,
    outcome: outcomeOf(call),
    outcomeDetail: `${call.state}${recorded ? ' · recorded' : ''}${legs.length > 1 ? ` · ${legs.length} legs` : ''}`,
    caller: { name: call.contact.name, number: call.contact.phone },
    participants: [
      { id: call.contact.id ?? 'contact', kind: 'external', name: call.contact.name, number: call.contact.phone, extension: null, lineId: null },
      { id: call.target.id ?? 'target', kind: call.target.type === 'user' ? 'line' : 'other', name: call.target.name, number: call.target.phone, extension: null, lineId: call.target.id },
    ],
    timeline,
    ai: null,
  };
}

/** Call list rows grouped into calls (legs of a queue call share a key), most recent first. */
export function groupByCall(rows: DialpadCall[]): Map<string, DialpadCall[]> {
  const groups = new Map<string, DialpadCall[]>();
  for (const row of rows) {
    const key = callKey(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export function toCallSummary(legs: DialpadCall[]): CallSummary | null {
  const call = representativeLeg(legs);
  const started = Math.min(...legs.map((l) => l.date_started ?? Number.POSITIVE_INFINITY));
  if (!Number.isFinite(started)) return null;
  return {
    provider: 'dialpad',
    callId: callKey(call),
    direction: directionOf(call),
    caller: { name: call.contact.name, number: call.contact.phone },
    line: call.target.id ? lineOf(call) : null,
    startedAt: new Date(started).toISOString(),
    endedAt: iso(call.date_ended),
    outcome: outcomeOf(call),
  };
}
