// The Call Events API (docs/providers/goto.md#call-events): subscribe a channel to an account's live call
// states (207 Multi-Status, one entry per account key; success only when every entry is 200),
// unsubscribe, and the two backfill reads a client uses after a gap:
//   GET /call-events/v1/conversation-spaces?accountKey=   → {items: [{metadata, state}]}: the latest
//       call-state content of every call of the account that has not ended;
//   GET /call-events/v1/conversation-spaces/{id}/events    → {items: [{metadata, state}, …]}: every
//       call-state content of that call in sequence order (ended calls too, while retained).
import type { ApiDeps } from './api-deps';
import { ownedChannel, requireAccount } from './api-deps';
import { ApiError, queryObject, readJson, sendEmpty, sendJson, validate } from '../common/http-io';
import type { Route } from '../common/http-router';
import { accountQuery, callEventsSubscribeBody, subscriptionDeleteQuery } from './request-schemas';
import type { StateType } from './subscriptions';

export function callEventRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/call-events/v1/subscriptions',
      handler: async ({ req, res, principal }) => {
        const body = await readJson(req, callEventsSubscribeBody);
        const channel = ownedChannel(deps, body.channelId, principal);
        const accountKeys = body.accountKeys.map((entry) => {
          const fault = deps.takeSubscriptionFault();
          if (fault) return { id: entry.id, status: fault.status, message: fault.message ?? 'Subscription failed', errorCode: fault.errorCode };
          // docs/providers/goto.md#call-events: subscribing requires an admin of the GoTo Connect account.
          if (entry.id !== deps.account.accountKey) {
            return { id: entry.id, status: 403, message: 'Not an administrator of this account', errorCode: 'FORBIDDEN' };
          }
          deps.subscriptions.addCallEvents(channel.id, entry.id, entry.events as StateType[]);
          return { id: entry.id, status: 200, message: 'Success' };
        });
        sendJson(res, 207, { accountKeys });
      },
    },
    {
      method: 'DELETE',
      path: '/call-events/v1/subscriptions',
      handler: ({ res, url, principal }) => {
        const q = validate(subscriptionDeleteQuery, queryObject(url), 'query');
        const channel = ownedChannel(deps, q.channelId, principal);
        if (!deps.subscriptions.removeCallEvents(channel.id, q.accountKey)) {
          throw new ApiError(404, 'NOT_FOUND', 'No such subscription.');
        }
        sendEmpty(res, 204);
      },
    },
    {
      method: 'GET',
      path: '/call-events/v1/conversation-spaces',
      handler: ({ res, url }) => {
        const q = validate(accountQuery, queryObject(url), 'query');
        requireAccount(deps, q.accountKey);
        const items = deps.calls
          .active()
          .map((call) => call.contents.at(-1))
          .filter((content) => content !== undefined);
        sendJson(res, 200, { items });
      },
    },
    {
      method: 'GET',
      path: '/call-events/v1/conversation-spaces/:id/events',
      handler: ({ res, params }) => {
        const call = deps.calls.get(params.id ?? '');
        if (!call || call.accountKey !== deps.account.accountKey) throw new ApiError(404, 'NOT_FOUND', 'Unknown conversation space.');
        sendJson(res, 200, { items: call.contents });
      },
    },
  ];
}
