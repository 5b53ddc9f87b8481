import type { CallSummary } from '../../shared/calls';

// The recent-calls list: what this app saw live, merged with the provider's history. The
// provider's row wins for ended calls (its outcome is authoritative); the live row wins while
// the call is still going, and for calls the provider has not indexed yet.

const LIVE_OUTCOMES = new Set<CallSummary['outcome']>(['ringing', 'in-progress']);

export function mergeCalls(live: CallSummary[], provider: CallSummary[]): CallSummary[] {
  const byId = new Map<string, CallSummary>();
  for (const row of provider) byId.set(row.callId, row);
  for (const row of live) {
    const known = byId.get(row.callId);
    if (!known || LIVE_OUTCOMES.has(row.outcome)) {
      byId.set(row.callId, known ? { ...known, ...row, caller: mergeParty(row.caller, known.caller), line: row.line ?? known.line } : row);
    } else {
      byId.set(row.callId, { ...known, caller: mergeParty(known.caller, row.caller), line: known.line ?? row.line });
    }
  }
  return [...byId.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

function mergeParty(first: CallSummary['caller'], second: CallSummary['caller']): CallSummary['caller'] {
  return { name: first.name ?? second.name, number: first.number ?? second.number };
}
