// RingCentral call-log records (docs/providers/ringcentral.md, "Call log") → what Ringtray shows:
// the call report (result, times, duration, legs, whether a recording exists), a recent-calls
// row, and — after a gap — the ended CallEvent of a call that rang while we were not listening.
import type { CallDirection, CallEvent, CallOutcome, CallReport, CallSummary, LineRef, ReportParticipant } from '../../../../shared/calls';
import { callLogRecordSchema, type RcCallLogRecord } from './rc-api-schemas';

export function parseCallLogRecord(raw: unknown): RcCallLogRecord | null {
  const r = callLogRecordSchema.safeParse(raw);
  return r.success ? r.data : null;
}

const direction = (d: string | undefined): CallDirection => (d === 'Inbound' ? 'inbound' : d === 'Outbound' ? 'outbound' : 'unknown');

/** RingCentral's `result` words → our outcome. */
function outcomeOf(result: string | undefined): CallOutcome {
  switch (result) {
    case 'Accepted':
    case 'Call connected':
    case 'Received':
      return 'answered';
    case 'Missed':
    case 'Rejected':
    case 'No Answer':
      return 'missed';
    case 'Voicemail':
      return 'voicemail';
    case 'Hang Up':
    case 'Abandoned':
      return 'abandoned';
    default:
      return 'other';
  }
}

function times(r: RcCallLogRecord): { startedAt: string | null; endedAt: string | null } {
  const start = r.startTime ? Date.parse(r.startTime) : NaN;
  if (!Number.isFinite(start)) return { startedAt: null, endedAt: null };
  const endedAt = typeof r.duration === 'number' ? new Date(start + r.duration * 1000).toISOString() : null;
  return { startedAt: new Date(start).toISOString(), endedAt };
}

function lineOf(r: RcCallLogRecord): LineRef | null {
  const id = r.extension?.id;
  if (!id) return null;
  const ours = direction(r.direction) === 'outbound' ? r.from : r.to;
  return { id, name: ours?.name ?? null, number: null, extension: ours?.extensionNumber ?? null };
}

function callerOf(r: RcCallLogRecord): { name: string | null; number: string | null } {
  const other = direction(r.direction) === 'outbound' ? r.to : r.from;
  return { name: other?.name ?? null, number: other?.phoneNumber ?? null };
}

const callIdOf = (r: RcCallLogRecord): string => r.telephonySessionId ?? r.sessionId ?? r.id;

export function toCallReport(r: RcCallLogRecord): CallReport {
  const { startedAt, endedAt } = times(r);
  const outcome = outcomeOf(r.result);
  const line = lineOf(r);
  const participants: ReportParticipant[] = [];
  const caller = callerOf(r);
  participants.push({ id: 'external', kind: 'external', name: caller.name, number: caller.number, extension: null, lineId: null });
  if (line) participants.push({ id: line.id, kind: 'line', name: line.name, number: null, extension: line.extension, lineId: line.id });
  const timeline = [{ type: 'started', at: startedAt }];
  for (const [i, leg] of (r.legs ?? []).entries()) {
    if (typeof leg !== 'object' || leg === null) continue;
    const l = leg as { legType?: unknown; result?: unknown; startTime?: unknown };
    const what = [l.legType, l.result].filter((x): x is string => typeof x === 'string' && x.length <= 100).join(' · ');
    timeline.push({ type: `leg ${i + 1}${what ? `: ${what}` : ''}`, at: typeof l.startTime === 'string' ? l.startTime : null });
  }
  if (r.recording) timeline.push({ type: 'recording available', at: null });
  timeline.push({ type: 'ended', at: endedAt });
  return {
    provider: 'ringcentral',
    callId: callIdOf(r),
    direction: direction(r.direction),
    startedAt,
    answeredAt: null,
    endedAt,
    durationSeconds: typeof r.duration === 'number' ? r.duration : null,
    outcome,
    outcomeDetail: r.result ?? null,
    caller,
    participants,
    timeline,
    ai: null,
  };
}

export function toCallSummary(r: RcCallLogRecord): CallSummary | null {
  const { startedAt, endedAt } = times(r);
  if (!startedAt) return null;
  return { provider: 'ringcentral', callId: callIdOf(r), direction: direction(r.direction), caller: callerOf(r), line: lineOf(r), startedAt, endedAt, outcome: outcomeOf(r.result) };
}

/** A call that ended while we were away, as the event that closes it (missed or ended). */
export function endedEventFrom(r: RcCallLogRecord): CallEvent | null {
  if (direction(r.direction) !== 'inbound' || !r.telephonySessionId) return null;
  const line = lineOf(r);
  const { endedAt, startedAt } = times(r);
  const outcome = outcomeOf(r.result);
  const missed = outcome === 'missed' || outcome === 'voicemail';
  return {
    provider: 'ringcentral',
    callId: r.telephonySessionId,
    direction: 'inbound',
    sequence: null,
    at: endedAt ?? startedAt ?? new Date().toISOString(),
    caller: callerOf(r),
    legs: line ? [{ line, status: missed ? 'other' : 'connected' }] : [],
    ended: true,
    endedAs: missed ? 'missed' : 'ended',
    origin: 'backfill',
  };
}
