// The RingCentral REST calls Ringtray makes (docs/providers/ringcentral.md), each with a timeout,
// a Bearer token and one refresh-and-retry on 401 (authorizedRequest). The call log belongs to
// RingCentral's "Heavy" rate-limit group: callers keep those requests few.
import { authorizedRequest } from '../../auth/authorized-request';
import type { AccessTokenSource } from '../../auth/token-manager';
import { activeCallsSchema, callLogPageSchema, extensionListSchema, extensionSchema, wsTokenSchema, type RcExtensionInfo, type RcWsToken } from './rc-api-schemas';

export type RcScope = 'extension' | 'account';

export interface CallLogQuery {
  scope: RcScope;
  dateFrom: Date;
  dateTo?: Date;
  telephonySessionId?: string;
  detailed?: boolean;
  perPage?: number;
  page?: number;
}

export interface RcApi {
  wsToken(signal?: AbortSignal): Promise<RcWsToken>;
  extension(): Promise<RcExtensionInfo>;
  extensions(): Promise<RcExtensionInfo[]>;
  /** telephonySessionIds of calls in progress. */
  activeCalls(scope: RcScope): Promise<string[]>;
  /** The current status of one telephony session (null once it is over), same shape as an event body. */
  telephonySession(id: string): Promise<unknown>;
  callLog(query: CallLogQuery): Promise<{ records: unknown[]; hasMore: boolean }>;
  deleteSubscription(id: string, timeoutMs: number): Promise<void>;
}

export function createRcApi(options: { serverUrl: string; tokens: AccessTokenSource; timeoutMs?: number }): RcApi {
  const base = options.serverUrl;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const path = (p: string, query?: Record<string, string | undefined>): string => {
    const url = new URL(p, base);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    return url.toString();
  };
  return {
    async wsToken(signal) {
      return (await authorizedRequest(options.tokens, { method: 'POST', url: path('/restapi/oauth/wstoken'), schema: wsTokenSchema, timeoutMs, signal })).data;
    },
    async extension() {
      return (await authorizedRequest(options.tokens, { url: path('/restapi/v1.0/account/~/extension/~'), schema: extensionSchema, timeoutMs })).data;
    },
    async extensions() {
      const url = path('/restapi/v1.0/account/~/extension', { type: 'User', status: 'Enabled', perPage: '1000' });
      return (await authorizedRequest(options.tokens, { url, schema: extensionListSchema, timeoutMs })).data.records;
    },
    async activeCalls(scope) {
      const p = scope === 'account' ? '/restapi/v1.0/account/~/active-calls' : '/restapi/v1.0/account/~/extension/~/active-calls';
      const { records } = (await authorizedRequest(options.tokens, { url: path(p, { view: 'Simple' }), schema: activeCallsSchema, timeoutMs })).data;
      const ids = records.flatMap((r) => {
        const id = typeof r === 'object' && r !== null ? (r as { telephonySessionId?: unknown }).telephonySessionId : undefined;
        return typeof id === 'string' && id !== '' && id.length <= 200 ? [id] : [];
      });
      return [...new Set(ids)];
    },
    async telephonySession(id) {
      return (await authorizedRequest(options.tokens, { url: path(`/restapi/v1.0/account/~/telephony/sessions/${encodeURIComponent(id)}`), timeoutMs })).data;
    },
    async callLog(q) {
      const p = q.scope === 'account' ? '/restapi/v1.0/account/~/call-log' : '/restapi/v1.0/account/~/extension/~/call-log';
      const url = path(p, {
        dateFrom: q.dateFrom.toISOString(),
        dateTo: q.dateTo?.toISOString(),
        telephonySessionId: q.telephonySessionId,
        view: q.detailed ? 'Detailed' : 'Simple',
        perPage: String(q.perPage ?? 100),
        page: q.page ? String(q.page) : undefined,
      });
      const { data } = await authorizedRequest(options.tokens, { url, schema: callLogPageSchema, timeoutMs });
      return { records: data.records, hasMore: Boolean(data.navigation?.nextPage) };
    },
    async deleteSubscription(id, ms) {
      await authorizedRequest(options.tokens, { method: 'DELETE', url: path(`/restapi/v1.0/subscription/${encodeURIComponent(id)}`), timeoutMs: ms });
    },
  };
}
