import type { CallDirection, CallOutcome, CallReport, CallSummary, LineRef, Party, ReportParticipant } from '../../../../shared/calls';
import type { GotoReport, GotoReportSummary } from './goto-api-schemas';

// GoTo's Call Events Report and report summaries, normalized for the report window and the
// recent-calls list. Timestamps from GoTo are UTC ISO strings and are passed through.

export function toDirection(value: string | null | undefined): CallDirection {
  const v = value?.toUpperCase();
  return v === 'INBOUND' ? 'inbound' : v === 'OUTBOUND' ? 'outbound' : 'unknown';
}

/** GoTo's callerOutcome words vary by account and version; unknown words become 'other'. */
export function toOutcome(callerOutcome: string | null | undefined, answeredAt: string | null | undefined): CallOutcome {
  const v = (callerOutcome ?? '').toUpperCase();
  if (v.includes('VOICEMAIL')) return 'voicemail';
  if (v.includes('MISSED') || v.includes('NO_ANSWER') || v.includes('UNANSWERED')) return 'missed';
  if (v.includes('ABANDON') || v.includes('HANG')) return 'abandoned';
  if (v.includes('ANSWER') || v === 'NORMAL' || v === 'COMPLETED') return 'answered';
  if (!v) return answeredAt ? 'answered' : 'missed';
  return 'other';
}

function seconds(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const d = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(d) && d >= 0 ? Math.round(d) : null;
}

export function toCallReport(report: GotoReport): CallReport {
  const participants: ReportParticipant[] = report.participants.map((p) => {
    const t = p.type;
    const kind = t?.value === 'PHONE_NUMBER' ? 'external' : t?.value === 'LINE' ? 'line' : 'other';
    const party = t?.caller ?? t?.callee ?? null;
    return {
      id: p.id,
      kind,
      name: party?.name ?? t?.name ?? null,
      number: party?.number ?? t?.number ?? null,
      extension: t?.extensionNumber ?? null,
      lineId: kind === 'line' ? (t?.lineId ?? null) : null,
    };
  });
  const external = participants.find((p) => p.kind === 'external');
  const caller: Party = { name: external?.name ?? null, number: external?.number ?? null };
  return {
    provider: 'goto',
    callId: report.conversationSpaceId,
    direction: toDirection(report.direction),
    startedAt: report.callCreated ?? null,
    answeredAt: report.callAnswered ?? null,
    endedAt: report.callEnded ?? null,
    durationSeconds: seconds(report.callAnswered ?? report.callCreated, report.callEnded),
    outcome: toOutcome(report.callerOutcome, report.callAnswered),
    outcomeDetail: report.callerOutcome ?? null,
    caller,
    participants,
    timeline: report.callStates.map((s) => ({ type: s.type, at: s.timestamp ?? null })),
    ai: report.aiAnalysis ? { summary: report.aiAnalysis.summary ?? null, topics: report.aiAnalysis.topics ?? [] } : null,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' ? (v as Record<string, unknown>) : null);

/**
 * A report-summaries row as a recent-calls row. GoTo documents few summary fields; caller and
 * line are read where a row carries them (`caller{name,number}`, `line{id,name,number}`, or the
 * flat `callerName`/`callerNumber`), otherwise left empty for the report to fill in.
 */
export function toCallSummary(row: GotoReportSummary): CallSummary | null {
  const startedAt = row.callCreated ?? null;
  if (!startedAt) return null;
  const callerObj = obj(row.caller);
  const lineObj = obj(row.line);
  const lineId = str(lineObj?.id) ?? str(row.lineId);
  const line: LineRef | null = lineId
    ? { id: lineId, name: str(lineObj?.name), number: str(lineObj?.number), extension: str(lineObj?.extensionNumber) ?? str(lineObj?.extension) }
    : null;
  return {
    provider: 'goto',
    callId: row.conversationSpaceId,
    direction: toDirection(row.direction),
    caller: { name: str(callerObj?.name) ?? str(row.callerName), number: str(callerObj?.number) ?? str(row.callerNumber) },
    line,
    startedAt,
    endedAt: row.callEnded ?? null,
    outcome: row.callEnded ? toOutcome(row.callerOutcome, row.callAnswered) : 'in-progress',
  };
}
