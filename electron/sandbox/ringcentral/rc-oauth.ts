// A RingCentral-compatible OAuth server (docs/providers/ringcentral.md, "Sign-in"): authorization
// code + PKCE for a public client (client_id in the form, no secret) or Basic authentication for
// an app with a secret; refresh tokens that are single use, rotated on every refresh and live
// 7 days; revoke; at most 5 sessions per user per app (the oldest is ended).
//
// Rotation follows what RingCentral does, not the strictest reading: after a refresh the OLD
// refresh token keeps answering with the SAME new pair until the new access token is first used,
// and dies a short grace after that. That is what lets a client that crashed between receiving
// and storing the new pair start again from the token it had stored — provided it never used the
// new access token before storing the new refresh token ("persist before use").
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RcOAuthClient {
  clientId: string;
  /** null: a public client (PKCE, no secret). */
  clientSecret: string | null;
  redirectUris: string[];
}

export interface RcOAuthOptions {
  clients: RcOAuthClient[];
  ownerId: string;
  accessTokenLifetimeSeconds?: number; // default 3600
  refreshTokenLifetimeSeconds?: number; // default 604800 (7 days)
  /** How long an old refresh token still answers after the new access token was used; default 10 s. */
  rotationGraceMs?: number;
  maxSessionsPerUser?: number; // default 5
  now?: () => number;
}

export interface RcOAuthStats {
  tokenRequests: number;
  codeGrants: number;
  refreshGrants: number;
  /** Refreshes answered from the cache of a rotation (old token presented again). */
  repeatedRefreshes: number;
  revocations: number;
  /** Refresh tokens presented after they were used up or expired. */
  rejectedRefreshes: number;
}

export interface RcOAuth {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** The OAuth session behind a live access token (marks the token used), or null. */
  verifyAccessToken(token: string): { sessionId: string; ownerId: string } | null;
  /** True while the OAuth session exists (not revoked, not evicted). */
  sessionAlive(sessionId: string): boolean;
  liveSessions(): number;
  expireAccessTokens(): void;
  /** Every refresh token is now past its 7-day life. */
  expireRefreshTokens(): void;
  revokeAll(): void;
  readonly stats: RcOAuthStats;
}

const CODE_LIFETIME_MS = 60_000;
const MAX_FORM_BYTES = 16 * 1024;

interface Session {
  id: string;
  clientId: string;
  createdAt: number;
  alive: boolean;
}

interface RefreshRecord {
  session: Session;
  expiresAt: number;
  /** Set once used: the answer it gave, replayed while the grace lasts. */
  rotatedTo: { body: Record<string, unknown>; accessToken: string; diesAt: number | null } | null;
}

interface AccessRecord {
  session: Session;
  expiresAt: number;
  /** The refresh token whose rotation issued this access token (its grace starts at first use). */
  from: RefreshRecord | null;
  used: boolean;
}

export function createRcOAuth(options: RcOAuthOptions): RcOAuth {
  const now = options.now ?? Date.now;
  const accessLife = options.accessTokenLifetimeSeconds ?? 3600;
  const refreshLife = options.refreshTokenLifetimeSeconds ?? 604_800;
  const graceMs = options.rotationGraceMs ?? 10_000;
  const maxSessions = options.maxSessionsPerUser ?? 5;
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string | null; expiresAt: number }>();
  const sessions: Session[] = [];
  const refreshTokens = new Map<string, RefreshRecord>();
  const accessTokens = new Map<string, AccessRecord>();
  const stats: RcOAuthStats = { tokenRequests: 0, codeGrants: 0, refreshGrants: 0, repeatedRefreshes: 0, revocations: 0, rejectedRefreshes: 0 };

  function authorize(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const client = clients.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!client) return page(res, 400, 'Unknown client_id.');
    // RingCentral matches redirect URIs exactly; an unregistered one is never redirected to.
    if (!client.redirectUris.includes(redirectUri)) return page(res, 400, 'redirect_uri does not match a registered URI.');
    const back = new URL(redirectUri);
    const state = q.get('state');
    const fail = (error: string): void => {
      back.searchParams.set('error', error);
      if (state !== null) back.searchParams.set('state', state);
      redirect(res, back);
    };
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type');
    const challenge = q.get('code_challenge');
    if (challenge !== null && (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge))) return fail('invalid_request');
    // A public client has nothing else proving the code is its own.
    if (client.clientSecret === null && challenge === null) return fail('invalid_request');
    const code = opaque();
    codes.set(code, { clientId: client.clientId, redirectUri, challenge, expiresAt: now() + CODE_LIFETIME_MS });
    back.searchParams.set('code', code);
    if (state !== null) back.searchParams.set('state', state);
    redirect(res, back);
  }

  /** Basic header for an app with a secret; client_id in the form for a public client. */
  function authenticate(req: IncomingMessage, form: URLSearchParams): RcOAuthClient | null {
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const client = colon > 0 ? clients.get(decoded.slice(0, colon)) : undefined;
      if (!client?.clientSecret) return null;
      return sameSecret(decoded.slice(colon + 1), client.clientSecret) ? client : null;
    }
    const client = clients.get(form.get('client_id') ?? '');
    return client && client.clientSecret === null ? client : null;
  }

  function newSession(clientId: string): Session {
    const session: Session = { id: opaque().slice(0, 16), clientId, createdAt: now(), alive: true };
    sessions.push(session);
    const mine = sessions.filter((s) => s.alive && s.clientId === clientId);
    if (mine.length > maxSessions) endSession(mine[0] as Session);
    return session;
  }

  function endSession(session: Session): void {
    session.alive = false;
    for (const [t, r] of refreshTokens) if (r.session === session) refreshTokens.delete(t);
    for (const [t, r] of accessTokens) if (r.session === session) accessTokens.delete(t);
    const i = sessions.indexOf(session);
    if (i >= 0) sessions.splice(i, 1);
  }

  function issue(session: Session, from: RefreshRecord | null): { body: Record<string, unknown>; accessToken: string } {
    const accessToken = opaque();
    const refreshToken = opaque();
    accessTokens.set(accessToken, { session, expiresAt: now() + accessLife * 1000, from, used: false });
    refreshTokens.set(refreshToken, { session, expiresAt: now() + refreshLife * 1000, rotatedTo: null });
    const body = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: accessLife,
      refresh_token: refreshToken,
      refresh_token_expires_in: refreshLife,
      scope: 'CallControl ReadAccounts ReadCallLog WebSocketsSubscription',
      owner_id: options.ownerId,
      endpoint_id: session.id,
    };
    return { body, accessToken };
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.tokenRequests += 1;
    const raw = await readForm(req);
    if (raw === null) return oauthError(res, 413, 'invalid_request', 'Request body too large.');
    const form = new URLSearchParams(raw);
    const client = authenticate(req, form);
    if (!client) return oauthError(res, 401, 'invalid_client', 'Invalid client.');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant || grant.clientId !== client.clientId || grant.expiresAt <= now()) return oauthError(res, 400, 'invalid_grant', 'Authorization code is invalid or expired.');
      if (form.get('redirect_uri') !== grant.redirectUri) return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match.');
      if (grant.challenge !== null) {
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed.');
      }
      stats.codeGrants += 1;
      return json(res, 200, issue(newSession(client.clientId), null).body);
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const record = refreshTokens.get(presented);
      if (!record || record.session.clientId !== client.clientId || !record.session.alive) {
        stats.rejectedRefreshes += 1;
        return oauthError(res, 400, 'invalid_grant', 'Token not found');
      }
      if (record.expiresAt <= now()) {
        stats.rejectedRefreshes += 1;
        refreshTokens.delete(presented);
        return oauthError(res, 400, 'invalid_grant', 'Token is expired');
      }
      if (record.rotatedTo) {
        if (record.rotatedTo.diesAt !== null && record.rotatedTo.diesAt <= now()) {
          stats.rejectedRefreshes += 1;
          refreshTokens.delete(presented);
          return oauthError(res, 400, 'invalid_grant', 'Token not found');
        }
        stats.repeatedRefreshes += 1;
        return json(res, 200, record.rotatedTo.body);
      }
      stats.refreshGrants += 1;
      const issued = issue(record.session, record);
      record.rotatedTo = { ...issued, diesAt: null };
      return json(res, 200, issued.body);
    }
    return oauthError(res, 400, 'unsupported_grant_type', 'Unsupported grant type.');
  }

  async function revoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readForm(req);
    if (raw === null) return oauthError(res, 413, 'invalid_request', 'Request body too large.');
    const form = new URLSearchParams(raw);
    if (!authenticate(req, form)) return oauthError(res, 401, 'invalid_client', 'Invalid client.');
    const t = form.get('token') ?? '';
    const session = refreshTokens.get(t)?.session ?? accessTokens.get(t)?.session;
    if (session) {
      stats.revocations += 1;
      endSession(session);
    }
    // RFC 7009: an unknown token is not an error.
    res.writeHead(200, { 'cache-control': 'no-store' }).end();
  }

  return {
    async handle(req, res, url) {
      const routes: Record<string, { method: string; run: () => Promise<void> | void }> = {
        '/restapi/oauth/authorize': { method: 'GET', run: () => authorize(res, url) },
        '/restapi/oauth/token': { method: 'POST', run: () => token(req, res) },
        '/restapi/oauth/revoke': { method: 'POST', run: () => revoke(req, res) },
      };
      const route = routes[url.pathname];
      if (!route) return false;
      if (req.method !== route.method) {
        res.setHeader('allow', route.method);
        oauthError(res, 405, 'invalid_request', `Use ${route.method}.`);
      } else await route.run();
      return true;
    },
    verifyAccessToken(t) {
      const record = accessTokens.get(t);
      if (!record || !record.session.alive) return null;
      if (record.expiresAt <= now()) {
        accessTokens.delete(t);
        return null;
      }
      if (!record.used) {
        record.used = true;
        // The new pair is in use: the refresh token it replaced now dies after the grace.
        if (record.from?.rotatedTo && record.from.rotatedTo.accessToken === t) record.from.rotatedTo.diesAt = now() + graceMs;
      }
      return { sessionId: record.session.id, ownerId: options.ownerId };
    },
    sessionAlive: (id) => sessions.some((s) => s.id === id && s.alive),
    liveSessions: () => sessions.filter((s) => s.alive).length,
    expireAccessTokens: () => accessTokens.clear(),
    expireRefreshTokens() {
      for (const record of refreshTokens.values()) record.expiresAt = now() - 1;
    },
    revokeAll() {
      for (const s of [...sessions]) endSession(s);
    },
    get stats() {
      return { ...stats };
    },
  };
}

function opaque(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function redirect(res: ServerResponse, to: URL): void {
  res.writeHead(302, { location: to.toString(), 'cache-control': 'no-store' }).end();
}

function page(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'" }).end(`<!doctype html><title>OAuth</title><p>${text}</p>`);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** RingCentral's error shape: RFC 6749 `error` plus its own `errors[]` list. */
function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  json(res, status, { error, error_description: description, errors: [{ errorCode: error === 'invalid_grant' ? 'OAU-211' : 'OAU-101', message: description }] });
}

async function readForm(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_FORM_BYTES) chunks.push(chunk);
  }
  return size > MAX_FORM_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}
