import type { CallNotice, CallSummary } from '../../../shared/calls';
import { matchesRecentCallsSearch, type CallFilter } from '../../../shared/recent-calls-search';

// Live notices keep the list current without re-reading history: a notice for a listed call
// updates its row in place; a notice for a new call adds a row on top when it matches what the
// list is showing (the server filters pages; this mirrors it for rows that arrive by push).

function summaryFromNotice(notice: CallNotice, previous: CallSummary | undefined): CallSummary {
  const hasCaller = Boolean(notice.caller.name || notice.caller.number);
  const report = notice.type === 'report' ? notice.report : undefined;
  return {
    // Learned of only after it ended (it rang while the connection was down): the row says so.
    ...(notice.late || previous?.late ? { late: true as const } : {}),
    provider: notice.provider,
    callId: notice.callId,
    direction: notice.direction !== 'unknown' ? notice.direction : (previous?.direction ?? 'unknown'),
    // GoTo's ENDING frames may not name the caller: keep what the ringing notice said.
    caller: hasCaller ? notice.caller : (previous?.caller ?? notice.caller),
    line: notice.line ?? previous?.line ?? null,
    startedAt: previous?.startedAt ?? report?.startedAt ?? notice.at,
    endedAt: endedAt(notice, previous),
    outcome: nextOutcome(notice, previous?.outcome),
  };
}

function endedAt(notice: CallNotice, previous: CallSummary | undefined): string | null {
  if (notice.type === 'ended' || notice.type === 'missed') return previous?.endedAt ?? notice.at;
  if (notice.type === 'report') return notice.report?.endedAt ?? previous?.endedAt ?? null;
  return previous?.endedAt ?? null;
}

function nextOutcome(notice: CallNotice, previous: CallSummary['outcome'] | undefined): CallSummary['outcome'] {
  switch (notice.type) {
    case 'ringing':
      // A late or repeated ringing notice must not rewind a call that is already further along.
      return previous && previous !== 'ringing' ? previous : 'ringing';
    case 'answered':
      return 'in-progress';
    case 'missed':
      return 'missed';
    case 'ended':
      if (previous === 'in-progress') return 'answered';
      if (previous === undefined || previous === 'ringing') return 'other';
      return previous;
    case 'report':
      return notice.report?.outcome ?? previous ?? 'other';
  }
}

export function applyNotice(items: CallSummary[], notice: CallNotice, filter: CallFilter, search: string): CallSummary[] {
  const index = items.findIndex((item) => item.callId === notice.callId);
  if (index >= 0) {
    const next = items.slice();
    next[index] = summaryFromNotice(notice, items[index]);
    return next;
  }
  const summary = summaryFromNotice(notice, undefined);
  return matchesRecentCallsSearch(summary, { filter, search }) ? [summary, ...items] : items;
}

/** Appends a page, skipping calls already listed (a live notice may have added them first). */
export function appendPage(items: CallSummary[], page: CallSummary[]): CallSummary[] {
  const seen = new Set(items.map((item) => item.callId));
  const fresh = page.filter((item) => !seen.has(item.callId));
  return fresh.length ? items.concat(fresh) : items;
}
