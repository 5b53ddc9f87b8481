// One socket frame → one Dialpad call event (docs/providers/dialpad.md, "Websocket events"). A
// websocket created with a secret gets every event as an HS256 JWT signed with it: we verify the
// signature (jose) and drop anything else — a plain-JSON frame on such a websocket is unsigned and
// not trusted. Without a secret events are plain JSON. Whatever does not verify or does not have
// the call-event shape is reported, never thrown.
import { errors, jwtVerify } from 'jose';
import { callSchema, type DialpadCall } from './dialpad-schemas';

export type DecodedFrame = { kind: 'call'; call: DialpadCall } | { kind: 'bad-signature' } | { kind: 'malformed'; reason: string };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** `secret`: the websocket's signing secret, or null when it was created without one. */
export async function decodeFrame(text: string, secret: Uint8Array | null): Promise<DecodedFrame> {
  const trimmed = text.trim();
  let payload: unknown;
  if (secret) {
    // A JSON object here is an unsigned event: not trusted, counted with the forged ones.
    if (!JWT_SHAPE.test(trimmed)) return isJsonObject(trimmed) ? { kind: 'bad-signature' } : { kind: 'malformed', reason: 'not a JWT' };
    try {
      // Event tokens are verified for their signature; a long clock tolerance keeps a skewed local
      // clock from dropping real events if Dialpad ever adds exp/nbf to them.
      payload = (await jwtVerify(trimmed, secret, { algorithms: ['HS256'], clockTolerance: 24 * 3600 })).payload;
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JOSEAlgNotAllowed) return { kind: 'bad-signature' };
      return { kind: 'malformed', reason: error instanceof Error ? error.name : 'invalid JWT' };
    }
  } else {
    try {
      payload = JSON.parse(trimmed) as unknown;
    } catch {
      return { kind: 'malformed', reason: 'not JSON' };
    }
  }
  const parsed = callSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'malformed', reason: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown shape' };
  }
  return { kind: 'call', call: parsed.data };
}

/** A call is keyed by its master (queue) call, else its entry point, else itself: legs of one call share the key. */
export function callKey(call: Pick<DialpadCall, 'call_id' | 'master_call_id' | 'entry_point_call_id'>): string {
  return call.master_call_id ?? call.entry_point_call_id ?? call.call_id;
}

export const TERMINAL_STATES: ReadonlySet<string> = new Set(['hangup', 'missed', 'voicemail']);

function isJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}
