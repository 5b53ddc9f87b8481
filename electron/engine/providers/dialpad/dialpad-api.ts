// The Dialpad REST calls (docs/providers/dialpad.md): the user, websockets, call subscriptions,
// the call list and one call. Each is one request through `call` (Bearer API key or OAuth access
// token; 401 → one refresh → one retry for OAuth). No retries here: the session decides what a
// failure means (404 → recreate, 429 → Retry-After, 403 → explain).
import { HttpError } from '../../http/http-errors';
import type { JsonRequest, JsonResponse } from '../../http/json-request';
import { callListSchema, callSchema, subscriptionSchema, userSchema, websocketSchema, type DialpadCall, type DialpadUser, type DialpadWebsocket } from './dialpad-schemas';

export type ApiCall = <T>(request: JsonRequest<T>) => Promise<JsonResponse<T>>;

/** The states Ringtray subscribes to: enough to ring, dismiss, and tell missed from answered. */
const CALL_STATES = ['ringing', 'connected', 'hangup', 'missed', 'voicemail'] as const;

export interface CallListPage {
  /** Rows that did not validate are counted, not returned. */
  items: DialpadCall[];
  skipped: number;
  cursor: string | null;
}

export interface DialpadApi {
  me(): Promise<DialpadUser>;
  createWebsocket(secret: string): Promise<DialpadWebsocket>;
  getWebsocket(id: string): Promise<DialpadWebsocket>;
  deleteWebsocket(id: string, timeoutMs?: number): Promise<void>;
  createCallSubscription(websocketId: string, userId: string): Promise<{ id: string }>;
  getCallSubscription(id: string): Promise<{ id: string }>;
  deleteCallSubscription(id: string, timeoutMs?: number): Promise<void>;
  listCalls(query: { startedAfter: number; startedBefore?: number; targetId?: string; cursor?: string | null }): Promise<CallListPage>;
  getCall(callId: string): Promise<DialpadCall | null>;
}

export function createDialpadApi(apiUrl: string, call: ApiCall): DialpadApi {
  const base = apiUrl.replace(/\/+$/, '');
  const url = (path: string, query: Record<string, string | undefined> = {}): string => {
    const u = new URL(base + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  };
  const path = (segment: string): string => encodeURIComponent(segment);
  const remove = async (target: string, timeoutMs?: number): Promise<void> => {
    try {
      await call({ method: 'DELETE', url: target, timeoutMs });
    } catch (error) {
      // Already gone is what we wanted.
      if (!(error instanceof HttpError && error.status === 404)) throw error;
    }
  };
  return {
    me: async () => (await call({ url: url('/api/v2/users/me'), schema: userSchema })).data,
    createWebsocket: async (secret) => (await call({ method: 'POST', url: url('/api/v2/websockets'), body: { secret }, schema: websocketSchema })).data,
    getWebsocket: async (id) => (await call({ url: url(`/api/v2/websockets/${path(id)}`), schema: websocketSchema })).data,
    deleteWebsocket: (id, timeoutMs) => remove(url(`/api/v2/websockets/${path(id)}`), timeoutMs),
    createCallSubscription: async (websocketId, userId) =>
      (
        await call({
          method: 'POST',
          url: url('/api/v2/subscriptions/call'),
          body: { endpoint_id: websocketId, call_states: CALL_STATES, target_type: 'user', target_id: userId, enabled: true },
          schema: subscriptionSchema,
        })
      ).data,
    getCallSubscription: async (id) => (await call({ url: url(`/api/v2/subscriptions/call/${path(id)}`), schema: subscriptionSchema })).data,
    deleteCallSubscription: (id, timeoutMs) => remove(url(`/api/v2/subscriptions/call/${path(id)}`), timeoutMs),
    async listCalls(q) {
      const { data } = await call({
        url: url('/api/v2/call', {
          started_after: String(Math.floor(q.startedAfter)),
          started_before: q.startedBefore === undefined ? undefined : String(Math.ceil(q.startedBefore)),
          target_id: q.targetId,
          target_type: q.targetId ? 'user' : undefined,
          cursor: q.cursor ?? undefined,
        }),
        schema: callListSchema,
      });
      const items: DialpadCall[] = [];
      let skipped = 0;
      for (const row of data.items ?? []) {
        const parsed = callSchema.safeParse(row);
        if (parsed.success) items.push(parsed.data);
        else skipped += 1;
      }
      return { items, skipped, cursor: data.cursor ?? null };
    },
    async getCall(callId) {
      try {
        return (await call({ url: url(`/api/v2/call/${path(callId)}`), schema: callSchema })).data;
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
