import { z } from 'zod';
import type { CallEvent, CallNotice, CallReport, CallSummary, LineRef, Party } from './calls';
import { PROVIDER_IDS } from './calls';

// zod mirrors of ./calls.ts, used where provider data enters the engine and at the IPC boundary.
// `satisfies z.ZodType<…>` keeps each schema and its TypeScript type from drifting apart.
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

export const partySchema = z.object({ name: nullableText(TEXT_CAPS.name), number: nullableText(TEXT_CAPS.number) }) satisfies z.ZodType<Party>;

export const lineRefSchema = z.object({
  id: idSchema,
  name: nullableText(TEXT_CAPS.name),
  number: nullableText(TEXT_CAPS.number),
  extension: nullableText(TEXT_CAPS.extension),
}) satisfies z.ZodType<LineRef>;

const providerSchema = z.enum(PROVIDER_IDS);
const directionSchema = z.enum(['inbound', 'outbound', 'unknown']);
const outcomeSchema = z.enum(['answered', 'missed', 'voicemail', 'abandoned', 'other']);

export const callReportSchema = z.object({
  provider: providerSchema,
  callId: idSchema,
  direction: directionSchema,
  startedAt: nullableTime,
  answeredAt: nullableTime,
  endedAt: nullableTime,
  durationSeconds: z.number().nullable(),
  outcome: outcomeSchema,
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
        lineId: nullableText(TEXT_CAPS.id),
      }),
    )
    .transform((list) => list.slice(0, 100)),
  timeline: z.array(z.object({ type: text(TEXT_CAPS.word), at: nullableTime })).transform((list) => list.slice(0, 200)),
  ai: z.object({ summary: text(TEXT_CAPS.summary, true).nullable(), topics: z.array(text(TEXT_CAPS.word)).transform((list) => list.slice(0, 20)) }).nullable(),
}) satisfies z.ZodType<CallReport>;

export const callNoticeSchema = z.object({
  type: z.enum(['ringing', 'answered', 'missed', 'ended', 'report']),
  provider: providerSchema,
  callId: idSchema,
  direction: directionSchema,
  caller: partySchema,
  line: lineRefSchema.nullable(),
  at: timeSchema,
  bypassDoNotDisturb: z.boolean().optional(),
  late: z.literal(true).optional(),
  report: callReportSchema.optional(),
}) satisfies z.ZodType<CallNotice>;

export const callSummarySchema = z.object({
  provider: providerSchema,
  callId: idSchema,
  direction: directionSchema,
  caller: partySchema,
  line: lineRefSchema.nullable(),
  startedAt: timeSchema,
  endedAt: nullableTime,
  outcome: z.enum(['answered', 'missed', 'voicemail', 'abandoned', 'other', 'ringing', 'in-progress']),
  late: z.literal(true).optional(),
}) satisfies z.ZodType<CallSummary>;

/** A provider's event as it enters the engine. */
export const callEventSchema = z.object({
  provider: providerSchema,
  callId: idSchema,
  direction: directionSchema,
  sequence: z.number().nullable(),
  at: timeSchema,
  caller: partySchema.nullable(),
  legs: z.array(z.object({ line: lineRefSchema, status: z.enum(['ringing', 'connected', 'held', 'other', 'gone']) })).max(200),
  ended: z.boolean(),
  bypassDoNotDisturb: z.boolean().optional(),
  origin: z.enum(['live', 'backfill']),
}) satisfies z.ZodType<CallEvent>;
