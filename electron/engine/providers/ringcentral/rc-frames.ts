// RingCentral gateway frames (docs/providers/ringcentral.md, "The gateway"): every frame is a JSON
// array `[meta, body?]` and `meta.type` says what it is. Anything else — not JSON, not an array,
// an unknown type, a notification without a body — is `malformed` or `ignored`, never a throw:
// RingCentral's own client exits on a single non-JSON frame.

export interface Wsc {
  token: string;
  sequence: number;
}

export interface ConnectionDetails {
  recoveryTimeoutS: number | null;
  idleTimeoutS: number | null;
  absoluteTimeoutS: number | null;
  recoveryState: 'Successful' | 'Failed' | null;
  recoveryErrorCode: string | null;
}

export type RcFrame =
  | { kind: 'connection-details'; wsc: Wsc | null; details: ConnectionDetails }
  | { kind: 'client-request'; wsc: Wsc | null; messageId: string; status: number; body: unknown }
  | { kind: 'notification'; wsc: Wsc | null; uuid: string | null; event: string | null; body: unknown }
  | { kind: 'heartbeat'; wsc: Wsc | null; messageId: string | null }
  | { kind: 'error'; wsc: Wsc | null; errorCode: string | null; message: string | null }
  | { kind: 'malformed'; reason: string }
  | { kind: 'ignored'; type: string };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max = 1000): string | null => (typeof v === 'string' && v !== '' && v.length <= max ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

function wscOf(meta: Rec): Wsc | null {
  const w = meta.wsc;
  if (!isRec(w)) return null;
  const token = str(w.token, 4096);
  const sequence = typeof w.sequence === 'number' && Number.isInteger(w.sequence) ? w.sequence : null;
  return token !== null && sequence !== null ? { token, sequence } : null;
}

export function parseRcFrame(text: string): RcFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return { kind: 'malformed', reason: 'not a [meta, body] array' };
  const [meta, body] = parsed as [unknown, unknown];
  if (!isRec(meta)) return { kind: 'malformed', reason: 'meta is not an object' };
  const wsc = wscOf(meta);
  switch (meta.type) {
    case 'ConnectionDetails': {
      const b = isRec(body) ? body : {};
      const state = b.recoveryState === 'Successful' || b.recoveryState === 'Failed' ? b.recoveryState : null;
      return {
        kind: 'connection-details',
        wsc,
        details: {
          recoveryTimeoutS: num(b.recoveryTimeout),
          idleTimeoutS: num(b.idleTimeout),
          absoluteTimeoutS: num(b.absoluteTimeout),
          recoveryState: state,
          recoveryErrorCode: str(b.recoveryErrorCode, 100),
        },
      };
    }
    case 'ClientRequest': {
      const messageId = str(meta.messageId, 200);
      if (messageId === null || typeof meta.status !== 'number') return { kind: 'malformed', reason: 'ClientRequest reply without messageId or status' };
      return { kind: 'client-request', wsc, messageId, status: meta.status, body };
    }
    case 'ServerNotification': {
      if (!isRec(body)) return { kind: 'malformed', reason: 'notification without an object body' };
      return { kind: 'notification', wsc, uuid: str(body.uuid, 200), event: str(body.event, 1000), body: body.body };
    }
    case 'Heartbeat':
      return { kind: 'heartbeat', wsc, messageId: str(meta.messageId, 200) };
    case 'Error': {
      const b = isRec(body) ? body : {};
      return { kind: 'error', wsc, errorCode: str(b.errorCode, 100), message: str(b.message, 1000) };
    }
    default:
      return { kind: 'ignored', type: typeof meta.type === 'string' ? meta.type.slice(0, 50) : typeof meta.type };
  }
}

/** The subscription request for one connection (one subscription per connection). */
export function subscribeFrame(messageId: string, filter: string): string {
  return JSON.stringify([
    { type: 'ClientRequest', messageId, method: 'POST', path: '/restapi/v1.0/subscription/' },
    { eventFilters: [filter], deliveryMode: { transportType: 'WebSocket' } },
  ]);
}

export function heartbeatFrame(messageId: string): string {
  return JSON.stringify([{ type: 'Heartbeat', messageId }]);
}

export const OWN_TELEPHONY_FILTER = '/restapi/v1.0/account/~/extension/~/telephony/sessions';
export const ACCOUNT_TELEPHONY_FILTER = '/restapi/v1.0/account/~/telephony/sessions';
