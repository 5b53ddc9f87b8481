// The Dialpad REST routes the client uses (docs/providers/dialpad.md): the user, websockets,
// call subscriptions, the call list (concluded calls only) and one call. Creating websockets and
// subscriptions is rate limited like Dialpad's (250/min) and can be made to answer 429 on demand.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Route } from '../common/http-router';
import { ApiError, queryObject, readJson, sendJson, validate } from '../common/http-io';
import type { CallBook, DialpadCall, DialpadParty } from './call-book';
import type { SubscriptionRecord, WebsocketRecord } from './event-fanout';

export interface RouteFaults {
  /** The next n creates (websocket or subscription) answer 429 with this Retry-After. */
  createLimited: { times: number; retryAfterSeconds: number };
  /** The next n GET /websockets/{id} hand out a URL whose token has already expired. */
  expiredUrls: number;
  /** GET /api/v2/call answers 403 (the key is not a company admin's). */
  callListForbidden: boolean;
}

export interface RouteDeps {
  origin: () => string;
  user: DialpadParty & { officeId: string };
  calls: CallBook;
  websockets: Map<string, WebsocketRecord>;
  subscriptions: Map<string, SubscriptionRecord>;
  mintUrl: (websocketId: string, expired: boolean) => Promise<string>;
  closeWebsocket: (websocketId: string) => void;
  faults: RouteFaults;
  createsPerMinute: number;
}

const CALL_STATES = ['preanswer', 'calling', 'ringing', 'connected', 'hold', 'hangup', 'missed', 'voicemail', 'queued', 'all'] as const;
const websocketBody = z.object({ secret: z.string().min(1).max(256).optional() }).optional();
const subscriptionBody = z.object({
  endpoint_id: z.union([z.string(), z.number()]).transform(String),
  call_states: z.array(z.enum(CALL_STATES)).min(1).max(20),
  target_type: z.enum(['user', 'callcenter', 'office', 'department']).optional(),
  target_id: z.union([z.string(), z.number()]).transform(String).optional(),
  enabled: z.boolean().optional(),
});
const epochMs = z.coerce.number().int().nonnegative().optional();
const listQuery = z.object({
  started_after: epochMs,
  started_before: epochMs,
  target_id: z.string().max(64).optional(),
  target_type: z.string().max(32).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});

const newId = (): string => String(4_000_000_000_000_000 + (randomBytes(6).readUIntBE(0, 6) % 1_000_000_000_000));

export function dialpadRoutes(deps: RouteDeps): Route[] {
  const createTimes: number[] = [];
  const admitCreate = (): void => {
    const limited = deps.faults.createLimited;
    if (limited.times > 0) {
      limited.times -= 1;
      throw new ApiError(429, 'rate_limited', 'Too many requests.', { 'retry-after': String(limited.retryAfterSeconds) });
    }
    const now = Date.now();
    while (createTimes.length > 0 && (createTimes[0] ?? 0) < now - 60_000) createTimes.shift();
    if (createTimes.length >= deps.createsPerMinute) throw new ApiError(429, 'rate_limited', 'Too many requests.', { 'retry-after': '60' });
    createTimes.push(now);
  };
  const websocketJson = async (ws: WebsocketRecord, expired = false) => ({
    id: ws.id,
    websocket_url: await deps.mintUrl(ws.id, expired),
    ...(ws.secret !== null ? { signature: { algo: 'HS256', type: 'jwt' } } : {}),
  });
  const subscriptionJson = async (sub: SubscriptionRecord) => {
    const ws = deps.websockets.get(sub.websocketId);
    return {
      id: sub.id,
      call_states: sub.callStates,
      enabled: sub.enabled,
      target_type: sub.targetType,
      target_id: sub.targetId,
      websocket: ws ? await websocketJson(ws) : null,
    };
  };
  const mustWebsocket = (id: string): WebsocketRecord => {
    const ws = deps.websockets.get(id);
    if (!ws) throw new ApiError(404, 'not_found', 'No such websocket.');
    return ws;
  };
  const mustSubscription = (id: string): SubscriptionRecord => {
    const sub = deps.subscriptions.get(id);
    if (!sub) throw new ApiError(404, 'not_found', 'No such subscription.');
    return sub;
  };

  return [
    {
      method: 'GET',
      path: '/api/v2/users/me',
      handler: ({ res }) => {
        const [first, ...rest] = deps.user.name.split(' ');
        sendJson(res, 200, { id: deps.user.id, first_name: first, last_name: rest.join(' '), display_name: deps.user.name, phone_numbers: [deps.user.phone], office_id: deps.user.officeId, emails: ['user@example.com'] });
      },
    },
    {
      method: 'POST',
      path: '/api/v2/websockets',
      handler: async ({ req, res }) => {
        const body = await readJson(req, websocketBody);
        admitCreate();
        const ws: WebsocketRecord = { id: newId(), secret: body?.secret ?? null };
        deps.websockets.set(ws.id, ws);
        sendJson(res, 200, await websocketJson(ws));
      },
    },
    {
      method: 'GET',
      path: '/api/v2/websockets/:id',
      handler: async ({ res, params }) => {
        const ws = mustWebsocket(params.id ?? '');
        const expired = deps.faults.expiredUrls > 0;
        if (expired) deps.faults.expiredUrls -= 1;
        sendJson(res, 200, await websocketJson(ws, expired));
      },
    },
    {
      method: 'DELETE',
      path: '/api/v2/websockets/:id',
      handler: async ({ res, params }) => {
        const ws = mustWebsocket(params.id ?? '');
        const body = await websocketJson(ws);
        deps.websockets.delete(ws.id);
        for (const [id, sub] of deps.subscriptions) if (sub.websocketId === ws.id) deps.subscriptions.delete(id);
        deps.closeWebsocket(ws.id);
        sendJson(res, 200, body);
      },
    },
    {
      method: 'POST',
      path: '/api/v2/subscriptions/call',
      handler: async ({ req, res }) => {
        const body = await readJson(req, subscriptionBody);
        mustWebsocket(body.endpoint_id);
        admitCreate();
        const sub: SubscriptionRecord = {
          id: newId(),
          websocketId: body.endpoint_id,
          callStates: body.call_states,
          targetType: body.target_type ?? null,
          targetId: body.target_id ?? null,
          enabled: body.enabled ?? true,
        };
        deps.subscriptions.set(sub.id, sub);
        sendJson(res, 200, await subscriptionJson(sub));
      },
    },
    {
      method: 'GET',
      path: '/api/v2/subscriptions/call/:id',
      handler: async ({ res, params }) => sendJson(res, 200, await subscriptionJson(mustSubscription(params.id ?? ''))),
    },
    {
      method: 'DELETE',
      path: '/api/v2/subscriptions/call/:id',
      handler: async ({ res, params }) => {
        const sub = mustSubscription(params.id ?? '');
        const body = await subscriptionJson(sub);
        deps.subscriptions.delete(sub.id);
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: '/api/v2/call',
      handler: ({ res, url }) => {
        if (deps.faults.callListForbidden) throw new ApiError(403, 'forbidden', 'This API key may not list calls (a company admin key is needed).');
        const q = validate(listQuery, queryObject(url), 'query');
        const rows = deps.calls
          .concluded()
          .filter((c: DialpadCall) => (q.started_after === undefined || c.date_started >= q.started_after) && (q.started_before === undefined || c.date_started <= q.started_before))
          .filter((c) => q.target_id === undefined || c.target.id === q.target_id);
        const offset = q.cursor ? Number.parseInt(Buffer.from(q.cursor, 'base64url').toString('utf8'), 10) || 0 : 0;
        const limit = q.limit ?? 25;
        const items = rows.slice(offset, offset + limit);
        const more = offset + limit < rows.length;
        sendJson(res, 200, { items, ...(more ? { cursor: Buffer.from(String(offset + limit)).toString('base64url') } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/api/v2/call/:id',
      handler: ({ res, params }) => {
        const call = deps.calls.get(params.id ?? '');
        if (!call) throw new ApiError(404, 'not_found', 'No such call.');
        sendJson(res, 200, call);
      },
    },
  ];
}
