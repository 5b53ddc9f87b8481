// The Call Events Report API (docs/providers/goto.md#call-events-report): REPORT_SUMMARY subscriptions (201,
// plain-string account keys), the report of one call (404 until ready), and the paged browse API
// whose startTime/endTime are required ISO-8601 UTC and at most 31 days apart.
//
// pageMarker is opaque to clients; here it encodes the last item's (callCreated, id), so paging
// stays stable while new calls arrive (they sort before the marker, not into the next page).
import type { ApiDeps } from './api-deps';
import { ownedChannel, requireAccount } from './api-deps';
import { ApiError, queryObject, readJson, sendEmpty, sendJson, validate } from '../common/http-io';
import type { Route } from '../common/http-router';
import { reportSubscribeBody, subscriptionDeleteQuery, summariesQuery } from './request-schemas';

const MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 100;

export function reportRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/call-events-report/v1/subscriptions',
      handler: async ({ req, res, principal }) => {
        const body = await readJson(req, reportSubscribeBody);
        const channel = ownedChannel(deps, body.channelId, principal);
        for (const key of body.accountKeys) requireAccount(deps, key);
        const items = body.accountKeys.flatMap((key) =>
          [...new Set(body.eventTypes)].map((type) => deps.subscriptions.addReport(channel.id, key, type)),
        );
        sendJson(res, 201, { items });
      },
    },
    {
      method: 'DELETE',
      path: '/call-events-report/v1/subscriptions',
      handler: ({ res, url, principal }) => {
        const q = validate(subscriptionDeleteQuery, queryObject(url), 'query');
        const channel = ownedChannel(deps, q.channelId, principal);
        if (!deps.subscriptions.removeReports(channel.id, q.accountKey, q.eventType)) {
          throw new ApiError(404, 'NOT_FOUND', 'No such subscription.');
        }
        sendEmpty(res, 204);
      },
    },
    {
      method: 'GET',
      path: '/call-events-report/v1/reports/:id',
      handler: ({ res, params }) => {
        const report = deps.reports.ready(params.id ?? '');
        // Not yet ready and unknown look the same, as on the live API: the client retries with backoff.
        if (!report) throw new ApiError(404, 'NOT_FOUND', 'Report not found (it may not be ready yet).');
        sendJson(res, 200, report);
      },
    },
    {
      method: 'GET',
      path: '/call-events-report/v1/report-summaries',
      handler: ({ res, url }) => {
        const q = validate(summariesQuery, queryObject(url), 'query');
        const start = Date.parse(q.startTime);
        const end = Date.parse(q.endTime);
        if (end <= start) throw new ApiError(400, 'INVALID_TIME_RANGE', 'endTime must be after startTime.');
        if (end - start > MAX_WINDOW_MS) throw new ApiError(400, 'INVALID_TIME_RANGE', 'The time window must not exceed 31 days.');
        requireAccount(deps, q.accountKey);
        const after = q.pageMarker === undefined ? null : decodeMarker(q.pageMarker);
        const all = deps.reports.summaries(q.accountKey, start, end);
        const rest = after
          ? all.filter((s) => s.createdMs < after.c || (s.createdMs === after.c && s.summary.conversationSpaceId < after.id))
          : all;
        const size = q.pageSize ?? DEFAULT_PAGE_SIZE;
        const page = rest.slice(0, size);
        const body: { items: unknown[]; nextPageMarker?: string } = { items: page.map((s) => s.summary) };
        const last = page.at(-1);
        if (rest.length > size && last) body.nextPageMarker = encodeMarker(last.createdMs, last.summary.conversationSpaceId);
        sendJson(res, 200, body);
      },
    },
  ];
}

function encodeMarker(c: number, id: string): string {
  return Buffer.from(JSON.stringify({ c, id })).toString('base64url');
}

function decodeMarker(marker: string): { c: number; id: string } {
  try {
    const value = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object') {
      const { c, id } = value as Record<string, unknown>;
      if (typeof c === 'number' && typeof id === 'string') return { c, id };
    }
  } catch {
    // fall through
  }
  throw new ApiError(400, 'INVALID_REQUEST', 'Invalid pageMarker.');
}
