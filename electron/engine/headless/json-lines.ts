import type { CallNotice } from '../../../shared/calls';
import type { AppStatus, ConnectionState, StatusProblem } from '../../../shared/status';

// The headless output contract (issue: "a contract other tools rely on"): stdout carries only
// these JSON lines, one object per line, nothing else.

export interface StatusLine {
  type: 'status';
  state: ConnectionState;
  at: string;
  message?: string;
  /** In needs-attention: which kind of problem, the ways out, and when it retries by itself. */
  problem?: Omit<StatusProblem, 'message'>;
}

export function statusLine(status: Pick<AppStatus, 'state' | 'message' | 'problem' | 'at'>): string {
  const line: StatusLine = { type: 'status', state: status.state, at: new Date(status.at).toISOString() };
  if (status.message) line.message = status.message;
  if (status.problem) line.problem = { kind: status.problem.kind, actions: status.problem.actions, retryAt: status.problem.retryAt };
  return JSON.stringify(line);
}

export function noticeLine(notice: CallNotice): string {
  const line: Record<string, unknown> = {
    type: notice.type,
    provider: notice.provider,
    callId: notice.callId,
    direction: notice.direction,
    caller: { name: notice.caller.name, number: notice.caller.number },
    line: notice.line,
    at: notice.at,
  };
  if (notice.late) line.late = true;
  if (notice.report) line.report = notice.report;
  return JSON.stringify(line);
}
