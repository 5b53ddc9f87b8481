// A RingCentral telephony session body → the provider-neutral CallEvent (docs/providers/
// ringcentral.md, "Telephony sessions → notices"). The rules:
// - callId = telephonySessionId (a GET of one session answers `id` instead);
// - a party on one of our extensions is a leg on that line; the external caller has no extensionId;
// - a leg rings only when the party is Inbound, in Setup or Proceeding, on an origin of type
//   `Call`: RingOut and RingMe legs look inbound too but are the user's own outgoing calls;
// - Answered (and Hold/Parked) is connected; VoiceMail, Disconnected and Gone end the leg;
// - the call ends for us when every leg we watch has ended: `missed` when a leg went to VoiceMail
//   or was Disconnected with `missedCall`, `ended` otherwise (Gone = transferred away);
// - `from.name` is often absent: the caller is the number until a later event names them.
import type { CallDirection, CallEvent, LegStatus, LineLeg, Party } from '../../../../shared/calls';

export type RcEventResult = { ok: true; event: CallEvent } | { ok: false; reason: string };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
function text(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' || t.length > 500 ? null : t;
}

const ENDED = new Set(['VoiceMail', 'Disconnected', 'Gone']);

export interface RcEventContext {
  /** Which extensions' parties count (our own only, unless "all lines" is subscribed). */
  ourExtension: (extensionId: string) => boolean;
  origin: CallEvent['origin'];
  now?: () => number;
}

export function rcCallEvent(body: unknown, ctx: RcEventContext): RcEventResult {
  if (!isRec(body)) return { ok: false, reason: 'telephony body is not an object' };
  const callId = text(body.telephonySessionId) ?? text(body.id);
  if (callId === null) return { ok: false, reason: 'telephony body without telephonySessionId' };
  if (!Array.isArray(body.parties)) return { ok: false, reason: 'telephony body without parties' };
  const originType = isRec(body.origin) ? text(body.origin.type) : null;

  const legs: LineLeg[] = [];
  let caller: Party | null = null;
  let direction: CallDirection = 'unknown';
  let missed = false;
  let allEnded = true;
  for (const p of body.parties) {
    if (!isRec(p)) continue;
    const extensionId = text(p.extensionId);
    if (extensionId === null || !ctx.ourExtension(extensionId)) continue;
    const code = isRec(p.status) ? text(p.status.code) : null;
    const partyDirection = text(p.direction);
    const inbound = partyDirection === 'Inbound';
    if (direction === 'unknown' && partyDirection !== null) direction = inbound ? 'inbound' : partyDirection === 'Outbound' ? 'outbound' : 'unknown';
    const to = isRec(p.to) ? p.to : {};
    const other = isRec(inbound ? p.from : p.to) ? ((inbound ? p.from : p.to) as Rec) : {};
    const party: Party = { name: text(other.name), number: text(other.phoneNumber) };
    if (caller === null && (party.name !== null || party.number !== null)) caller = party;
    legs.push({
      line: { id: extensionId, name: inbound ? text(to.name) : null, number: null, extension: inbound ? text(to.extensionNumber) : null },
      status: legStatus(code, inbound, originType),
    });
    if (code === null || !ENDED.has(code)) allEnded = false;
    if (code === 'VoiceMail' || (code === 'Disconnected' && p.missedCall === true)) missed = true;
  }
  if (legs.length === 0) return { ok: false, reason: 'no party on a watched extension' };

  const ended = allEnded;
  const sequence = typeof body.sequence === 'number' && Number.isFinite(body.sequence) ? body.sequence : null;
  const event: CallEvent = {
    provider: 'ringcentral',
    callId,
    direction,
    sequence,
    at: text(body.eventTime) ?? new Date((ctx.now ?? Date.now)()).toISOString(),
    caller,
    legs,
    ended,
    origin: ctx.origin,
  };
  if (ended) event.endedAs = missed ? 'missed' : 'ended';
  return { ok: true, event };
}

function legStatus(code: string | null, inbound: boolean, originType: string | null): LegStatus {
  switch (code) {
    case 'Setup':
    case 'Proceeding':
      return inbound && originType === 'Call' ? 'ringing' : 'other';
    case 'Answered':
      return 'connected';
    case 'Hold':
    case 'Parked':
      return 'held';
    case 'VoiceMail':
    case 'Disconnected':
    case 'Gone':
      return 'gone';
    default:
      return 'other';
  }
}
