import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOAuthBackend, type OAuthBackend } from './oauth-backend';

const CLIENT = { clientId: 'client-1', clientSecret: 's3cret-value', redirectUris: ['http://127.0.0.1:12021/app/redirect'] };
const REDIRECT = CLIENT.redirectUris[0]!;
const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

let server: Server;
let base: string;
let backend: OAuthBackend;
let clock: number;

async function start(opts: { rotate?: boolean } = {}): Promise<void> {
  clock = 1_000_000;
  backend = createOAuthBackend({ clients: [CLIENT], rotateRefreshTokens: opts.rotate, now: () => clock });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    backend.handle(req, res, url).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeEach(async () => start());
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(params: Record<string, string>): Promise<Response> {
  const url = new URL('/oauth/authorize', base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return fetch(url, { redirect: 'manual' });
}

async function getCode(challenge?: string): Promise<string> {
  const res = await authorize({
    response_type: 'code',
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT,
    state: 'st',
    scope: 'a b',
    ...(challenge ? { code_challenge: challenge, code_challenge_method: 'S256' } : {}),
  });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(location.origin + location.pathname).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('st');
  return location.searchParams.get('code')!;
}

async function token(form: Record<string, string>, auth = basic(CLIENT.clientId, CLIENT.clientSecret)): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('oauth-backend', () => {
  it('issues a code, exchanges it once with PKCE, and the access token verifies', async () => {
    const { verifier, challenge } = pkce();
    const code = await getCode(challenge);
    const ok = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'a b', principal: 'user@example.com' });
    expect(typeof ok.body.refresh_token).toBe('string');
    expect(backend.verifyAccessToken(ok.body.access_token as string)).toEqual({ principal: 'user@example.com', clientId: 'client-1' });
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(backend.stats).toEqual({ tokenRequests: 2, authorizationCodeGrants: 1, refreshGrants: 0 });
  });

  it('rejects a wrong or missing PKCE verifier, a different redirect_uri and an expired code', async () => {
    const { challenge } = pkce();
    expect(await token({ grant_type: 'authorization_code', code: await getCode(challenge), redirect_uri: REDIRECT, code_verifier: pkce().verifier })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await token({ grant_type: 'authorization_code', code: await getCode(challenge), redirect_uri: REDIRECT })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await token({ grant_type: 'authorization_code', code: await getCode(), redirect_uri: `${REDIRECT}/` })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const code = await getCode();
    clock += 61_000;
    expect(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(backend.stats.authorizationCodeGrants).toBe(0);
  });

  it('requires Basic client auth and a form body', async () => {
    const code = await getCode();
    expect(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, basic(CLIENT.clientId, 'wrong'))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, '')).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const json = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: basic(CLIENT.clientId, CLIENT.clientSecret), 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    expect(await token({ grant_type: 'password' })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });

  it('does not redirect for an unknown client or an unregistered redirect_uri; redirects access_denied when told', async () => {
    const unknown = await authorize({ response_type: 'code', client_id: 'nope', redirect_uri: REDIRECT, state: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    const badUri = await authorize({ response_type: 'code', client_id: CLIENT.clientId, redirect_uri: 'http://127.0.0.1:12022/app/redirect', state: 'x' });
    expect(badUri.status).toBe(400);
    expect(badUri.headers.get('location')).toBeNull();
    backend.denyNextAuthorization();
    const denied = await authorize({ response_type: 'code', client_id: CLIENT.clientId, redirect_uri: REDIRECT, state: 'x' });
    const location = new URL(denied.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('x');
    expect(location.searchParams.get('code')).toBeNull();
    expect(await getCode()).toMatch(/^[A-Za-z0-9_-]{43}$/); // only the next one was denied
  });

  it('refreshes without a new refresh token by default; expires and revokes on demand', async () => {
    const first = await token({ grant_type: 'authorization_code', code: await getCode(), redirect_uri: REDIRECT });
    const refresh = first.body.refresh_token as string;
    const second = await token({ grant_type: 'refresh_token', refresh_token: refresh });
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).toBeUndefined();
    const access = second.body.access_token as string;
    expect(backend.verifyAccessToken(access)).not.toBeNull();
    clock += 3600_000;
    expect(backend.verifyAccessToken(access)).toBeNull();
    const third = await token({ grant_type: 'refresh_token', refresh_token: refresh });
    backend.expireAllAccessTokens();
    expect(backend.verifyAccessToken(third.body.access_token as string)).toBeNull();
    backend.revokeAllRefreshTokens();
    expect(await token({ grant_type: 'refresh_token', refresh_token: refresh })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(backend.stats.refreshGrants).toBe(2);
  });

  it('rotates refresh tokens when asked: the old one stops working', async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await start({ rotate: true });
    const first = await token({ grant_type: 'authorization_code', code: await getCode(), redirect_uri: REDIRECT });
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string });
    expect(typeof second.body.refresh_token).toBe('string');
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect(await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string })).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await token({ grant_type: 'refresh_token', refresh_token: second.body.refresh_token as string })).status).toBe(200);
  });

  it('answers injected faults for the next N token requests, then recovers', async () => {
    backend.failTokenRequests({ status: 503, body: { error: 'temporarily_unavailable' }, retryAfterSeconds: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/oauth/token`, { method: 'POST' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      await res.text();
    }
    backend.failTokenRequests({ status: 500, rawBody: '<html>oops</html>' });
    const raw = await fetch(`${base}/oauth/token`, { method: 'POST' });
    expect(await raw.text()).toBe('<html>oops</html>');
    expect((await token({ grant_type: 'authorization_code', code: await getCode(), redirect_uri: REDIRECT })).status).toBe(200);
    expect(backend.stats.tokenRequests).toBe(4);
  });

  it('returns false for other paths and 405 for wrong methods', async () => {
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${base}/oauth/token`)).status).toBe(405);
    expect((await fetch(`${base}/oauth/authorize`, { method: 'POST' })).status).toBe(405);
  });
});
