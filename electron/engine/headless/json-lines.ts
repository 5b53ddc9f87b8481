import type { CallNotice } from '../../../shared/calls';
import type { ConnectionState } from '../../../shared/status';

// The headless output contract (issue: "a contract other tools rely on"): stdout carries only
// these JSON lines, one object per line, nothing else.

export interface StatusLine {
  type: 'status';
  state: ConnectionState;
  at: string;
  message?: string;
}

export function statusLine(state: ConnectionState, at: Date, message?: string | null): string {
  const line: StatusLine = { type: 'status', state, at: at.toISOString() };
  if (message) line.message = message;
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
