// Every text frame of a GoTo notification channel → one tagged value (docs/providers/goto.md#frame-envelope).
// Never throws: bad input is a `malformed` value the caller counts and logs at debug
// (docs/reliability.md#bad-input). Dispatch is on (data.source, data.type) only; everything else in
// the envelope (event, eventId, timestamps) is ignored.
import type { CallEvent } from '../../../../shared/calls';
import { gotoCallEventFromContent } from './goto-call-events';

export type GotoControl = 'refresh-required' | 'to-be-closed' | 'other';

export type GotoFrame =
  | { kind: 'call-state'; event: CallEvent }
  | { kind: 'report-summary'; callId: string; content: Record<string, unknown> }
  | { kind: 'control'; control: GotoControl; type: string }
  | { kind: 'ignored'; source: string; type: string }
  | { kind: 'malformed'; reason: string };

const GOTO_SOURCE = {
  callEvents: 'call-events',
  report: 'call-events-report',
  channel: 'notification-websocket',
} as const;

/** Frames larger than this are not parsed (the socket's maxPayload should stop them first). */
const MAX_FRAME_CHARS = 1024 * 1024;

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseGotoFrame(raw: string | Buffer | Uint8Array, origin: CallEvent['origin'] = 'live'): GotoFrame {
  const textFrame = typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  if (textFrame.length > MAX_FRAME_CHARS) return { kind: 'malformed', reason: `frame too large (${textFrame.length} chars)` };
  let value: unknown;
  try {
    value = JSON.parse(textFrame);
  } catch {
    // Some integrations saw control messages as a bare string, not JSON (docs/providers/goto.md#notification-channel).
    const bare = controlFromString(textFrame.trim());
    return bare ?? { kind: 'malformed', reason: 'not JSON' };
  }
  if (typeof value === 'string') return controlFromString(value.trim()) ?? { kind: 'malformed', reason: 'a JSON string that is not a control message' };
  if (!isRec(value)) return { kind: 'malformed', reason: `JSON ${Array.isArray(value) ? 'array' : typeof value}, not an envelope object` };

  const data = value.data;
  if (!isRec(data)) {
    // Liberal: a control message whose type sits at the top level.
    if (typeof value.type === 'string') {
      const control = controlFromString(value.type);
      if (control) return control;
    }
    return { kind: 'malformed', reason: 'envelope without a data object' };
  }
  const source = typeof data.source === 'string' ? data.source : '';
  const type = typeof data.type === 'string' ? data.type : '';

  if (source === GOTO_SOURCE.callEvents && type === 'call-state') {
    const result = gotoCallEventFromContent(data.content, origin, data.timestamp);
    return result.ok ? { kind: 'call-state', event: result.event } : { kind: 'malformed', reason: result.reason };
  }
  if (source === GOTO_SOURCE.report && type === 'REPORT_SUMMARY') {
    const content = data.content;
    const callId = isRec(content) && typeof content.conversationSpaceId === 'string' ? content.conversationSpaceId.trim() : '';
    if (!isRec(content) || callId === '') return { kind: 'malformed', reason: 'REPORT_SUMMARY without content.conversationSpaceId' };
    return { kind: 'report-summary', callId, content };
  }
  if (source === GOTO_SOURCE.channel || (source === '' && type.startsWith('WEBSOCKET_'))) {
    return { kind: 'control', control: controlKind(type), type };
  }
  return { kind: 'ignored', source, type };
}

function controlKind(type: string): GotoControl {
  if (type === 'WEBSOCKET_REFRESH_REQUIRED') return 'refresh-required';
  if (type === 'WEBSOCKET_TO_BE_CLOSED') return 'to-be-closed';
  return 'other';
}

function controlFromString(value: string): GotoFrame | null {
  if (!/^WEBSOCKET_[A-Z_]{1,64}$/.test(value)) return null;
  return { kind: 'control', control: controlKind(value), type: value };
}
