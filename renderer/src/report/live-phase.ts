import type { CallNoticeType, CallSummary } from '../../../shared/calls';
import type { CallDetails } from '../../../shared/ipc/api';

/** Where the call is right now, as the report window shows it. */
export type LivePhase = 'ringing' | 'connected' | 'ended' | 'missed' | 'unknown';

export function phaseAfterNotice(previous: LivePhase, type: CallNoticeType): LivePhase {
  switch (type) {
    case 'ringing':
      // Pushes can race: a late ringing notice never rewinds a call that moved on.
      return previous === 'unknown' || previous === 'ringing' ? 'ringing' : previous;
    case 'answered':
      return previous === 'ended' || previous === 'missed' ? previous : 'connected';
    case 'missed':
      return 'missed';
    case 'ended':
      return previous === 'missed' ? 'missed' : 'ended';
    case 'report':
      return previous === 'missed' ? 'missed' : 'ended';
  }
}

export function phaseFromSummary(outcome: CallSummary['outcome']): LivePhase {
  switch (outcome) {
    case 'ringing':
      return 'ringing';
    case 'in-progress':
      return 'connected';
    case 'missed':
      return 'missed';
    default:
      return 'ended';
  }
}

/** The best knowledge we have: the report beats live pushes, which beat the stored summary. */
export function effectivePhase(fromNotices: LivePhase, details: CallDetails | null): LivePhase {
  if (details?.report.state === 'ready') return details.report.report.outcome === 'missed' ? 'missed' : 'ended';
  if (fromNotices !== 'unknown') return fromNotices;
  return details?.summary ? phaseFromSummary(details.summary.outcome) : 'unknown';
}

export const isOver = (phase: LivePhase) => phase === 'ended' || phase === 'missed';
