import { z } from 'zod';
import { CONNECTION_STATES } from '../status';
import { INVOKE, PUSH, type InvokeChannel, type PushChannel } from './channels';

// Every payload that crosses the process boundary, both ways. Main validates requests (the
// renderer is untrusted content as far as main is concerned) and its own responses and pushes
// (so a bug in main cannot send the renderer a shape it does not expect).

const noPayload = z.undefined();

export const appVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  electron: z.string().nullable(),
  platform: z.string(),
});

export const appStatusSchema = z.object({
  state: z.enum(CONNECTION_STATES),
  message: z.string().nullable(),
  at: z.string(),
});

export const invokeSchemas = {
  [INVOKE.getVersion]: { request: noPayload, response: appVersionSchema },
} as const satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

export const pushSchemas = {
  [PUSH.statusChanged]: appStatusSchema,
} as const satisfies Record<PushChannel, z.ZodType>;

export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeSchemas)[C]['request']>;
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]['response']>;
export type PushPayload<C extends PushChannel> = z.output<(typeof pushSchemas)[C]>;

export const isInvokeChannel = (name: string): name is InvokeChannel => Object.hasOwn(invokeSchemas, name);
