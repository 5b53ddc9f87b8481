// After-call reports (docs/providers/goto.md#call-events-report). A report is built when the call ends but
// only becomes readable `delayMs` later: the live API answers 404 "for a short while after the
// call ends", and the client must retry. Summaries (the browse API) appear at the same moment.
// Field names follow docs/providers/goto.md; `originator` (the id of the participant that started the call) and
// the callerOutcome words (NORMAL, MISSED, NO_ANSWER, VOICEMAIL) are this sandbox's reading —
// docs/providers/goto.md names the fields but not their values.
import type { CallRecord } from './call-book';
import { TOPICS } from './fixtures';

export interface ReportParticipant {
  id: string;
  legId: string;
  originator: string;
  type: Record<string, unknown> & { value: string };
}

export interface CallReportBody {
  conversationSpaceId: string;
  accountKey: string;
  direction: 'INBOUND' | 'OUTBOUND';
  callCreated: string;
  callAnswered?: string;
  callEnded: string;
  callerOutcome: string;
  participants: ReportParticipant[];
  callStates: { type: string; timestamp: string; sequenceNumber: number }[];
  aiAnalysis?: { summary: string; topics: string[] };
}

export interface ReportSummary extends Omit<CallReportBody, 'participants' | 'callStates' | 'aiAnalysis'> {
  /** Who placed the call: the outside party inbound, the line outbound. */
  caller: { name: string; number: string };
  callee: { name: string; number: string };
  line: { id: string; name: string; number: string };
}

interface Stored {
  report: CallReportBody;
  summary: ReportSummary;
  readyAt: number;
  /** When the summary shows up in the browse API (and its REPORT_SUMMARY frame is sent). */
  indexedAt: number;
  createdMs: number;
}

export interface ReportStore {
  /** Builds and stores the report of an ended call; returns its summary (for REPORT_SUMMARY frames). */
  add(call: CallRecord, o: { aiAnalysis: boolean }): ReportSummary;
  /** The report if it exists and is ready, else undefined (→ 404). */
  ready(id: string): CallReportBody | undefined;
  /** Ready summaries of `accountKey` created in [startMs, endMs), newest first. */
  summaries(accountKey: string, startMs: number, endMs: number): { summary: ReportSummary; createdMs: number }[];
  setDelay(ms: number): void;
  /** Summaries are indexed this long after their call ends (0: at once, with the report's readiness). */
  setIndexDelay(ms: number): void;
  readonly indexDelayMs: number;
  clear(): void;
}

export function createReportStore(options: { delayMs: number; retain: number; indexDelayMs?: number }): ReportStore {
  let delayMs = options.delayMs;
  let indexDelayMs = options.indexDelayMs ?? 0;
  const reports = new Map<string, Stored>();

  return {
    add(call, o) {
      const endedAt = call.endedAt ?? new Date().toISOString();
      const lineParty = { name: call.line.name, number: call.line.number };
      const outside = { name: call.party.name, number: call.party.number };
      const inbound = call.direction === 'INBOUND';
      const originator = inbound ? call.phoneParticipantId : call.lineParticipantId;
      const report: CallReportBody = {
        conversationSpaceId: call.id,
        accountKey: call.accountKey,
        direction: call.direction,
        callCreated: call.createdAt,
        callEnded: endedAt,
        callerOutcome: call.outcome ?? 'NORMAL',
        participants: [
          {
            id: call.phoneParticipantId,
            legId: `${call.phoneParticipantId}-leg`,
            originator,
            type: { value: 'PHONE_NUMBER', [inbound ? 'caller' : 'callee']: outside },
          },
          {
            id: call.lineParticipantId,
            legId: `${call.lineParticipantId}-leg`,
            originator,
            type: { value: 'LINE', lineId: call.line.id, name: call.line.name, extensionNumber: call.line.number },
          },
        ],
        callStates: call.contents.map((c) => ({ type: c.state.type, timestamp: c.state.timestamp, sequenceNumber: c.state.sequenceNumber })),
      };
      if (call.answeredAt) report.callAnswered = call.answeredAt;
      if (o.aiAnalysis && call.answeredAt) report.aiAnalysis = aiAnalysisFor(call);
      const summary: ReportSummary = {
        conversationSpaceId: call.id,
        accountKey: call.accountKey,
        direction: call.direction,
        callCreated: call.createdAt,
        callEnded: endedAt,
        callerOutcome: report.callerOutcome,
        caller: inbound ? outside : lineParty,
        callee: inbound ? lineParty : outside,
        line: { id: call.line.id, name: call.line.name, number: call.line.number },
      };
      if (call.answeredAt) summary.callAnswered = call.answeredAt;
      const at = Date.now();
      reports.set(call.id, { report, summary, readyAt: at + delayMs, indexedAt: at + indexDelayMs, createdMs: Date.parse(call.createdAt) });
      while (reports.size > options.retain) {
        const oldest = reports.keys().next().value;
        if (oldest === undefined) break;
        reports.delete(oldest);
      }
      return summary;
    },
    ready(id) {
      const stored = reports.get(id);
      return stored && stored.readyAt <= Date.now() ? stored.report : undefined;
    },
    summaries(accountKey, startMs, endMs) {
      const now = Date.now();
      return [...reports.values()]
        .filter((s) => s.summary.accountKey === accountKey && s.readyAt <= now && s.indexedAt <= now && s.createdMs >= startMs && s.createdMs < endMs)
        .sort((a, b) => b.createdMs - a.createdMs || (a.summary.conversationSpaceId < b.summary.conversationSpaceId ? 1 : -1))
        .map((s) => ({ summary: s.summary, createdMs: s.createdMs }));
    },
    setDelay(ms) {
      delayMs = ms;
    },
    setIndexDelay(ms) {
      indexDelayMs = ms;
    },
    get indexDelayMs() {
      return indexDelayMs;
    },
    clear() {
      reports.clear();
    },
  };
}

function aiAnalysisFor(call: CallRecord): { summary: string; topics: string[] } {
  // Deterministic per call so repeated fetches of one report agree.
  const seed = [...call.id].reduce((n, ch) => (n * 31 + ch.charCodeAt(0)) >>> 0, 7);
  const topics = [TOPICS[seed % TOPICS.length] as string, TOPICS[(seed >>> 3) % TOPICS.length] as string].filter((t, i, a) => a.indexOf(t) === i);
  const who = call.party.name || call.party.number;
  const verb = call.direction === 'INBOUND' ? 'called' : 'was called by';
  return { summary: `${who} ${verb} ${call.line.name} about the ${topics.join(' and the ')}.`, topics };
}
