// A GoTo-compatible OAuth 2.0 authorization server (authorization code + refresh, confidential
// client) as a request handler the sandbox and the tests mount on a node:http server. It follows
// docs/providers/goto.md#oauth: Basic client auth on /oauth/token, the exact redirect_uri string on authorize
// and token, responses `{access_token, token_type, refresh_token, expires_in, scope, principal}`,
// refresh answers without a refresh_token unless rotation is on, RFC 6749 JSON errors. It is
// stricter than GoTo where RFC 6749/7636 say so (single-use codes, PKCE S256 checked) so the
// client is tested against the stricter behaviour. Auto-approves: there is no login page.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export interface OAuthBackendOptions {
  clients: OAuthClient[];
  accessTokenLifetimeSeconds?: number; // default 3600
  rotateRefreshTokens?: boolean; // default false (GoTo usually returns no new refresh token on refresh)
  principal?: string; // default 'user@example.com'
  now?: () => number; // ms clock, default Date.now
}

export interface TokenFault {
  status: number;
  /** JSON body; default an RFC 6749 / sandbox error object. */
  body?: unknown;
  /** Sent as-is with text/html, e.g. a proxy's error page. Wins over `body`. */
  rawBody?: string;
  retryAfterSeconds?: number;
  /** Answer only after this long (slow-response tests). */
  delayMs?: number;
  /** How many matching requests fail; default 1. */
  times?: number;
}

export interface OAuthBackend {
  /** Handles GET /oauth/authorize (auto-approves: 302 to redirect_uri?code=&state=) and POST /oauth/token. Returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** For the sandbox's API routes: the principal and client behind a live access token, or null (expired/unknown/revoked). */
  verifyAccessToken(token: string): { principal: string; clientId: string } | null;
  expireAllAccessTokens(): void; // fault: every access token now 401s
  revokeAllRefreshTokens(): void; // fault: next refresh → invalid_grant
  /** Fault injection for POST /oauth/token: the next `times` token requests answer this instead. */
  failTokenRequests(f: TokenFault): void;
  /** The next authorize request redirects with `error=access_denied` (the user pressed "Deny"). */
  denyNextAuthorization(): void;
  readonly stats: { tokenRequests: number; authorizationCodeGrants: number; refreshGrants: number };
}

/** Authorization codes are short-lived (RFC 6749 §4.1.2 recommends ≤10 min; GoTo's are ~1 min). */
const CODE_LIFETIME_MS = 60_000;
const MAX_FORM_BYTES = 64 * 1024;

interface CodeGrant {
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge: string | null;
  expiresAt: number;
}
interface TokenGrant {
  clientId: string;
  principal: string;
  scope: string;
}

export function createOAuthBackend(options: OAuthBackendOptions): OAuthBackend {
  const now = options.now ?? Date.now;
  const lifetime = options.accessTokenLifetimeSeconds ?? 3600;
  const principal = options.principal ?? 'user@example.com';
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const codes = new Map<string, CodeGrant>();
  const accessTokens = new Map<string, TokenGrant & { expiresAt: number }>();
  const refreshTokens = new Map<string, TokenGrant>();
  const faults: TokenFault[] = [];
  let denyNext = false;
  const stats = { tokenRequests: 0, authorizationCodeGrants: 0, refreshGrants: 0 };

  function authorize(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    const client = clients.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    // RFC 6749 §4.1.2.1: with an unknown client or an unregistered redirect URI the server must
    // not redirect (that would be an open redirector); it tells the user instead.
    if (!client) return htmlPage(res, 400, 'Unknown client_id.');
    if (!client.redirectUris.includes(redirectUri)) return htmlPage(res, 400, 'redirect_uri does not match a registered URI.');
    const back = new URL(redirectUri);
    const state = q.get('state');
    const redirectError = (error: string, description?: string): void => {
      back.searchParams.set('error', error);
      if (description) back.searchParams.set('error_description', description);
      if (state !== null) back.searchParams.set('state', state);
      redirect(res, back);
    };
    if (denyNext) {
      denyNext = false;
      return redirectError('access_denied', 'The user denied access.');
    }
    if (q.get('response_type') !== 'code') return redirectError('unsupported_response_type');
    const challenge = q.get('code_challenge');
    if (challenge !== null) {
      if ((q.get('code_challenge_method') ?? 'plain') !== 'S256') return redirectError('invalid_request', 'Only S256 is supported.');
      if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) return redirectError('invalid_request', 'Malformed code_challenge.');
    }
    const code = opaque();
    codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      scope: q.get('scope') ?? '',
      challenge,
      expiresAt: now() + CODE_LIFETIME_MS,
    });
    back.searchParams.set('code', code);
    if (state !== null) back.searchParams.set('state', state);
    redirect(res, back);
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.tokenRequests += 1;
    const fault = faults[0];
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) faults.shift();
      await drain(req);
      if (fault.delayMs) await sleep(fault.delayMs);
      if (res.destroyed) return;
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.rawBody !== undefined) {
        res.writeHead(fault.status, { ...headers, 'content-type': 'text/html' }).end(fault.rawBody);
      } else {
        res.writeHead(fault.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(fault.body ?? {}));
      }
      return;
    }

    const client = authenticateClient(req.headers.authorization);
    if (!client) {
      await drain(req);
      res.setHeader('www-authenticate', 'Basic realm="oauth"');
      return oauthError(res, 401, 'invalid_client', 'Client authentication failed.');
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      await drain(req);
      return oauthError(res, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    const raw = await readBody(req);
    if (raw === null) return oauthError(res, 413, 'invalid_request', 'Request body too large.');
    const form = new URLSearchParams(raw);
    const grantType = form.get('grant_type');

    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      // Single use (RFC 6749 §4.1.2): the code is gone whatever happens next.
      codes.delete(code);
      if (!grant || grant.clientId !== client.clientId || grant.expiresAt <= now()) {
        return oauthError(res, 400, 'invalid_grant', 'The authorization code is invalid, expired or already used.');
      }
      if (form.get('redirect_uri') !== grant.redirectUri) {
        return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
      }
      if (grant.challenge !== null) {
        const verifier = form.get('code_verifier') ?? '';
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || computed !== grant.challenge) {
          return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed.');
        }
      }
      stats.authorizationCodeGrants += 1;
      const refreshToken = opaque();
      const base: TokenGrant = { clientId: client.clientId, principal, scope: grant.scope };
      refreshTokens.set(refreshToken, base);
      return tokenResponse(res, issueAccess(base), base, refreshToken);
    }

    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const grant = refreshTokens.get(presented);
      if (!grant || grant.clientId !== client.clientId) {
        return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid or revoked.');
      }
      stats.refreshGrants += 1;
      let rotated: string | undefined;
      if (options.rotateRefreshTokens) {
        refreshTokens.delete(presented);
        rotated = opaque();
        refreshTokens.set(rotated, grant);
      }
      return tokenResponse(res, issueAccess(grant), grant, rotated);
    }

    return oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token.');
  }

  function issueAccess(grant: TokenGrant): string {
    const accessToken = opaque();
    accessTokens.set(accessToken, { ...grant, expiresAt: now() + lifetime * 1000 });
    return accessToken;
  }

  function tokenResponse(res: ServerResponse, accessToken: string, grant: TokenGrant, refreshToken?: string): void {
    const body: Record<string, unknown> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: lifetime,
      scope: grant.scope,
      principal: grant.principal,
    };
    if (refreshToken) body.refresh_token = refreshToken;
    sendJson(res, 200, body);
  }

  function authenticateClient(header: string | undefined): OAuthClient | null {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
    if (!match?.[1]) return null;
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const client = clients.get(decoded.slice(0, colon));
    if (!client) return null;
    const given = Buffer.from(decoded.slice(colon + 1));
    const expected = Buffer.from(client.clientSecret);
    return given.length === expected.length && timingSafeEqual(given, expected) ? client : null;
  }

  return {
    async handle(req, res, url) {
      if (url.pathname === '/oauth/authorize') {
        if (req.method !== 'GET') {
          res.setHeader('allow', 'GET');
          htmlPage(res, 405, 'Method not allowed.');
        } else {
          authorize(res, url);
        }
        return true;
      }
      if (url.pathname === '/oauth/token') {
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          oauthError(res, 405, 'invalid_request', 'Use POST.');
        } else {
          await token(req, res);
        }
        return true;
      }
      return false;
    },
    verifyAccessToken(accessToken) {
      const grant = accessTokens.get(accessToken);
      if (!grant) return null;
      if (grant.expiresAt <= now()) {
        accessTokens.delete(accessToken);
        return null;
      }
      return { principal: grant.principal, clientId: grant.clientId };
    },
    expireAllAccessTokens() {
      accessTokens.clear();
    },
    revokeAllRefreshTokens() {
      refreshTokens.clear();
    },
    failTokenRequests(f) {
      faults.push({ ...f, times: f.times ?? 1 });
    },
    denyNextAuthorization() {
      denyNext = true;
    },
    get stats() {
      return { ...stats };
    },
  };
}

function opaque(): string {
  return randomBytes(32).toString('base64url');
}

function redirect(res: ServerResponse, to: URL): void {
  res.writeHead(302, { location: to.toString(), 'cache-control': 'no-store' }).end();
}

function htmlPage(res: ServerResponse, status: number, text: string): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'",
    })
    .end(`<!doctype html><title>OAuth</title><p>${text}</p>`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' }).end(JSON.stringify(body));
}

function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}

/** The body as text, or null when it exceeds the limit (the rest is discarded). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) tooBig = true;
    else chunks.push(chunk);
  }
  return tooBig ? null : Buffer.concat(chunks).toString('utf8');
}

async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req as AsyncIterable<Buffer>) {
    // discard
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
