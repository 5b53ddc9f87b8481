import { z } from 'zod';
import { callReportSchema, callNoticeSchema, callSummarySchema, lineRefSchema } from '../call-schemas';
import { CALL_FILTERS } from '../recent-calls-search';
import { providerDescriptorSchema, providerIdSchema } from '../providers';
import { settingsSchema } from '../settings';
import { CONNECTION_STATES, PROBLEM_ACTIONS, PROBLEM_KINDS } from '../status';
import { INVOKE, PUSH, type InvokeChannel, type PushChannel } from './channels';

// Every payload that crosses the process boundary, both ways. Main validates requests (the
// renderer is untrusted content as far as main is concerned) and its own responses and pushes
// (so a bug in main cannot send the renderer a shape it does not expect).

const noPayload = z.undefined();
const done = z.object({ done: z.literal(true) });

export const appVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  electron: z.string().nullable(),
  platform: z.string(),
});

const statusProblemSchema = z.object({
  kind: z.enum(PROBLEM_KINDS),
  message: z.string().max(1_000),
  actions: z.array(z.enum(PROBLEM_ACTIONS)).min(1).max(PROBLEM_ACTIONS.length),
  retryAt: z.string().max(40).nullable(),
});

const appStatusSchema = z.object({
  state: z.enum(CONNECTION_STATES),
  message: z.string().nullable(),
  /** In `needs-attention`: what is wrong, what to do, and which actions the window offers. */
  problem: statusProblemSchema.nullable().optional(),
  at: z.string(),
  /** True while the app runs against the built-in demo sandbox instead of a real account. */
  demo: z.boolean().optional(),
  /** Calls missed since the user last looked (tray badge). */
  missedCount: z.number().int().nonnegative().optional(),
  /** Set while the OS refuses the app's call toasts: what to do about it. */
  toastProblem: z.string().max(500).nullable().optional(),
});

const recentCallsQuerySchema = z.object({
  filter: z.enum(CALL_FILTERS).default('all'),
  search: z.string().max(200).default(''),
  /** Opaque, from the previous page. */
  cursor: z.string().max(2_000).nullable().default(null),
  limit: z.number().int().min(1).max(500).default(100),
});

const recentCallsPageSchema = z.object({
  items: z.array(callSummarySchema),
  nextCursor: z.string().nullable(),
  /** Set when the provider's history could not be read; local calls are still listed. */
  warning: z.string().nullable(),
});

const callIdSchema = z.object({ callId: z.string().min(1).max(500) });

const callDetailsSchema = z.object({
  callId: z.string(),
  /** What the app saw live (or null if the call is only known from the provider's history). */
  summary: callSummarySchema.nullable(),
  /** 'pending': the call is still going or the provider has not built the report yet. */
  report: z.discriminatedUnion('state', [
    z.object({ state: z.literal('ready'), report: callReportSchema }),
    z.object({ state: z.literal('pending') }),
    z.object({ state: z.literal('error'), message: z.string() }),
  ]),
  crmUrl: z.string().nullable(),
});

const settingsViewSchema = z.object({
  settings: settingsSchema,
  /** Whether a client secret is stored (it is never sent to the renderer). */
  hasClientSecret: z.boolean(),
  /** Where secrets go: the OS keychain, or memory only when the keychain is unavailable. */
  secretStorage: z.enum(['keychain', 'memory']),
  secretStorageMessage: z.string().nullable(),
  /** How the chosen provider signs in with the saved settings: a browser (OAuth) or an API key; null: not set up yet. */
  credential: z.enum(['oauth', 'api-key']).nullable(),
});

const settingsUpdateResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), view: settingsViewSchema }),
  z.object({ ok: z.literal(false), fieldErrors: z.record(z.string(), z.string()) }),
]);

export const invokeSchemas = {
  [INVOKE.getVersion]: { request: noPayload, response: appVersionSchema },
  [INVOKE.getStatus]: { request: noPayload, response: appStatusSchema },
  [INVOKE.listRecentCalls]: { request: recentCallsQuerySchema, response: recentCallsPageSchema },
  [INVOKE.getCallDetails]: { request: callIdSchema, response: callDetailsSchema },
  [INVOKE.openCallReport]: { request: callIdSchema, response: done },
  [INVOKE.getSettings]: { request: noPayload, response: settingsViewSchema },
  // Validated leniently here so bad fields come back as fieldErrors the form can show inline.
  [INVOKE.updateSettings]: { request: z.record(z.string(), z.unknown()), response: settingsUpdateResultSchema },
  [INVOKE.setClientSecret]: {
    request: z.object({ clientSecret: z.string().min(1).max(4_096) }),
    response: z.object({ storedIn: z.enum(['keychain', 'memory']), message: z.string().nullable() }),
  },
  [INVOKE.removeClientSecret]: { request: noPayload, response: done },
  [INVOKE.listLines]: { request: noPayload, response: z.object({ lines: z.array(lineRefSchema), mine: z.array(z.string()) }) },
  [INVOKE.detectAccountKey]: { request: noPayload, response: z.object({ accountKey: z.string().nullable(), message: z.string().nullable() }) },
  [INVOKE.signIn]: { request: noPayload, response: done },
  [INVOKE.cancelSignIn]: { request: noPayload, response: done },
  [INVOKE.signOut]: { request: noPayload, response: done },
  [INVOKE.retryConnection]: { request: noPayload, response: done },
  // Which provider's sandbox; none: the chosen provider's.
  [INVOKE.startDemo]: { request: z.object({ provider: providerIdSchema }).strict().optional(), response: done },
  [INVOKE.listProviders]: { request: noPayload, response: z.object({ providers: z.array(providerDescriptorSchema).max(20) }) },
  [INVOKE.openCrm]: {
    request: z.object({ number: z.string().min(1).max(64) }),
    response: z.object({ opened: z.boolean(), reason: z.string().nullable() }),
  },
  // The page's own clipboard permission is denied (secure-window.ts); main writes it instead.
  [INVOKE.copyText]: { request: z.object({ text: z.string().min(1).max(256) }), response: done },
  // The proxy sign-in window's answer (docs/network.md#desktop); null: cancelled. Basic auth
  // cannot carry a ':' in the user name; nothing may hold control characters.
  [INVOKE.answerProxySignIn]: {
    request: z
      .object({
        proxy: z.string().min(1).max(300),
        credentials: z
          .object({
            username: z.string().min(1).max(1_024).regex(/^[^:\p{Cc}]+$/u),
            password: z.string().max(1_024).regex(/^\P{Cc}*$/u),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    response: done,
  },
} as const satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export const pushSchemas = {
  [PUSH.statusChanged]: appStatusSchema,
  [PUSH.callNotice]: callNoticeSchema,
  [PUSH.settingsChanged]: settingsViewSchema,
} as const satisfies Record<PushChannel, z.ZodType>;

export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeSchemas)[C]['request']>;
/** The request after validation (defaults applied): what main's handler receives. */
export type InvokeParsedRequest<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]['response']>;
export type PushPayload<C extends PushChannel> = z.output<(typeof pushSchemas)[C]>;
