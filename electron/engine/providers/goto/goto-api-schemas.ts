import { z } from 'zod';

// Response shapes of the GoTo REST endpoints Ringtray calls (docs/providers/goto.md). Liberal on purpose: zod
// objects drop unknown fields, optional fields stay optional, and a wrong optional field falls
// back (`.catch`) instead of failing the whole answer — GoTo adds fields without notice.

const optionalString = z.string().nullish().catch(null);

export const channelSchema = z.object({
  channelId: z.string().min(1),
  channelNickname: optionalString,
  channelData: z.object({
    channelType: optionalString,
    channelURL: z.string().min(1),
    isConnected: z.boolean().nullish().catch(null),
  }),
  // Seconds; seen 1200 and 10800 — read it, never assume it.
  channelLifetime: z.number().positive().nullish().catch(null),
});
export type ChannelResponse = z.output<typeof channelSchema>;

export const channelLifetimeSchema = z.object({ channelLifetime: z.number().positive().nullish().catch(null) }).nullish();

/** 207 Multi-Status: success only if every entry's status is 200. */
export const callEventsSubscriptionSchema = z.object({
  accountKeys: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      message: optionalString,
      errorCode: optionalString,
    }),
  ),
});

export const reportSubscriptionSchema = z.object({
  items: z.array(z.object({ id: optionalString, channelId: optionalString, value: optionalString })).catch([]),
});

const participantTypeSchema = z
  .object({
    value: optionalString,
    lineId: optionalString,
    name: optionalString,
    number: optionalString,
    extensionNumber: optionalString,
    caller: z.object({ name: optionalString, number: optionalString }).nullish().catch(null),
    callee: z.object({ name: optionalString, number: optionalString }).nullish().catch(null),
  })
  .catchall(z.unknown());

export const reportSchema = z.object({
  conversationSpaceId: z.string().min(1),
  accountKey: optionalString,
  direction: optionalString,
  callCreated: optionalString,
  callAnswered: optionalString,
  callEnded: optionalString,
  callerOutcome: optionalString,
  participants: z
    .array(
      z.object({
        id: z.string().catch(''),
        legId: optionalString,
        originator: optionalString,
        type: participantTypeSchema.nullish().catch(null),
      }),
    )
    .catch([]),
  callStates: z.array(z.object({ type: z.string().catch('UNKNOWN'), timestamp: optionalString })).catch([]),
  aiAnalysis: z
    .object({
      summary: optionalString,
      topics: z.array(z.string()).nullish().catch(null),
    })
    .nullish()
    .catch(null),
});
export type GotoReport = z.output<typeof reportSchema>;

const summaryItemSchema = z
  .object({
    conversationSpaceId: z.string().min(1),
    direction: optionalString,
    callCreated: optionalString,
    callEnded: optionalString,
    callAnswered: optionalString,
    callerOutcome: optionalString,
  })
  .catchall(z.unknown());
export type GotoReportSummary = z.output<typeof summaryItemSchema>;

export const reportSummariesSchema = z.object({
  // A malformed row is dropped, not the page.
  items: z.array(z.unknown()).transform((rows) => rows.flatMap((row) => {
    const parsed = summaryItemSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  })),
  nextPageMarker: optionalString,
});

/** Active calls: each item carries call-state content ({metadata, state}), parsed by goto-call-events. */
export const activeCallsSchema = z.object({ items: z.array(z.unknown()).catch([]) });
