import { z } from 'zod';
import type { CallNotice, CallReport, CallSummary, LineRef, Party } from './calls';
import { PROVIDER_IDS } from './calls';

// zod mirrors of ./calls.ts for the IPC boundary. `satisfies z.ZodType<…>` keeps each schema
// and its TypeScript type from drifting apart.

const nullableString = z.string().nullable();

export const partySchema = z.object({ name: nullableString, number: nullableString }) satisfies z.ZodType<Party>;

export const lineRefSchema = z.object({
  id: z.string(),
  name: nullableString,
  number: nullableString,
  extension: nullableString,
}) satisfies z.ZodType<LineRef>;

const providerSchema = z.enum(PROVIDER_IDS);
const directionSchema = z.enum(['inbound', 'outbound', 'unknown']);
const outcomeSchema = z.enum(['answered', 'missed', 'voicemail', 'abandoned', 'other']);

export const callReportSchema = z.object({
  provider: providerSchema,
  callId: z.string(),
  direction: directionSchema,
  startedAt: nullableString,
  answeredAt: nullableString,
  endedAt: nullableString,
  durationSeconds: z.number().nullable(),
  outcome: outcomeSchema,
  outcomeDetail: nullableString,
  caller: partySchema,
  participants: z.array(
    z.object({ id: z.string(), kind: z.enum(['external', 'line', 'other']), name: nullableString, number: nullableString, extension: nullableString, lineId: nullableString }),
  ),
  timeline: z.array(z.object({ type: z.string(), at: nullableString })),
  ai: z.object({ summary: nullableString, topics: z.array(z.string()) }).nullable(),
}) satisfies z.ZodType<CallReport>;

export const callNoticeSchema = z.object({
  type: z.enum(['ringing', 'answered', 'missed', 'ended', 'report']),
  provider: providerSchema,
  callId: z.string(),
  direction: directionSchema,
  caller: partySchema,
  line: lineRefSchema.nullable(),
  at: z.string(),
  bypassDoNotDisturb: z.boolean().optional(),
  late: z.literal(true).optional(),
  report: callReportSchema.optional(),
}) satisfies z.ZodType<CallNotice>;

export const callSummarySchema = z.object({
  provider: providerSchema,
  callId: z.string(),
  direction: directionSchema,
  caller: partySchema,
  line: lineRefSchema.nullable(),
  startedAt: z.string(),
  endedAt: nullableString,
  outcome: z.enum(['answered', 'missed', 'voicemail', 'abandoned', 'other', 'ringing', 'in-progress']),
  late: z.literal(true).optional(),
}) satisfies z.ZodType<CallSummary>;
