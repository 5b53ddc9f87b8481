// Dialpad's answers and event payloads (docs/providers/dialpad.md), validated before use. Ids are
// large integers that Dialpad may send as numbers or strings: both become strings. Unknown fields
// are ignored; every string is capped so a hostile payload cannot grow memory.
import { z } from 'zod';

const id = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]).transform(String);
const text = z.string().max(512);
const epochMs = z.number().nonnegative().nullish().transform((v) => v ?? null);

export const websocketSchema = z.object({ id, websocket_url: z.string().min(1).max(8192) });
export type DialpadWebsocket = z.infer<typeof websocketSchema>;

export const subscriptionSchema = z.object({ id });

export const userSchema = z.object({
  id,
  display_name: text.nullish(),
  first_name: text.nullish(),
  last_name: text.nullish(),
  phone_numbers: z.array(text).max(50).nullish(),
});
export type DialpadUser = z.infer<typeof userSchema>;

const partySchema = z
  .object({ id: id.nullish(), name: text.nullish(), phone: text.nullish(), type: text.nullish() })
  .nullish()
  .transform((p) => ({ id: p?.id ?? null, name: p?.name || null, phone: p?.phone || null, type: p?.type ?? null }));

/** One call event (a leg's state change), also the shape of call list rows and call details. */
export const callSchema = z.object({
  call_id: id,
  master_call_id: id.nullish().transform((v) => v ?? null),
  entry_point_call_id: id.nullish().transform((v) => v ?? null),
  state: z.string().min(1).max(32),
  direction: z.string().max(16).nullish(),
  contact: partySchema,
  target: partySchema,
  date_started: epochMs,
  date_rang: epochMs,
  date_connected: epochMs,
  date_ended: epochMs,
  duration: z.number().nullish(),
  was_recorded: z.boolean().nullish(),
  recording_details: z.array(z.unknown()).max(100).nullish(),
});
export type DialpadCall = z.infer<typeof callSchema>;

export const callListSchema = z.object({ items: z.array(z.unknown()).max(1000).nullish(), cursor: z.string().max(4096).nullish() });
