import { z } from 'zod';
import { PROVIDER_IDS } from './calls';

// The call domain as zod schemas, used where provider data enters the engine and at the IPC
// boundary. ./calls.ts derives every call type from these, so a check and the type the code is
// written against cannot drift apart.
//
// Every string a provider sends is untrusted (docs/security.md, "Provider strings"): display text
// has control and bidi-override characters replaced and is capped (a 900 KB caller name must not
// reach a toast, the tray or IPC); ids are validated and refused when too long, since cutting an id
// would merge two calls. The caps live here so every provider inherits them.

export const TEXT_CAPS = { name: 128, number: 64, extension: 32, word: 64, summary: 4_000, id: 256, time: 64 } as const;

// C0/C1 controls, bidi embeddings/overrides/isolates, BOM and non-characters, lone surrogates:
// none belongs in a name, and several break Windows toast XML or spoof text direction.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Display text from a provider: unsafe characters out, whitespace collapsed (kept as line breaks when `multiline`), at most `max` characters. */
export function cleanProviderText(text: string, max: number, multiline = false): string {
  // Cut far beyond the cap first so a huge value costs nothing more than the cap.
  let clean = text.slice(0, max * 4).replace(UNSAFE_CHARS, ' ');
  clean = multiline ? clean.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim() : clean.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('').trimEnd()}\u2026`;
}

const text = (max: number, multiline = false) => z.string().transform((s) => cleanProviderText(s, max, multiline));
const nullableText = (max: number) => text(max).nullable();
const nullableString = nullableText(TEXT_CAPS.word);
const idSchema = z
  .string()
  .min(1)
  .max(TEXT_CAPS.id)
  .refine((s) => !new RegExp(UNSAFE_CHARS.source).test(s), 'must not contain control characters');
const timeSchema = z.string().max(TEXT_CAPS.time);
const nullableTime = timeSchema.nullable();

/** The other party of a call, as far as the provider told us. */
export const partySchema = z.object({ name: nullableText(TEXT_CAPS.name), number: nullableText(TEXT_CAPS.number) });

/** A line (or extension/user) of the signed-in account. */
export const lineRefSchema = z.object({
  id: idSchema,
  name: nullableText(TEXT_CAPS.name),
  number: nullableText(TEXT_CAPS.number),
  extension: nullableText(TEXT_CAPS.extension),
});

const providerSchema = z.enum(PROVIDER_IDS);
const directionSchema = z.enum(['inbound', 'outbound', 'unknown']);
const outcomeSchema = z.enum(['answered', 'missed', 'voicemail', 'abandoned', 'other']);

/** The after-call report, normalized from the provider's report API. */
export const callReportSchema = z.object({
  provider: providerSchema,
  callId: idSchema,
  direction: directionSchema,
  startedAt: nullableTime,
  answeredAt: nullableTime,
  endedAt: nullableTime,
  durationSeconds: z.number().nullable(),
  outcome: outcomeSchema,
  /** The provider's own outcome word, as it sent it. */
  outcomeDetail: nullableString,
  caller: partySchema,
  participants: z
    .array(
      z.object({
        id: text(TEXT_CAPS.id),
        kind: z.enum(['external', 'line', 'other']),
        name: nullableText(TEXT_CAPS.name),
        number: nullableText(TEXT_CAPS.number),
        extension: nullableText(TEXT_CAPS.extension),
        /** For `line` participants: the provider's line id (matches LineRef.id). */
        lineId: nullableText(TEXT_CAPS.id),
      }),
    )
    .transform((list) => list.slice(0, 100)),
  timeline: z.array(z.object({ type: text(TEXT_CAPS.word), at: nullableTime })).transform((list) => list.slice(0, 200)),
  ai: z.object({ summary: text(TEXT_CAPS.summary, true).nullable(), topics: z.array(text(TEXT_CAPS.word)).transform((list) => list.slice(0, 20)) }).nullable(),
});

export const callNoticeSchema = z.object({
  type: z.enum(['ringing', 'answered', 'missed', 'ended', 'report']),
  provider: providerSchema,
  callId: idSchema,
  direction: directionSchema,
  caller: partySchema,
  /** The watched line the call rang on (or was answered on), if known. */
  line: lineRefSchema.nullable(),
  /** When the notice was produced, ISO-8601 UTC. */
  at: timeSchema,
  bypassDoNotDisturb: z.boolean().optional(),
  /**
   * On `missed`/`ended`: Ringtray learned of the call only after it had ended (it rang and ended
   * while the connection was down, and a re-read or its report told us). Absent otherwise.
   */
  late: z.literal(true).optional(),
  /** Present on `report` notices. */
  report: callReportSchema.optional(),
});

/** A row of the recent-calls list (local history merged with the provider's report summaries). */
export const callSummarySchema = z.object({
  provider: providerSchema,
  callId: idSchema,
  direction: directionSchema,
  caller: partySchema,
  line: lineRefSchema.nullable(),
  startedAt: timeSchema,
  endedAt: nullableTime,
  outcome: z.enum([...outcomeSchema.options, 'ringing', 'in-progress']),
  /** Learned of only after it ended (see CallNotice.late). */
  late: z.literal(true).optional(),
});

/** One normalized provider event about one call, as it enters the engine. */
export const callEventSchema = z.object({
  provider: providerSchema,
  /** The provider's id for the whole call: every event of one call carries the same. */
  callId: idSchema,
  direction: directionSchema,
  /** Per-call order when the provider gives one. */
  sequence: z.number().nullable(),
  /** The provider's time of the event, ISO-8601 UTC. */
  at: timeSchema,
  /** The external party, when this event names it (GoTo ENDING frames may not). */
  caller: partySchema.nullable(),
  /** The account's lines involved in this event, and what the provider says about each. */
  legs: z.array(z.object({ line: lineRefSchema, status: z.enum(['ringing', 'connected', 'held', 'other', 'gone']) })).max(200),
  /** True when the provider says the call is over. */
  ended: z.boolean(),
  /**
   * On an ended event, when the provider says outright how the call ended (RingCentral: VoiceMail
   * or missedCall → missed; transferred away → ended). Without it the tracker decides from the legs.
   */
  endedAs: z.enum(['missed', 'ended']).optional(),
  /** Provider-specific: the caller asked to ring through Do Not Disturb. */
  bypassDoNotDisturb: z.boolean().optional(),
  /** `live` from the socket; `backfill` re-read after a gap. */
  origin: z.enum(['live', 'backfill']),
});
