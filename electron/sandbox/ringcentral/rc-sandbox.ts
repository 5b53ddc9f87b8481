// A RingCentral-compatible backend on 127.0.0.1 for tests, the demo and the benchmark: OAuth
// (PKCE, rotating refresh tokens), the ws token, the WebSocket gateway with session recovery,
// telephony session events from scripted or generated calls, active calls, the call log, and
// fault switches. One origin serves everything, so `url` is both the server URL and the OAuth base.
import { randomBytes } from 'node:crypto';
import { createHttpFaults, type HttpFault } from '../common/http-faults';
import { createRouter } from '../common/http-router';
import { startLocalServer } from '../common/local-server';
import { waitFor } from '../common/wait-for';
import { createRcCallBook, type RcCallBook } from './rc-call-book';
import { createRcCallGenerator, type RcGeneratorOptions } from './rc-call-generator';
import { RC_EXTENSIONS, RC_OWNER, RC_PEOPLE, type RcExtension } from './rc-fixtures';
import { createGateway, type GarbageKind, type GatewayStats, type SubscriptionScope } from './rc-gateway';
import { createRcOAuth, type RcOAuth } from './rc-oauth';
import { rcRoutes } from './rc-routes';

export { GARBAGE_KINDS, type GarbageKind } from './rc-gateway';

const RC_SANDBOX_CLIENT_ID = 'ringtray-rc-demo';
const RC_SANDBOX_REDIRECT_URI = 'http://127.0.0.1:12022/app/redirect';

export interface RcSandboxOptions {
  port?: number;
  clientId?: string;
  /** null (default): a public client using PKCE only. */
  clientSecret?: string | null;
  redirectUris?: string[];
  accessTokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
  rotationGraceMs?: number;
  /** The gateway's ConnectionDetails values, in seconds (tests shorten them). */
  recoveryTimeoutS?: number;
  recoveryBufferSize?: number;
  idleTimeoutS?: number;
  absoluteTimeoutS?: number;
  /** Default true: a ws token opens one connection only. */
  singleUseWsTokens?: boolean;
  /** Default true: ConnectionDetails and a recovery's replay in one TCP write. */
  replayInSameWrite?: boolean;
  /** Whether the user is an admin (may subscribe to every extension). Default true. */
  admin?: boolean;
  callLogDelayMs?: number;
  /** Call-log requests allowed per minute (RingCentral's "Heavy" group); default unlimited. */
  heavyPerMinute?: number;
  maxPayloadBytes?: number;
}

export interface RcSandboxFaults {
  /** Terminates every gateway socket (TCP gone, no close frame). */
  drop(): void;
  /** Sockets open now stop delivering frames and answering pings; TCP stays up. */
  halfOpen(on: boolean): void;
  garbage(kind: GarbageKind, bytes?: number): void;
  duplicateNext(n: number): void;
  /** The next notification is held back and sent after the one that follows it. */
  reorderNext(): void;
  errorFrame(code: 'WSG-902' | 'WSG-903'): void;
  failNextSubscribe(status: number): void;
  /** The next subscription exists at once; its reply on the socket comes `ms` later. */
  delayNextSubscribeReply(ms: number): void;
  failRecoveries(on: boolean): void;
  /** The next `times` requests under `pathPrefix` answer `status` (e.g. 429 on /restapi/oauth/wstoken). */
  failHttp(fault: HttpFault): void;
  expireAccessTokens(): void;
  expireRefreshTokens(): void;
  revokeAll(): void;
  setAdmin(on: boolean): void;
  clear(): void;
}

export interface RcSandbox {
  url: string;
  port: number;
  clientId: string;
  clientSecret: string | null;
  redirectUris: string[];
  owner: RcExtension;
  extensions: readonly RcExtension[];
  oauth: RcOAuth;
  calls: RcCallBook;
  generator: { start(o: RcGeneratorOptions): void; stop(): void; readonly generated: number };
  faults: RcSandboxFaults;
  /** An access token for API tests that skip the sign-in. */
  issueAccessToken(): Promise<string>;
  subscriptions(): { id: string; scope: SubscriptionScope; connected: boolean }[];
  readonly stats: GatewayStats & { openSockets: number; wsTokens: number; requests: Record<string, number> };
  waitFor: typeof waitFor;
  close(): Promise<void>;
}

export async function createRingCentralSandbox(options: RcSandboxOptions = {}): Promise<RcSandbox> {
  const clientId = options.clientId ?? RC_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? null;
  const redirectUris = options.redirectUris ?? [RC_SANDBOX_REDIRECT_URI];
  const owner = RC_OWNER;
  let admin = options.admin ?? true;
  const oauth = createRcOAuth({
    clients: [{ clientId, clientSecret, redirectUris }],
    ownerId: owner.id,
    accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds,
    rotationGraceMs: options.rotationGraceMs,
  });
  const singleUse = options.singleUseWsTokens ?? true;
  const wsTokens = new Map<string, { oauthSessionId: string; used: boolean; expiresAt: number }>();
  let wsTokensMinted = 0;

  const gateway = createGateway({
    recoveryTimeoutS: options.recoveryTimeoutS ?? 180,
    recoveryBufferSize: options.recoveryBufferSize ?? 100,
    idleTimeoutS: options.idleTimeoutS ?? 1800,
    absoluteTimeoutS: options.absoluteTimeoutS ?? 86_400,
    ownerExtensionId: owner.id,
    allowAccountWide: () => admin,
    oauthSessionAlive: (id) => oauth.sessionAlive(id),
    maxPayloadBytes: options.maxPayloadBytes ?? 64 * 1024,
    replayInSameWrite: options.replayInSameWrite ?? true,
    redeemWsToken(token) {
      const t = wsTokens.get(token);
      if (!t || t.expiresAt <= Date.now() || !oauth.sessionAlive(t.oauthSessionId)) return null;
      const reused = t.used && singleUse;
      t.used = true;
      return { oauthSessionId: t.oauthSessionId, reused };
    },
  });
  let people = 0;
  const calls = createRcCallBook({
    extensions: RC_EXTENSIONS,
    owner,
    defaultCaller: () => RC_PEOPLE[people++ % RC_PEOPLE.length]!,
    publish: (call, body) => gateway.publish(call.extension.id, body),
    callLogDelayMs: options.callLogDelayMs ?? 1500,
    retain: 5000,
  });
  const generator = createRcCallGenerator({ calls, owner, others: RC_EXTENSIONS.filter((e) => e !== owner) });
  const httpFaults = createHttpFaults();
  const heavyLimit = options.heavyPerMinute;
  let heavyWindow = { start: Date.now(), count: 0 };

  let origin = '';
  const router = createRouter(
    rcRoutes({
      origin: () => origin,
      owner,
      extensions: RC_EXTENSIONS,
      isAdmin: () => admin,
      calls,
      gateway,
      mintWsToken(oauthSessionId) {
        const now = Date.now();
        for (const [k, v] of wsTokens) if (v.expiresAt <= now) wsTokens.delete(k);
        const token = randomBytes(24).toString('base64url');
        wsTokens.set(token, { oauthSessionId, used: false, expiresAt: now + 60_000 });
        wsTokensMinted += 1;
        return { token, expiresIn: 60 };
      },
      allowHeavy() {
        if (heavyLimit === undefined) return true;
        const now = Date.now();
        if (now - heavyWindow.start >= 60_000) heavyWindow = { start: now, count: 0 };
        heavyWindow.count += 1;
        return heavyWindow.count <= heavyLimit;
      },
    }),
    (token) => oauth.verifyAccessToken(token)?.sessionId ?? null,
  );

  const server = await startLocalServer({
    name: 'RingCentral sandbox',
    port: options.port,
    router,
    oauthPrefix: '/restapi/oauth/',
    async handle(req, res, url) {
      if (await httpFaults.apply(req, res, url.pathname)) return;
      if (await oauth.handle(req, res, url)) return;
      await router.dispatch(req, res, url);
    },
    internalErrorBody: { errorCode: 'CMN-500', message: 'Sandbox error.' },
    upgrade: (req, socket, head) => gateway.handleUpgrade(req, socket, head),
    onClose: {
      async stopping() {
        generator.stop();
        await gateway.shutdown();
      },
      connectionsCut: () => httpFaults.clear(),
      closed: () => calls.clear(),
    },
  });
  const port = server.port;
  origin = server.origin;

  return {
    url: origin,
    port,
    clientId,
    clientSecret,
    redirectUris: [...redirectUris],
    owner,
    extensions: RC_EXTENSIONS,
    oauth,
    calls,
    generator,
    faults: {
      drop: () => gateway.drop(),
      halfOpen: (on) => gateway.halfOpen(on),
      garbage: (kind, bytes) => gateway.garbage(kind, bytes),
      duplicateNext: (n) => gateway.duplicateNext(n),
      reorderNext: () => gateway.reorderNext(),
      errorFrame: (code) => gateway.errorFrame(code),
      failNextSubscribe: (status) => gateway.failNextSubscribe(status),
      delayNextSubscribeReply: (ms) => gateway.delayNextSubscribeReply(ms),
      failRecoveries: (on) => gateway.failRecoveries(on),
      failHttp: (fault) => httpFaults.add(fault),
      expireAccessTokens: () => oauth.expireAccessTokens(),
      expireRefreshTokens: () => oauth.expireRefreshTokens(),
      revokeAll: () => oauth.revokeAll(),
      setAdmin(on) {
        admin = on;
      },
      clear() {
        httpFaults.clear();
        gateway.halfOpen(false);
        gateway.failRecoveries(false);
        gateway.duplicateNext(0);
      },
    },
    async issueAccessToken() {
      // Through the real authorize + token endpoints, so the token belongs to a real OAuth session.
      const { createHash } = await import('node:crypto');
      const verifier = randomBytes(32).toString('base64url');
      const authorize = new URL('/restapi/oauth/authorize', origin);
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUris[0] ?? '',
        state: 'x',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      const location = (await fetch(authorize, { redirect: 'manual' })).headers.get('location') ?? '';
      const code = new URL(location).searchParams.get('code') ?? '';
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUris[0] ?? '', code_verifier: verifier });
      if (clientSecret) headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      else form.set('client_id', clientId);
      const res = await fetch(new URL('/restapi/oauth/token', origin), { method: 'POST', headers, body: form });
      return ((await res.json()) as { access_token: string }).access_token;
    },
    subscriptions: () => gateway.subscriptions(),
    get stats() {
      return { ...gateway.stats, openSockets: gateway.openSockets, wsTokens: wsTokensMinted, requests: { ...server.requests } };
    },
    waitFor,
    close: () => server.close(),
  };
}
