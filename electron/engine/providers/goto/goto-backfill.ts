import type { CallEvent, CallReport, LineLeg } from '../../../../shared/calls';
import type { Logger } from '../../log/logger';
import type { GotoApi } from './goto-api';
import type { GotoReportSummary } from './goto-api-schemas';
import { gotoCallEventFromContent } from './goto-call-events';
import { toCallSummary, toDirection } from './goto-report';

// Nothing lost in a gap (docs/reliability.md#the-socket): after the socket was down or half-open,
// calls may have rung unseen. We re-read (1) the account's active calls, so a call still
// ringing gets its ringing notice, and (2) the report summaries since the gap began, so a call
// that rang and ended unseen becomes a missed (or ended) notice. The tracker dedupes against
// what it already saw, so a call is accounted for exactly once. The ids it saw are returned so the
// session can chase calls it knew were open that are neither active nor summarized yet.

/** Summaries are indexed by GoTo with some delay; look a little before the gap began. */
const LOOKBACK_MS = 2 * 60_000;
const MAX_SUMMARY_PAGES = 10;

export interface BackfillDeps {
  api: Pick<GotoApi, 'listActiveCalls' | 'listReportSummaries'>;
  accountKey: string;
  /** Used when a summary row does not say which line the call rang on. */
  fetchReport: (callId: string) => Promise<CallReport | null>;
  log: Logger;
  now?: () => number;
}

export interface BackfillResult {
  active: number;
  ended: number;
  /** Every call GoTo listed as active, and every call whose summary was read. */
  seen: Set<string>;
}

export async function backfillGap(deps: BackfillDeps, since: Date, emit: (event: CallEvent) => void): Promise<BackfillResult> {
  const now = deps.now ?? Date.now;
  const counts: BackfillResult = { active: 0, ended: 0, seen: new Set() };

  const active = await deps.api.listActiveCalls(deps.accountKey);
  for (const item of active) {
    const result = gotoCallEventFromContent(item, 'backfill');
    if (result.ok) {
      counts.seen.add(result.event.callId);
      emit(result.event);
      counts.active += 1;
    } else deps.log.debug('backfill: skipped an active call', { reason: result.reason });
  }

  const start = new Date(since.getTime() - LOOKBACK_MS);
  const end = new Date(now());
  let pageMarker: string | undefined;
  for (let page = 0; page < MAX_SUMMARY_PAGES; page += 1) {
    const res = await deps.api.listReportSummaries({ accountKey: deps.accountKey, start, end, pageMarker });
    for (const row of res.items) {
      counts.seen.add(row.conversationSpaceId);
      const event = await endedEventFrom(row, deps);
      if (event) {
        emit(event);
        counts.ended += 1;
      }
    }
    if (!res.nextPageMarker) break;
    pageMarker = res.nextPageMarker;
  }
  return counts;
}

async function endedEventFrom(row: GotoReportSummary, deps: BackfillDeps): Promise<CallEvent | null> {
  if (!row.callEnded || toDirection(row.direction) !== 'inbound') return null;
  const summary = toCallSummary(row);
  if (!summary) return null;
  const answered = Boolean(row.callAnswered) || summary.outcome === 'answered';
  let legs: LineLeg[] = summary.line ? [{ line: summary.line, status: answered ? 'connected' : 'other' }] : [];
  let caller = summary.caller;
  if (legs.length === 0 || (!caller.name && !caller.number)) {
    // The row does not say enough: the report does (participants name the lines and the caller).
    const report = await deps.fetchReport(row.conversationSpaceId).catch(() => null);
    if (report) {
      if (legs.length === 0) {
        legs = report.participants
          .filter((p) => p.kind === 'line')
          .map((p) => ({ line: { id: p.lineId ?? p.id, name: p.name, number: p.number, extension: p.extension }, status: report.answeredAt ? 'connected' : 'other' }));
      }
      if (!caller.name && !caller.number) caller = report.caller;
    }
  }
  return {
    provider: 'goto',
    callId: row.conversationSpaceId,
    direction: 'inbound',
    sequence: null,
    at: row.callEnded,
    caller,
    legs,
    ended: true,
    origin: 'backfill',
  };
}
