// The token matrix (docs/reliability.md#tokens) against the real fake-GoTo token endpoint and a real
// API server that checks Bearer tokens with the backend.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorizedRequest } from '../../electron/engine/auth/authorized-request';
import { createOAuthTokenClient, type OAuthTokenClient } from '../../electron/engine/auth/oauth-token-client';
import { TokenError } from '../../electron/engine/auth/token-errors';
import { TokenManager, type AuthStatus } from '../../electron/engine/auth/token-manager';
import type { TokenSet } from '../../electron/engine/auth/token-response';
import { HttpError } from '../../electron/engine/http/http-errors';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';
import { SecretStoreError, type SecretStore } from '../../electron/engine/secrets/secret-store';
import { until } from '../support/until';
import { capturedLogger, leakedSecrets } from './support/captured-log';
import { startFakeGoto, type FakeGoto } from './support/fake-goto';

const CLIENT = { clientId: 'cid', clientSecret: 'client-secret-7d1e9b2a', redirectUris: ['http://127.0.0.1:12021/app/redirect'] };
const ACCOUNT = 'goto:refresh-token:user@example.com';

let fake: FakeGoto;
let clock: number;
let client: OAuthTokenClient;
let log: ReturnType<typeof capturedLogger>;
let managers: TokenManager[];

/** A store that records the order of operations and can be made slow or failing. */
function recordingStore(): SecretStore & { ops: string[]; values: Map<string, string>; failSets: number; delayMs: number } {
  const inner = createMemorySecretStore();
  const s = {
    kind: 'memory' as const,
    ops: [] as string[],
    values: new Map<string, string>(),
    failSets: 0,
    delayMs: 0,
    async get(account: string) {
      return inner.get(account);
    },
    async set(account: string, value: string) {
      s.ops.push(`set-start:${value}`);
      if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
      if (s.failSets > 0) {
        s.failSets -= 1;
        s.ops.push('set-failed');
        throw new SecretStoreError('locked', 'The system keychain is locked (test).');
      }
      await inner.set(account, value);
      s.values.set(account, value);
      s.ops.push(`set-done:${value}`);
    },
    async delete(account: string) {
      s.ops.push('delete');
      s.values.delete(account);
      return inner.delete(account);
    },
  };
  return s;
}

async function start(options: { rotate?: boolean; lifetime?: number; serverSkewMs?: number } = {}): Promise<void> {
  clock = 1_700_000_000_000;
  fake = await startFakeGoto({
    clients: [CLIENT],
    rotateRefreshTokens: options.rotate,
    accessTokenLifetimeSeconds: options.lifetime,
    now: () => clock + (options.serverSkewMs ?? 0),
  });
  client = createOAuthTokenClient({ tokenUrl: fake.tokenUrl, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, timeoutMs: 2_000, now: () => clock });
}

/** A real authorization-code grant (no PKCE here; the sign-in tests cover it). */
async function signedInTokens(): Promise<TokenSet> {
  const authorize = new URL('/oauth/authorize', fake.authUrl);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: CLIENT.clientId, redirect_uri: CLIENT.redirectUris[0]!, state: 's' }).toString();
  const res = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
  const verifierless = await fetch(fake.tokenUrl, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CLIENT.redirectUris[0]! }).toString(),
  });
  const body = (await verifierless.json()) as { access_token: string; refresh_token: string; expires_in: number; principal: string };
  return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresInSeconds: body.expires_in, receivedAt: clock, scope: null, principal: body.principal };
}

function manager(store: SecretStore, extra: { persistRetryMs?: number } = {}): { tm: TokenManager; states: AuthStatus[] } {
  const tm = new TokenManager({ provider: 'goto', store, grant: client, now: () => clock, logger: log.logger, random: () => 0.5, ...extra });
  const states: AuthStatus[] = [];
  tm.onState((s) => states.push(s));
  managers.push(tm);
  return { tm, states };
}

const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);
const HOUR = 3600_000;

beforeEach(() => {
  log = capturedLogger();
  managers = [];
});

afterEach(async () => {
  for (const m of managers) m.dispose();
  expect(leakedSecrets(log.lines.join('\n'), fake.secrets)).toEqual([]);
  await fake.close();
});

describe('token manager', () => {
  it('50 concurrent callers share one refresh; the cache is served until expiresAt − margin', async () => {
    await start();
    const { tm } = manager(createMemorySecretStore());
    await tm.acceptSignIn(await signedInTokens());
    const before = fake.backend.stats.tokenRequests;
    await Promise.all(Array.from({ length: 50 }, () => tm.getAccessToken()));
    expect(fake.backend.stats.tokenRequests - before).toBe(0); // fresh token: no request at all
    clock += HOUR - 5 * 60_000 + 1; // margin for a 60-min token is 5 min
    const tokens = await Promise.all(Array.from({ length: 50 }, () => tm.getAccessToken()));
    const used = fake.backend.stats.tokenRequests - before;
    console.log('token requests for 50 concurrent callers:', used);
    expect(used).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(fake.backend.verifyAccessToken(tokens[0]!)).not.toBeNull();
    await tm.getAccessToken();
    expect(fake.backend.stats.tokenRequests - before).toBe(1);
  });

  it('a failed refresh rejects all 50 callers and the next call retries (and succeeds)', async () => {
    await start();
    const { tm, states } = manager(createMemorySecretStore());
    await tm.acceptSignIn(await signedInTokens());
    clock += HOUR;
    fake.backend.failTokenRequests({ status: 500, rawBody: '<html>down</html>' });
    const results = await settle(Array.from({ length: 50 }, () => tm.getAccessToken()));
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof TokenError && r.reason.kind === 'unavailable')).toBe(true);
    expect(fake.backend.stats.refreshGrants).toBe(0);
    expect(fake.backend.stats.tokenRequests).toBe(2); // 1 code grant + 1 failed refresh
    const token = await tm.getAccessToken();
    expect(fake.backend.verifyAccessToken(token)).not.toBeNull();
    expect(fake.backend.stats.tokenRequests).toBe(3);
    expect(states.map((s) => s.state)).toEqual(['signed-in']); // transient failures are not a sign-out
  });

  it('429 with Retry-After: no request until it has passed, then recovers by itself; the refresh token is kept', async () => {
    await start();
    const store = createMemorySecretStore();
    const { tm } = manager(store);
    await tm.acceptSignIn(await signedInTokens());
    clock += HOUR;
    fake.backend.failTokenRequests({ status: 429, body: { error: 'rate_limited' }, retryAfterSeconds: 30 });
    const first = await tm.getAccessToken().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(TokenError);
    const requests = fake.backend.stats.tokenRequests;
    const during = await tm.getAccessToken().catch((e: unknown) => e as TokenError);
    expect((during as TokenError).kind).toBe('unavailable');
    expect((during as TokenError).retryAfterMs).toBe(30_000);
    expect(fake.backend.stats.tokenRequests).toBe(requests); // honoured: nothing sent
    clock += 30_000;
    expect(fake.backend.verifyAccessToken(await tm.getAccessToken())).not.toBeNull();
    expect(await store.get(ACCOUNT)).not.toBeNull();
  });

  it('a failed proactive refresh keeps serving the still-valid token; backoff grows on repeated failures', async () => {
    await start();
    const { tm } = manager(createMemorySecretStore());
    const initial = await signedInTokens();
    await tm.acceptSignIn(initial);
    clock += HOUR - 60_000; // inside the margin, token still valid for 1 min
    fake.backend.failTokenRequests({ status: 503, body: {}, times: 3 });
    expect(await tm.getAccessToken()).toBe(initial.accessToken); // failure 1 (next retry immediate)
    expect(await tm.getAccessToken()).toBe(initial.accessToken); // failure 2 → back off 1 s
    const sent = fake.backend.stats.tokenRequests;
    expect(await tm.getAccessToken()).toBe(initial.accessToken); // within backoff: no request
    expect(fake.backend.stats.tokenRequests).toBe(sent);
    clock += 60_000; // now expired and failing
    expect(await tm.getAccessToken().catch((e: unknown) => (e as TokenError).kind)).toBe('unavailable');
    clock += 10_000;
    expect(fake.backend.verifyAccessToken(await tm.getAccessToken())).not.toBeNull();
  });

  it('rotation: the new refresh token is persisted before the new access token is used', async () => {
    await start({ rotate: true });
    const store = recordingStore();
    store.delayMs = 50;
    const { tm } = manager(store);
    const initial = await signedInTokens();
    await tm.acceptSignIn(initial);
    clock += HOUR;
    const token = await tm.getAccessToken().then((t) => {
      store.ops.push('access-token-used');
      return t;
    });
    const rotated = store.values.get(ACCOUNT)!;
    expect(rotated).not.toBe(initial.refreshToken);
    expect(store.ops).toEqual([`set-start:${initial.refreshToken}`, `set-done:${initial.refreshToken}`, `set-start:${rotated}`, `set-done:${rotated}`, 'access-token-used']);
    expect(fake.backend.verifyAccessToken(token)).not.toBeNull();
  });

  it('rotation with a locked keychain: the new token stays in memory, is used (never the old one), and persisting is retried', async () => {
    await start({ rotate: true });
    const store = recordingStore();
    const { tm, states } = manager(store, { persistRetryMs: 30 });
    const initial = await signedInTokens();
    await tm.acceptSignIn(initial);
    store.failSets = 2;
    clock += HOUR;
    const token = await tm.getAccessToken();
    expect(fake.backend.verifyAccessToken(token)).not.toBeNull();
    expect(tm.current.message).toMatch(/locked/);
    expect(store.values.get(ACCOUNT)).toBe(initial.refreshToken); // not yet replaced
    clock += HOUR; // refresh again: must use the rotated (in-memory) token, the old one is dead
    expect(fake.backend.verifyAccessToken(await tm.getAccessToken())).not.toBeNull();
    await until(() => tm.current.message === null, 10_000, 'the deferred keychain write to succeed');
    expect(tm.current).toEqual({ state: 'signed-in', user: 'user@example.com', message: null });
    const saved = store.values.get(ACCOUNT)!;
    expect(saved).not.toBe(initial.refreshToken);
    // What was saved works (it is the newest one).
    expect((await client.refresh(saved)).accessToken).toBeTruthy();
    expect(states.some((s) => s.message?.includes('locked'))).toBe(true);
  });

  it('invalid_grant: all callers reject, needs-sign-in is emitted exactly once, the refresh token is deleted', async () => {
    await start();
    const store = createMemorySecretStore();
    const { tm, states } = manager(store);
    await tm.acceptSignIn(await signedInTokens());
    fake.backend.revokeAllRefreshTokens();
    clock += HOUR;
    const results = await settle(Array.from({ length: 50 }, () => tm.getAccessToken()));
    expect(results.every((r) => r.status === 'rejected' && (r.reason as TokenError).kind === 'needs-sign-in')).toBe(true);
    const again = await settle([tm.getAccessToken(), tm.forceRefresh()]);
    expect(again.every((r) => r.status === 'rejected' && (r.reason as TokenError).kind === 'needs-sign-in')).toBe(true);
    expect(states.filter((s) => s.state === 'needs-sign-in')).toHaveLength(1);
    expect(fake.backend.stats.tokenRequests).toBe(2);
    await until(() => store.size === 0, 5_000, 'the dead refresh token to be deleted');
  });

  for (const skew of [+10, -10]) {
    it(`server clock ${skew > 0 ? '+' : ''}${skew} min: expiry is computed from local receive time`, async () => {
      await start({ serverSkewMs: skew * 60_000, lifetime: 600 });
      const { tm } = manager(createMemorySecretStore());
      const initial = await signedInTokens();
      await tm.acceptSignIn(initial);
      // 10-min token: margin = min(5 min, 10 %) = 60 s.
      clock += 539_000;
      expect(await tm.getAccessToken()).toBe(initial.accessToken);
      expect(fake.backend.stats.refreshGrants).toBe(0);
      clock += 2_000;
      const next = await tm.getAccessToken();
      expect(next).not.toBe(initial.accessToken);
      expect(fake.backend.stats.refreshGrants).toBe(1);
      expect(fake.backend.verifyAccessToken(next)).not.toBeNull();
    });
  }

  it('keychain unavailable at sign-in: signed in for this run only, told plainly, nothing written anywhere else', async () => {
    await start();
    const failing: SecretStore = {
      kind: 'keychain',
      get: () => Promise.reject(new SecretStoreError('unavailable', 'The system keychain is not available (test).')),
      set: () => Promise.reject(new SecretStoreError('unavailable', 'The system keychain is not available (test).')),
      delete: () => Promise.reject(new SecretStoreError('unavailable', 'The system keychain is not available (test).')),
    };
    const { tm } = manager(failing, { persistRetryMs: 10_000 });
    const status = await tm.acceptSignIn(await signedInTokens());
    expect(status).toEqual({ state: 'signed-in', user: 'user@example.com', message: 'The system keychain is not available (test).' });
    clock += HOUR;
    expect(fake.backend.verifyAccessToken(await tm.getAccessToken())).not.toBeNull(); // the in-memory session works
    await tm.signOut(); // a failing delete is logged, not thrown
    const fresh = manager(failing).tm;
    expect(await fresh.restore('user@example.com')).toEqual({ state: 'signed-out', user: null, message: 'The system keychain is not available (test).' });
  });

  it('restore picks up a saved refresh token and refreshes on first use', async () => {
    await start();
    const store = createMemorySecretStore();
    await manager(store).tm.acceptSignIn(await signedInTokens());
    const { tm, states } = manager(store);
    expect(await tm.restore('user@example.com')).toEqual({ state: 'signed-in', user: 'user@example.com', message: null });
    expect(fake.backend.verifyAccessToken(await tm.getAccessToken())).not.toBeNull();
    expect(fake.backend.stats.refreshGrants).toBe(1);
    expect(await manager(store).tm.restore('someone-else@example.com')).toMatchObject({ state: 'signed-out' });
    await tm.signOut();
    expect(states.map((s) => s.state)).toEqual(['signed-in', 'signed-out']);
    expect(store.size).toBe(0);
  });

  it('sign-out during an in-flight refresh: callers get signed-out and the store holds nothing afterwards', async () => {
    await start({ rotate: true });
    const store = recordingStore();
    const { tm, states } = manager(store);
    await tm.acceptSignIn(await signedInTokens());
    clock += HOUR;
    // A slow refresh answer that carries a rotated refresh token (the worst case: it wants a write).
    fake.backend.failTokenRequests({
      status: 200,
      delayMs: 200,
      body: { access_token: 'late-access-token-123456', token_type: 'Bearer', refresh_token: 'late-refresh-token-123456', expires_in: 3600, principal: 'user@example.com' },
    });
    const requestsBefore = fake.backend.stats.tokenRequests;
    const pending = settle(Array.from({ length: 5 }, () => tm.getAccessToken()));
    await until(() => fake.backend.stats.tokenRequests > requestsBefore, 5_000, 'the refresh to be in flight');
    await tm.signOut();
    const results = await pending;
    expect(results.every((r) => r.status === 'rejected' && (r.reason as TokenError).kind === 'signed-out')).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // well past the slow answer
    expect(store.values.size).toBe(0);
    expect(store.ops.some((op) => op.includes('late-refresh-token'))).toBe(false);
    expect(states.at(-1)?.state).toBe('signed-out');
    await expect(tm.getAccessToken()).rejects.toMatchObject({ kind: 'signed-out' });
  });

  it('sign-out while a rotated token is being written: the delete lands after the write', async () => {
    await start({ rotate: true });
    const store = recordingStore();
    const { tm } = manager(store);
    await tm.acceptSignIn(await signedInTokens());
    store.delayMs = 100;
    clock += HOUR;
    const refreshing = tm.getAccessToken().catch((e: unknown) => e);
    await until(() => store.ops.filter((o) => o.startsWith('set-start')).length >= 2, 5_000, 'the rotated token write to start');
    await tm.signOut();
    expect(await refreshing).toMatchObject({ kind: 'signed-out' });
    expect(store.ops.at(-1)).toBe('delete');
    expect(store.values.size).toBe(0);
  });
});

describe('authorizedRequest', () => {
  let api: Server;
  let apiUrl: string;
  let apiHits: number;
  let always401: boolean;

  beforeEach(async () => {
    apiHits = 0;
    always401 = false;
    api = createServer((req, res) => {
      apiHits += 1;
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const who = token ? fake.backend.verifyAccessToken(token) : null;
      if (!who || always401) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"errorCode":"AUTHN_INVALID_TOKEN"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ principal: who.principal }));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  it('adds the Bearer token; a 401 → one refresh → one retry succeeds (20 concurrent requests, 1 refresh)', async () => {
    await start();
    const { tm } = manager(createMemorySecretStore());
    await tm.acceptSignIn(await signedInTokens());
    expect((await authorizedRequest(tm, { url: `${apiUrl}/users/v1/me` })).data).toEqual({ principal: 'user@example.com' });
    fake.backend.expireAllAccessTokens();
    const results = await Promise.all(Array.from({ length: 20 }, () => authorizedRequest(tm, { url: `${apiUrl}/users/v1/me` })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    console.log('refreshes for 20 concurrent requests after a revoked access token:', fake.backend.stats.refreshGrants);
    expect(fake.backend.stats.refreshGrants).toBe(1);
  });

  it('401 → refresh → 401 stops: exactly one refresh, two API calls, the 401 surfaces', async () => {
    await start();
    const { tm } = manager(createMemorySecretStore());
    await tm.acceptSignIn(await signedInTokens());
    always401 = true;
    const error = await authorizedRequest(tm, { url: `${apiUrl}/users/v1/me` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
    expect(fake.backend.stats.refreshGrants).toBe(1);
    expect(apiHits).toBe(2);
  });

  it('with no session it fails with a TokenError and sends nothing', async () => {
    await start();
    const { tm } = manager(createMemorySecretStore());
    await expect(authorizedRequest(tm, { url: `${apiUrl}/users/v1/me` })).rejects.toMatchObject({ kind: 'signed-out' });
    expect(apiHits).toBe(0);
  });
});
