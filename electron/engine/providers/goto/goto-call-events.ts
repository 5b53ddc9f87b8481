// GoTo "call-state" content → the provider-neutral CallEvent (docs/providers/goto.md#call-events).
//
// This runs for every frame of the whole account (the subscription covers every line), so it
// is hand-written field picking rather than a schema library: a few `typeof` checks per field,
// no allocations for fields we do not use. Liberal by rule
// (docs/architecture.md#be-liberal-in-what-is-read): only metadata.conversationSpaceId and state are required; any optional field that is
// missing or of the wrong type becomes null/default instead of killing the frame.
import type { CallDirection, CallEvent, LegStatus, LineLeg, Party } from '../../../../shared/calls';

export type CallEventResult = { ok: true; event: CallEvent } | { ok: false; reason: string };

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A non-empty trimmed string; numbers are accepted (numbers and extensions sometimes arrive as numbers). */
function text(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function sequenceOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function directionOf(v: unknown): CallDirection {
  if (typeof v !== 'string') return 'unknown';
  const d = v.toUpperCase();
  return d === 'INBOUND' ? 'inbound' : d === 'OUTBOUND' ? 'outbound' : 'unknown';
}

/** status.value: RINGING / CONNECTED / HOLD; IN_INTERACTIVE_VOICE_RESPONSE and unknown values → other. */
function legStatusOf(status: unknown): LegStatus {
  const v = isRec(status) ? status.value : status;
  if (typeof v !== 'string') return 'other';
  switch (v.toUpperCase()) {
    case 'RINGING':
      return 'ringing';
    case 'CONNECTED':
      return 'connected';
    case 'HOLD':
    case 'ON_HOLD':
      return 'held';
    default:
      return 'other';
  }
}

function partyOf(v: unknown): Party | null {
  if (!isRec(v)) return null;
  const name = text(v.name);
  const number = text(v.number);
  return name === null && number === null ? null : { name, number };
}

/**
 * The external party. docs/providers/goto.md#call-events: the PHONE_NUMBER participant's `type.caller` on inbound calls,
 * `type.callee` on outbound ones; some frames carry only flat `type.name`/`type.number`.
 */
function externalPartyOf(type: Rec, direction: CallDirection): Party | null {
  const flat = partyOf(type);
  if (direction === 'outbound') return partyOf(type.callee) ?? flat ?? partyOf(type.caller);
  if (direction === 'inbound') return partyOf(type.caller) ?? flat;
  return partyOf(type.caller) ?? partyOf(type.callee) ?? flat;
}

function boolOf(...candidates: unknown[]): boolean | undefined {
  for (const c of candidates) if (typeof c === 'boolean') return c;
  return undefined;
}

export function gotoCallEventFromContent(content: unknown, origin: CallEvent['origin'], envelopeTimestamp?: unknown): CallEventResult {
  if (!isRec(content)) return { ok: false, reason: 'call-state content is not an object' };
  const metadata = content.metadata;
  if (!isRec(metadata)) return { ok: false, reason: 'call-state without metadata' };
  const callId = text(metadata.conversationSpaceId);
  if (callId === null) return { ok: false, reason: 'call-state without metadata.conversationSpaceId' };
  const state = content.state;
  if (!isRec(state)) return { ok: false, reason: 'call-state without state' };

  const direction = directionOf(metadata.direction);
  const legs: LineLeg[] = [];
  let caller: Party | null = null;
  // ENDING frames are seen live with `participants: []` (docs/providers/goto.md#facts-seen-live): the tracker keeps the caller.
  const participants = Array.isArray(state.participants) ? state.participants : [];
  for (const p of participants) {
    if (!isRec(p) || !isRec(p.type)) continue;
    const type = p.type;
    const kind = typeof type.value === 'string' ? type.value.toUpperCase() : '';
    if (kind === 'LINE') {
      const id = text(type.lineId);
      if (id === null) continue; // a line we cannot name cannot be filtered on
      legs.push({
        line: { id, name: text(type.name), number: text(type.number), extension: text(type.extensionNumber) },
        status: legStatusOf(p.status),
      });
    } else if (kind === 'PHONE_NUMBER' && caller === null) {
      caller = externalPartyOf(type, direction);
    }
  }
  // An outbound call names its destination in metadata.dialString even before a callee shows up.
  if (caller === null && direction === 'outbound') {
    const dialed = text(metadata.dialString);
    if (dialed !== null) caller = { name: null, number: dialed };
  }

  const at = text(state.timestamp) ?? text(envelopeTimestamp) ?? text(metadata.callCreated) ?? new Date().toISOString();
  const event: CallEvent = {
    provider: 'goto',
    callId,
    direction,
    // Order by sequenceNumber, never by state.id: state.id can change across reconnects (docs/providers/goto.md#facts-seen-live).
    sequence: sequenceOf(state.sequenceNumber),
    at,
    caller,
    legs,
    ended: typeof state.type === 'string' && state.type.toUpperCase() === 'ENDING',
    origin,
  };
  const bypass = boolOf(content.bypassDoNotDisturb, metadata.bypassDoNotDisturb, state.bypassDoNotDisturb);
  if (bypass !== undefined) event.bypassDoNotDisturb = bypass;
  return { ok: true, event };
}
