import type { JsonRequest, JsonResponse } from '../../http/json-request';
import { HttpError } from '../../http/http-errors';
import {
  activeCallsSchema,
  callEventsSubscriptionSchema,
  channelLifetimeSchema,
  channelSchema,
  reportSchema,
  reportSubscriptionSchema,
  reportSummariesSchema,
  type ChannelResponse,
  type GotoReport,
  type GotoReportSummary,
} from './goto-api-schemas';

// The GoTo REST calls behind the notification channel (docs/providers/goto.md: notification
// channel, call events, call events report). Each is one request through `call`, the token manager's
// authorized request (Bearer, 401 → one refresh → one retry). No retries here: the session
// decides what a failure means.

/** Sends one authorized request (the token manager's `authorizedRequest` bound to its tokens). */
export type ApiCall = <T>(request: JsonRequest<T>) => Promise<JsonResponse<T>>;

const CALL_EVENT_TYPES = ['STARTING', 'ACTIVE', 'ENDING'] as const;
const WEBSOCKETS = { channelType: 'WebSockets' } as const;

export interface GotoChannel {
  id: string;
  nickname: string;
  url: string;
  /** Seconds, as the server said at creation or at the last extension; null if it did not say. */
  lifetimeSeconds: number | null;
}

export class SubscriptionFailedError extends Error {
  override readonly name = 'SubscriptionFailedError';
  constructor(
    readonly failures: Array<{ id: string; status: number; errorCode: string | null }>,
  ) {
    super(`call-events subscription refused for ${failures.map((f) => `${f.id} (${f.status}${f.errorCode ? ` ${f.errorCode}` : ''})`).join(', ')}`);
  }
}

export function createGotoApi(apiUrl: string, call: ApiCall) {
  const base = apiUrl.replace(/\/+$/, '');
  const url = (path: string, query?: Record<string, string | undefined>) => {
    const u = new URL(base + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, v);
    return u.toString();
  };
  const channelPath = (nickname: string, id?: string) =>
    `/notification-channel/v1/channels/${encodeURIComponent(nickname)}${id ? `/${encodeURIComponent(id)}` : ''}`;
  const toChannel = (c: ChannelResponse, nickname: string): GotoChannel => ({
    id: c.channelId,
    nickname: c.channelNickname ?? nickname,
    url: c.channelData.channelURL,
    lifetimeSeconds: c.channelLifetime ?? null,
  });

  return {
    async createChannel(nickname: string): Promise<GotoChannel> {
      const res = await call({ method: 'POST', url: url(channelPath(nickname)), body: WEBSOCKETS, schema: channelSchema });
      return toChannel(res.data, nickname);
    },

    /** Extends the lifetime (GoTo's samples PUT the channel itself). 404 means it is gone. */
    async extendChannel(channel: GotoChannel): Promise<number | null> {
      const res = await call({ method: 'PUT', url: url(channelPath(channel.nickname, channel.id)), body: WEBSOCKETS, schema: channelLifetimeSchema });
      return res.data?.channelLifetime ?? channel.lifetimeSeconds;
    },

    /** Deleting a channel that is already gone (404) is success. */
    async deleteChannel(channel: Pick<GotoChannel, 'id' | 'nickname'>, timeoutMs?: number): Promise<void> {
      await ignoreNotFound(call({ method: 'DELETE', url: url(channelPath(channel.nickname, channel.id)), timeoutMs }));
    },

    async subscribeCallEvents(channelId: string, accountKey: string): Promise<void> {
      const res = await call({
        method: 'POST',
        url: url('/call-events/v1/subscriptions'),
        body: { channelId, accountKeys: [{ id: accountKey, events: CALL_EVENT_TYPES }] },
        schema: callEventsSubscriptionSchema,
      });
      // 207 Multi-Status: the request "succeeds" even when an account was refused.
      const failures = res.data.accountKeys
        .filter((entry) => entry.status !== 200)
        .map((entry) => ({ id: entry.id, status: entry.status, errorCode: entry.errorCode ?? null }));
      if (res.data.accountKeys.length === 0) failures.push({ id: accountKey, status: res.status, errorCode: 'EMPTY_RESPONSE' });
      if (failures.length > 0) throw new SubscriptionFailedError(failures);
    },

    async unsubscribeCallEvents(channelId: string, accountKey: string, timeoutMs?: number): Promise<void> {
      await ignoreNotFound(call({ method: 'DELETE', url: url('/call-events/v1/subscriptions', { channelId, accountKey }), timeoutMs }));
    },

    async subscribeReports(channelId: string, accountKey: string): Promise<void> {
      // Note: here accountKeys are plain strings, unlike the call-events subscription.
      await call({
        method: 'POST',
        url: url('/call-events-report/v1/subscriptions'),
        body: { channelId, accountKeys: [accountKey], eventTypes: ['REPORT_SUMMARY'] },
        schema: reportSubscriptionSchema,
      });
    },

    async unsubscribeReports(channelId: string, accountKey: string, timeoutMs?: number): Promise<void> {
      await ignoreNotFound(call({ method: 'DELETE', url: url('/call-events-report/v1/subscriptions', { channelId, accountKey }), timeoutMs }));
    },

    /** The report, or null while GoTo has not built it yet (404 for a short while after the call). */
    async getReport(conversationSpaceId: string): Promise<GotoReport | null> {
      try {
        const res = await call({ url: url(`/call-events-report/v1/reports/${encodeURIComponent(conversationSpaceId)}`), schema: reportSchema });
        return res.data;
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) return null;
        throw error;
      }
    },

    /** One page of report summaries; the window must be ≤ 31 days (GoTo rejects more). */
    async listReportSummaries(q: { accountKey: string; start: Date; end: Date; pageSize?: number; pageMarker?: string }): Promise<{ items: GotoReportSummary[]; nextPageMarker: string | null }> {
      const res = await call({
        url: url('/call-events-report/v1/report-summaries', {
          accountKey: q.accountKey,
          startTime: q.start.toISOString(),
          endTime: q.end.toISOString(),
          pageSize: String(q.pageSize ?? 100),
          pageMarker: q.pageMarker,
        }),
        schema: reportSummariesSchema,
      });
      return { items: res.data.items, nextPageMarker: res.data.nextPageMarker ?? null };
    },

    /** The account's calls in progress, each as call-state content ({metadata, state}). */
    async listActiveCalls(accountKey: string): Promise<unknown[]> {
      const res = await call({ url: url('/call-events/v1/conversation-spaces', { accountKey }), schema: activeCallsSchema });
      return res.data.items;
    },
  };
}

export type GotoApi = ReturnType<typeof createGotoApi>;

async function ignoreNotFound(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 410)) return;
    throw error;
  }
}
