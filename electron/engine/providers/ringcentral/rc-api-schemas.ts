// RingCentral REST answers, validated where they enter (docs/providers/ringcentral.md). Liberal:
// unknown fields are ignored, optional ones may be missing; ids arrive as numbers or strings.
import { z } from 'zod';

const id = z.union([z.string().min(1).max(200), z.number()]).transform(String);
const text = z.string().max(1000);

export const wsTokenSchema = z.object({
  uri: z.string().max(2000).regex(/^wss?:\/\//, 'uri must be a ws:// or wss:// URL'),
  ws_access_token: z.string().min(1).max(8192),
  expires_in: z.number().optional(),
});
export type RcWsToken = z.infer<typeof wsTokenSchema>;

export const extensionSchema = z.object({
  id,
  extensionNumber: text.optional(),
  name: text.optional(),
  type: text.optional(),
  status: text.optional(),
  contact: z.object({ email: text.optional() }).partial().optional(),
  permissions: z.object({ admin: z.object({ enabled: z.boolean().optional() }).optional() }).partial().optional(),
});
export type RcExtensionInfo = z.infer<typeof extensionSchema>;

export const extensionListSchema = z.object({ records: z.array(extensionSchema).max(10_000) });

const callParty = z.object({ phoneNumber: text.optional(), name: text.optional(), extensionNumber: text.optional() }).partial();

export const callLogRecordSchema = z.object({
  id,
  sessionId: text.optional(),
  telephonySessionId: text.optional(),
  startTime: text.optional(),
  duration: z.number().optional(),
  direction: text.optional(),
  result: text.optional(),
  reason: text.optional(),
  from: callParty.optional(),
  to: callParty.optional(),
  extension: z.object({ id: id.optional() }).partial().optional(),
  legs: z.array(z.unknown()).max(500).optional(),
  recording: z.object({ id: id.optional() }).partial().optional(),
});
export type RcCallLogRecord = z.infer<typeof callLogRecordSchema>;

export const callLogPageSchema = z.object({
  records: z.array(z.unknown()).max(1000),
  navigation: z.object({ nextPage: z.object({ uri: z.string().max(4000) }).optional() }).partial().optional(),
  paging: z.object({ page: z.number().optional() }).partial().optional(),
});

export const activeCallsSchema = z.object({ records: z.array(z.unknown()).max(1000) });
