// Dialpad's OAuth 2.0 (docs/providers/dialpad.md, "Access"): GET /oauth2/authorize (auto-approved
// here: 302 back with code and state), POST /oauth2/token (authorization_code with PKCE, or
// refresh_token; client id and secret in the form body or HTTP Basic; no secret for a public
// client) and POST /oauth2/deauthorize (revokes a grant's tokens, 204). Codes are single-use
// and PKCE S256 is checked, stricter than a real server needs to be, so the client is tested
// against the stricter behaviour.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readText, sendEmpty, sendJson } from '../common/http-io';

export interface DialpadOAuthOptions {
  clientId: string;
  /** null: a public client (PKCE only). */
  clientSecret: string | null;
  redirectUris: string[];
  userId: string;
  accessTokenLifetimeSeconds: number;
}

export interface DialpadOAuth {
  /** True when it answered (an /oauth2/ path). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** The user behind a live access token, or null. */
  verify(token: string): string | null;
  expireAccessTokens(): void;
  readonly stats: { codeGrants: number; refreshGrants: number; revocations: number };
}

interface Grant {
  userId: string;
  refreshToken: string;
}

const CODE_LIFETIME_MS = 60_000;
const opaque = (): string => randomBytes(24).toString('base64url');
const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function createDialpadOAuth(options: DialpadOAuthOptions): DialpadOAuth {
  const codes = new Map<string, { redirectUri: string; challenge: string | null; expiresAt: number }>();
  const access = new Map<string, Grant & { expiresAt: number }>();
  const refresh = new Map<string, Grant>();
  const stats = { codeGrants: 0, refreshGrants: 0, revocations: 0 };

  const oauthError = (res: ServerResponse, status: number, error: string, description: string): void =>
    sendJson(res, status, { error, error_description: description });

  const issue = (res: ServerResponse, userId: string, refreshToken = opaque()): void => {
    const token = opaque();
    const grant = { userId, refreshToken };
    access.set(token, { ...grant, expiresAt: Date.now() + options.accessTokenLifetimeSeconds * 1000 });
    refresh.set(refreshToken, grant);
    sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: options.accessTokenLifetimeSeconds, refresh_token: refreshToken });
  };

  const authorize = (res: ServerResponse, q: URLSearchParams): void => {
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== options.clientId || !options.redirectUris.includes(redirectUri)) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Unknown client_id or redirect_uri.' });
    }
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    const challenge = q.get('code_challenge');
    const badPkce = challenge !== null && (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge));
    if (q.get('response_type') !== 'code' || badPkce || (challenge === null && options.clientSecret === null)) {
      back.searchParams.set('error', 'invalid_request');
    } else {
      const code = opaque();
      codes.set(code, { redirectUri, challenge, expiresAt: Date.now() + CODE_LIFETIME_MS });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' }).end();
  };

  const clientAuthenticated = (req: IncomingMessage, form: URLSearchParams): boolean => {
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const [u, ...p] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      id = u ?? null;
      secret = p.join(':');
    }
    if (id !== options.clientId) return false;
    return options.clientSecret === null || (secret !== null && same(secret, options.clientSecret));
  };

  const token = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readText(req));
    if (!clientAuthenticated(req, form)) return oauthError(res, 401, 'invalid_client', 'Client authentication failed.');
    if (form.get('grant_type') === 'authorization_code') {
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant || grant.expiresAt < Date.now() || grant.redirectUri !== form.get('redirect_uri')) {
        return oauthError(res, 400, 'invalid_grant', 'The code is invalid, used or expired.');
      }
      const verifier = form.get('code_verifier');
      if (grant.challenge !== null && (!verifier || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)) {
        return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed.');
      }
      stats.codeGrants += 1;
      return issue(res, options.userId);
    }
    if (form.get('grant_type') === 'refresh_token') {
      const grant = refresh.get(form.get('refresh_token') ?? '');
      if (!grant) return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid or revoked.');
      stats.refreshGrants += 1;
      return issue(res, grant.userId, grant.refreshToken);
    }
    return oauthError(res, 400, 'unsupported_grant_type', 'Use authorization_code or refresh_token.');
  };

  // Either the caller's Bearer access token, or RFC 7009's form `token` (a refresh or access
  // token): every token of that grant stops working.
  const deauthorize = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const form = new URLSearchParams(await readText(req));
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? form.get('token') ?? '';
    const refreshToken = access.get(token)?.refreshToken ?? (refresh.has(token) ? token : null);
    if (bearer && !refreshToken) return oauthError(res, 401, 'invalid_token', 'The access token is invalid.');
    if (refreshToken) {
      for (const [t, g] of access) if (g.refreshToken === refreshToken) access.delete(t);
      refresh.delete(refreshToken);
      stats.revocations += 1;
    }
    sendEmpty(res, 204);
  };

  return {
    async handle(req, res, url) {
      if (url.pathname === '/oauth2/authorize' && req.method === 'GET') authorize(res, url.searchParams);
      else if (url.pathname === '/oauth2/token' && req.method === 'POST') await token(req, res);
      else if (url.pathname === '/oauth2/deauthorize' && req.method === 'POST') await deauthorize(req, res);
      else return false;
      return true;
    },
    verify(t) {
      const grant = access.get(t);
      return grant && grant.expiresAt > Date.now() ? grant.userId : null;
    },
    expireAccessTokens() {
      access.clear();
    },
    stats,
  };
}
