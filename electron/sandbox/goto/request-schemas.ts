// Request bodies and queries of the sandbox API, one zod schema each (docs/providers/goto.md gives the shapes).
// Unknown extra fields are allowed, as GoTo allows them; missing or wrongly typed required fields
// are a 400 naming the field.
import { z } from 'zod';
import { STATE_TYPES } from './subscriptions';
import { MAX_LIFETIME_SECONDS } from './channel-store';

const id = z.string().min(1).max(200);

/** docs/providers/goto.md says `WebSockets`; GoTo's own report sample sends `WebSocket`. Both are accepted. */
export const channelBody = z.object({ channelType: z.enum(['WebSockets', 'WebSocket']) });

/** PUT …/{channelId}: GoTo's samples send the create body again; an empty body is tolerated. */
export const extendBody = channelBody.optional();

export const lifetimeBody = z.object({ channelLifetime: z.number().int().min(1).max(MAX_LIFETIME_SECONDS).optional() }).optional();

export const callEventsSubscribeBody = z.object({
  channelId: id,
  accountKeys: z
    .array(z.object({ id, events: z.array(z.enum(STATE_TYPES as [string, ...string[]])).min(1) }))
    .min(1)
    .max(50),
});

/** Note: plain strings here, objects in call-events (docs/providers/goto.md#call-events-report). */
export const reportSubscribeBody = z.object({
  channelId: id,
  accountKeys: z.array(id).min(1).max(50),
  eventTypes: z.array(z.literal('REPORT_SUMMARY')).min(1),
});

export const subscriptionDeleteQuery = z.object({ channelId: id, accountKey: id, eventType: z.string().min(1).optional() });

export const accountQuery = z.object({ accountKey: id });

/** ISO-8601 in UTC: `Z` or a zero offset (docs/providers/goto.md#call-events-report: ISO-8601 UTC). */
const utcInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]00:?00)$/, 'must be an ISO-8601 UTC time like 2024-05-01T00:00:00Z')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');

export const summariesQuery = z.object({
  accountKey: id,
  startTime: utcInstant,
  endTime: utcInstant,
  pageSize: z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(1000))
    .optional(),
  pageMarker: z.string().min(1).max(500).optional(),
});
