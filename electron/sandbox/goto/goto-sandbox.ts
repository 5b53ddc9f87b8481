// A GoTo-Connect-compatible backend on 127.0.0.1: OAuth, users/lines, notification
// channels with real WebSockets, call events, call events reports — the facts in docs/providers/goto.md — plus
// scripted calls, a call generator and fault switches (docs/reliability.md). One origin serves it all,
// so `sandbox.url` is both the auth base URL and the API base URL. Tests, the headless `--demo`,
// the desktop demo and benchmarks all run the real client against it.
import { randomBytes } from 'node:crypto';
import { silentLogger } from '../../engine/log/logger';
import type { ApiDeps, SubscriptionEntryFault } from './api-deps';
import { createCallBook } from './call-book';
import { createCallGenerator } from './call-generator';
import { createChannelStore } from './channel-store';
import { DEFAULT_ACCOUNT_KEY, DEFAULT_ORGANIZATION_ID, DEFAULT_PRINCIPAL, defaultLines } from './fixtures';
import { createFrameFanout } from './frame-fanout';
import { createHttpFaults } from '../common/http-faults';
import { ApiError } from '../common/http-io';
import { createRouter } from '../common/http-router';
import { startLocalServer } from '../common/local-server';
import { createOAuthBackend } from '../common/oauth-backend';
import { createRateLimiter } from './rate-limit';
import { createReportStore } from './report-store';
import { callEventRoutes } from './routes-call-events';
import { channelRoutes } from './routes-channels';
import { reportRoutes } from './routes-reports';
import { userRoutes } from './routes-users';
import { createSandboxFaults } from './sandbox-faults';
import { createSandboxCalls } from './sandbox-calls';
import type { GotoSandbox, GotoSandboxOptions } from './sandbox-types';
import { createSubscriptionBook } from './subscriptions';
import { waitFor } from '../common/wait-for';
import { createWebSocketHub } from './websocket-hub';

export type * from './sandbox-types';

export const SANDBOX_CLIENT_ID = 'ringtray-demo';
/** A public sandbox value, not a secret: it only opens this local fake. */
export const SANDBOX_CLIENT_SECRET = 'ringtray-demo-secret';
export const SANDBOX_REDIRECT_URI = 'http://127.0.0.1:12021/app/redirect';

export async function createGotoSandbox(options: GotoSandboxOptions = {}): Promise<GotoSandbox> {
  const log = (options.logger ?? silentLogger).child('goto-sandbox');
  const principal = options.principal ?? DEFAULT_PRINCIPAL;
  const clientId = options.clientId ?? SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? SANDBOX_CLIENT_SECRET;
  const redirectUris = options.redirectUris ?? [SANDBOX_REDIRECT_URI];
  const lines = options.lines ?? defaultLines(principal);
  const userLines = lines.filter((l) => l.owner === principal);
  const accountKey = options.accountKey ?? DEFAULT_ACCOUNT_KEY;
  const lifetime = options.channelLifetimeSeconds ?? 10_800;
  if (!(lifetime > 0)) throw new Error('channelLifetimeSeconds must be positive');
  if (lines.length === 0) throw new Error('The sandbox account needs at least one line');
  const account = { accountKey, organizationId: DEFAULT_ORGANIZATION_ID, principal, lines };

  const oauth = createOAuthBackend({
    clients: [{ clientId, clientSecret, redirectUris }, ...(options.extraClients ?? [])],
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds,
    rotateRefreshTokens: options.rotateRefreshTokens,
    principal,
  });
  // Tokens minted by issueAccessToken(): tests that exercise the API, not the sign-in.
  const issued = new Map<string, { principal: string; expiresAt: number }>();
  const verify = (token: string): string | null => {
    const viaOAuth = oauth.verifyAccessToken(token);
    if (viaOAuth) return viaOAuth.principal;
    const minted = issued.get(token);
    if (minted && minted.expiresAt > Date.now()) return minted.principal;
    return null;
  };

  let origin = '';
  const timers = new Set<NodeJS.Timeout>();
  const subscriptionFaults: SubscriptionEntryFault[] = [];

  const subscriptions = createSubscriptionBook();
  // The store's callbacks reach the hub and fanout, which need the store: bound after creation.
  let onRefreshDue: (id: string) => void = () => undefined;
  let onChannelEnded: (id: string, reason: string) => void = () => undefined;
  const channels = createChannelStore({
    lifetimeSeconds: lifetime,
    refreshLeadSeconds: options.refreshLeadSeconds,
    logger: log,
    onRefreshDue: (channel) => onRefreshDue(channel.id),
    onEnded: (channel, reason) => onChannelEnded(channel.id, reason),
  });
  const hub = createWebSocketHub({ channels, logger: log, maxPayloadBytes: options.maxPayloadBytes ?? 64 * 1024 });
  const fanout = createFrameFanout({ hub, subscriptions, controlFormat: options.controlMessageFormat ?? 'envelope' });
  onRefreshDue = (id) => fanout.control(id, 'WEBSOCKET_REFRESH_REQUIRED');
  onChannelEnded = (id, reason) => {
    subscriptions.removeChannel(id);
    hub.close(id, reason === 'closed' ? 1001 : 1000, `channel ${reason}`);
  };

  const reports = createReportStore({ delayMs: options.reportDelayMs ?? 1500, retain: options.retainCalls ?? 5000, indexDelayMs: options.summaryIndexDelayMs });
  // REPORT_SUMMARY goes out when the summary is indexed: at the call's end, or later when a test
  // delays indexing (a call that ended in a gap whose re-read came too early).
  const announceSummary = (accountKey: string, summary: ReturnType<typeof reports.add>): void => {
    const wait = reports.indexDelayMs;
    if (wait <= 0) return fanout.reportSummary(accountKey, summary);
    const timer = setTimeout(() => {
      timers.delete(timer);
      fanout.reportSummary(accountKey, summary);
    }, wait);
    timer.unref();
    timers.add(timer);
  };
  const aiAnalysis = options.aiAnalysis ?? true;
  const calls = createCallBook({
    accountKey,
    lines: () => lines,
    defaultLine: () => userLines[0] ?? (lines[0] as (typeof lines)[number]),
    retainEnded: options.retainCalls ?? 5000,
    onState: (call, content) => fanout.callState(call, content),
    onEnded: (call) => announceSummary(call.accountKey, reports.add(call, { aiAnalysis })),
  });
  const generator = createCallGenerator({ calls, lines: () => lines, userLines: () => userLines, logger: log });
  const httpFaults = createHttpFaults();
  const limiter = options.rateLimitPerSecond === undefined ? null : createRateLimiter(options.rateLimitPerSecond);

  const deps: ApiDeps = {
    origin: () => origin,
    account,
    channels,
    hub,
    subscriptions,
    calls,
    reports,
    takeSubscriptionFault() {
      const fault = subscriptionFaults[0];
      if (!fault) return undefined;
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) subscriptionFaults.shift();
      return fault;
    },
  };
  const router = createRouter([...userRoutes(deps), ...channelRoutes(deps), ...callEventRoutes(deps), ...reportRoutes(deps)], verify);

  const server = await startLocalServer({
    name: 'GoTo sandbox',
    port: options.port,
    tls: options.tls,
    logger: log,
    router,
    oauthPrefix: '/oauth/',
    async handle(req, res, url) {
      if (await httpFaults.apply(req, res, url.pathname)) return;
      if (await oauth.handle(req, res, url)) return;
      if (limiter && !limiter.allow(url.pathname)) {
        throw new ApiError(429, 'TOO_MANY_REQUESTS', 'Rate limit exceeded.', { 'retry-after': '1' });
      }
      await router.dispatch(req, res, url);
    },
    internalErrorBody: { errorCode: 'INTERNAL', message: 'Sandbox error.' },
    upgrade: (req, socket, head) => hub.handleUpgrade(req, socket, head),
    onClose: {
      async stopping() {
        fanout.mute();
        generator.stop();
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        channels.clear();
        subscriptions.clear();
        await hub.shutdown();
      },
      connectionsCut: () => httpFaults.clear(),
      closed() {
        calls.clear();
        reports.clear();
      },
    },
  });
  const port = server.port;
  origin = server.origin;

  const faults = createSandboxFaults({
    channels,
    hub,
    fanout,
    oauth,
    httpFaults,
    subscriptionFaults,
    expireIssuedTokens: () => issued.clear(),
    toBeClosedGraceMs: options.toBeClosedGraceMs ?? 5000,
    timers,
  });

  const sandboxCalls = createSandboxCalls(calls, generator);

  return {
    url: origin,
    port,
    clientId,
    clientSecret,
    redirectUris: [...redirectUris],
    principal,
    accountKey,
    lines,
    userLines,
    oauth,
    issueAccessToken(o = {}) {
      const now = Date.now();
      for (const [t, v] of issued) if (v.expiresAt <= now) issued.delete(t);
      const token = randomBytes(32).toString('base64url');
      issued.set(token, { principal: o.principal ?? principal, expiresAt: now + (o.lifetimeSeconds ?? 3600) * 1000 });
      return token;
    },
    calls: sandboxCalls,
    faults,
    get stats() {
      return {
        openSockets: hub.openSockets,
        liveChannels: channels.list().length,
        activeCalls: calls.active().length,
        requests: { ...server.requests },
        ...hub.stats,
        ...fanout.stats,
      };
    },
    channels: () =>
      channels.list().map((c) => ({
        id: c.id,
        nickname: c.nickname,
        principal: c.principal,
        lifetimeSeconds: c.lifetimeSeconds,
        expiresAt: new Date(c.expiresAt).toISOString(),
        connected: hub.isConnected(c.id),
        ...subscriptions.forChannel(c.id),
      })),
    setReportDelay(ms) {
      if (!(ms >= 0)) throw new Error('setReportDelay: ms must be ≥ 0');
      reports.setDelay(ms);
    },
    setSummaryIndexDelay(ms) {
      if (!(ms >= 0) || ms > 3_600_000) throw new Error('setSummaryIndexDelay: ms must be 0–3,600,000');
      reports.setIndexDelay(ms);
    },
    waitFor,
    close: () => server.close(),
  };
}
