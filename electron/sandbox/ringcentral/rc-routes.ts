// The RingCentral REST routes the client uses (docs/providers/ringcentral.md): the ws token, the
// extension and its colleagues, active calls, one telephony session, the call log (its "Heavy"
// rate-limit group counted per minute) and deleting a subscription.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { ApiError, queryObject, sendEmpty, sendJson, validate } from '../common/http-io';
import type { Route } from '../common/http-router';
import { activeCallRecord, callLogRecord, type RcCall, type RcCallBook } from './rc-call-book';
import { RC_ACCOUNT_ID, type RcExtension } from './rc-fixtures';
import type { Gateway } from './rc-gateway';

export interface RouteDeps {
  origin(): string;
  owner: RcExtension;
  extensions: readonly RcExtension[];
  isAdmin(): boolean;
  calls: RcCallBook;
  gateway: Gateway;
  /** A fresh ws token for the OAuth session behind the request's access token. */
  mintWsToken(oauthSessionId: string): { token: string; expiresIn: number };
  /** False when the Heavy group's budget for this minute is spent. */
  allowHeavy(): boolean;
}

const ISO = z.iso.datetime({ offset: true });
const callLogQuery = z.object({
  dateFrom: ISO.optional(),
  dateTo: ISO.optional(),
  telephonySessionId: z.string().max(200).optional(),
  view: z.enum(['Simple', 'Detailed']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  perPage: z.coerce.number().int().min(1).max(1000).optional(),
  direction: z.enum(['Inbound', 'Outbound']).optional(),
  type: z.string().max(20).optional(),
});

export function rcRoutes(deps: RouteDeps): Route[] {
  const heavy = (): void => {
    if (!deps.allowHeavy()) throw new ApiError(429, 'CMN-301', 'Request rate exceeded', { 'retry-after': '60' });
  };
  const extensionInfo = (e: RcExtension): Record<string, unknown> => ({
    id: Number(e.id),
    uri: `${deps.origin()}/restapi/v1.0/account/${RC_ACCOUNT_ID}/extension/${e.id}`,
    extensionNumber: e.extensionNumber,
    name: e.name,
    type: 'User',
    status: 'Enabled',
    contact: { email: e.email, firstName: e.name.split(' ')[0], lastName: e.name.split(' ').slice(1).join(' ') },
    account: { id: RC_ACCOUNT_ID },
    permissions: { admin: { enabled: e === deps.owner && deps.isAdmin() } },
  });
  const callLog = (all: boolean) => (ctx: { res: ServerResponse; url: URL }) => {
    heavy();
    const q = validate(callLogQuery, queryObject(ctx.url), 'query');
    const from = q.dateFrom ? Date.parse(q.dateFrom) : Date.now() - 86_400_000;
    const to = q.dateTo ? Date.parse(q.dateTo) : Date.now();
    const perPage = q.perPage ?? 100;
    const page = q.page ?? 1;
    const rows = deps.calls
      .logged()
      .filter((c) => all || c.extension.id === deps.owner.id)
      .filter((c) => c.startedAt >= from && c.startedAt <= to)
      .filter((c) => q.telephonySessionId === undefined || c.telephonySessionId === q.telephonySessionId)
      // Every sandbox call is inbound.
      .filter(() => q.direction === undefined || q.direction === 'Inbound')
      .sort((a, b) => b.startedAt - a.startedAt);
    const slice = rows.slice((page - 1) * perPage, page * perPage);
    const navigation: Record<string, unknown> = {};
    if (page * perPage < rows.length) {
      const next = new URL(ctx.url.pathname, deps.origin());
      for (const [k, v] of ctx.url.searchParams) next.searchParams.set(k, v);
      next.searchParams.set('page', String(page + 1));
      navigation.nextPage = { uri: next.toString() };
    }
    sendJson(ctx.res, 200, {
      records: slice.map((c) => callLogRecord(c, q.view === 'Detailed')),
      paging: { page, perPage, pageStart: (page - 1) * perPage, pageEnd: (page - 1) * perPage + Math.max(0, slice.length - 1) },
      navigation,
    });
  };
  const findLogged = (pred: (c: RcCall) => boolean): RcCall | undefined => deps.calls.logged().find(pred);

  return [
    {
      method: 'POST',
      path: '/restapi/oauth/wstoken',
      handler: ({ res, principal }) => {
        const t = deps.mintWsToken(principal);
        sendJson(res, 200, { uri: `${deps.origin().replace(/^http/, 'ws')}/ws`, ws_access_token: t.token, expires_in: t.expiresIn });
      },
    },
    { method: 'GET', path: '/restapi/v1.0/account/~/extension/~', handler: ({ res }) => sendJson(res, 200, extensionInfo(deps.owner)) },
    {
      method: 'GET',
      path: '/restapi/v1.0/account/~/extension',
      handler: ({ res }) =>
        sendJson(res, 200, { records: deps.extensions.map(extensionInfo), paging: { page: 1, perPage: 100, pageStart: 0, pageEnd: deps.extensions.length - 1 }, navigation: {} }),
    },
    {
      method: 'GET',
      path: '/restapi/v1.0/account/~/extension/~/active-calls',
      handler: ({ res }) => sendJson(res, 200, { records: deps.calls.active().filter((c) => c.extension.id === deps.owner.id).map(activeCallRecord) }),
    },
    {
      method: 'GET',
      path: '/restapi/v1.0/account/~/active-calls',
      handler: ({ res }) => {
        if (!deps.isAdmin()) throw new ApiError(403, 'CMN-408', 'In order to call this API endpoint, user needs to have [ReadCompanyCalls] permission for requested resource.');
        sendJson(res, 200, { records: deps.calls.active().map(activeCallRecord) });
      },
    },
    {
      method: 'GET',
      path: '/restapi/v1.0/account/~/telephony/sessions/:id',
      handler: ({ res, params }) => {
        const call = deps.calls.get(params.id ?? '');
        if (!call || call.endedAt !== null) throw new ApiError(404, 'TAS-102', 'Telephony session not found');
        const { sequence: _sequence, telephonySessionId, ...rest } = deps.calls.body(call);
        sendJson(res, 200, { id: telephonySessionId, ...rest });
      },
    },
    { method: 'GET', path: '/restapi/v1.0/account/~/extension/~/call-log', handler: callLog(false) },
    {
      method: 'GET',
      path: '/restapi/v1.0/account/~/call-log',
      handler: (ctx) => {
        if (!deps.isAdmin()) throw new ApiError(403, 'CMN-408', 'In order to call this API endpoint, user needs to have [ReadCompanyCallLog] permission for requested resource.');
        callLog(true)(ctx);
      },
    },
    {
      method: 'GET',
      path: '/restapi/v1.0/account/~/extension/~/call-log/:id',
      handler: ({ res, params }) => {
        heavy();
        const call = findLogged((c) => `L${c.sessionId}` === params.id);
        if (!call) throw new ApiError(404, 'CMN-102', 'Resource for parameter [callRecordId] is not found');
        sendJson(res, 200, callLogRecord(call, true));
      },
    },
    {
      method: 'DELETE',
      path: '/restapi/v1.0/subscription/:id',
      handler: ({ res, params }) => {
        if (!deps.gateway.deleteSubscription(params.id ?? '')) throw new ApiError(404, 'CMN-102', 'Resource for parameter [subscriptionId] is not found');
        sendEmpty(res, 204);
      },
    },
  ];
}
