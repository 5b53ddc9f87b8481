// The loopback sign-in matrix (docs/reliability.md#sign-in): a real fake-GoTo authorization server,
// the real loopback listener on 127.0.0.1, and a "browser" made of fetch calls.
import { request as httpRequest, Agent, createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGotoAuth, type GotoAuth, type GotoSignInOutcome } from '../../electron/engine/providers/goto/goto-auth';
import { resolveGotoConfig, type GotoConfig } from '../../electron/engine/providers/goto/goto-config';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';
import { until } from '../support/until';
import { capturedLogger, leakedSecrets } from './support/captured-log';
import { freePort, isListening, startFakeGoto, type FakeGoto } from './support/fake-goto';

const CLIENT_ID = 'ringtray-test-client';
const CLIENT_SECRET = 'client-secret-3f9a1c7e5b';

let fake: FakeGoto;
let port: number;
let config: GotoConfig;
let log: ReturnType<typeof capturedLogger>;
let store: ReturnType<typeof createMemorySecretStore>;
let auth: GotoAuth | null;
let opened: string[];
let openedWaiters: ((url: string) => void)[];
const extraSecrets = new Set<string>();

beforeEach(async () => {
  port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/app/redirect`;
  fake = await startFakeGoto({ clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }] });
  const resolved = resolveGotoConfig(
    {},
    {
      RINGTRAY_GOTO_AUTH_URL: fake.authUrl,
      RINGTRAY_GOTO_CLIENT_ID: CLIENT_ID,
      RINGTRAY_GOTO_CLIENT_SECRET: CLIENT_SECRET,
      RINGTRAY_GOTO_REDIRECT_URI: redirectUri,
    },
  );
  if (!resolved.ok) throw new Error(resolved.message);
  config = resolved.config;
  log = capturedLogger();
  store = createMemorySecretStore();
  opened = [];
  openedWaiters = [];
  auth = null;
});

afterEach(async () => {
  await auth?.dispose();
  // No secret that crossed the wire (tokens, codes, verifier, state, client secret) is in the log.
  expect(leakedSecrets(log.lines.join('\n'), [...fake.secrets, ...extraSecrets])).toEqual([]);
  extraSecrets.clear();
  await fake.close();
  expect(await isListening(port)).toBe(false);
});

function makeAuth(overrides: { signInTimeoutMs?: number; tokenTimeoutMs?: number; openUrl?: (url: string) => void | Promise<void> } = {}): GotoAuth {
  auth = createGotoAuth({
    config,
    store,
    logger: log.logger,
    signInTimeoutMs: overrides.signInTimeoutMs ?? 20_000,
    tokenTimeoutMs: overrides.tokenTimeoutMs,
    openUrl:
      overrides.openUrl ??
      (async (url) => {
        // The listener must be up before the browser is opened.
        expect(await isListening(port)).toBe(true);
        opened.push(url);
        const u = new URL(url);
        extraSecrets.add(u.searchParams.get('state')!);
        for (const waiter of openedWaiters.splice(0)) waiter(url);
      }),
  });
  return auth;
}

function failed(outcome: GotoSignInOutcome): Extract<GotoSignInOutcome, { ok: false }> {
  if (outcome.ok) throw new Error('expected the sign-in to fail');
  return outcome;
}

function nextOpenedUrl(): Promise<string> {
  return opened[0] ? Promise.resolve(opened[0]) : new Promise((resolve) => openedWaiters.push(resolve));
}

interface Page {
  status: number;
  headers: Headers;
  body: string;
}

async function get(url: string): Promise<Page> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The browser: follows GoTo's authorize 302 to the loopback callback. Returns the callback URL too. */
async function browse(authorizeUrl: string): Promise<{ callback: string; page: Page }> {
  const first = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(first.status).toBe(302);
  const callback = first.headers.get('location')!;
  const code = new URL(callback).searchParams.get('code');
  if (code) extraSecrets.add(code);
  return { callback, page: await get(callback) };
}

/** A raw request with any method and Host header (fetch cannot forge Host). */
function raw(path: string, opts: { method?: string; host?: string; agent?: Agent } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.host ? { host: opts.host } : {}, agent: opts.agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function withParams(authorizeUrl: string, params: string): string {
  const redirect = new URL(new URL(authorizeUrl).searchParams.get('redirect_uri')!);
  return `${redirect.pathname}?${params}`;
}

describe('loopback sign-in', () => {
  it('signs in: state + PKCE S256 in the authorize URL, a safe success page, tokens stored, port closed', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    const url = new URL(await nextOpenedUrl());
    expect(url.origin + url.pathname).toBe(`${fake.authUrl}/oauth/authorize`);
    expect(url.searchParams.get('redirect_uri')).toBe(`http://127.0.0.1:${port}/app/redirect`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('scope')).toBe('call-events.v1.notifications.manage cr.v1.read call-events.v1.events.read users.v1.lines.read');
    expect(Buffer.from(url.searchParams.get('state')!, 'base64url').length).toBeGreaterThanOrEqual(16);

    const { callback, page } = await browse(url.toString());
    expect(page.status).toBe(200);
    expect(page.body).toContain('signed in');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    const cb = new URL(callback);
    expect(page.body).not.toContain(cb.searchParams.get('code')!);
    expect(page.body).not.toContain(cb.searchParams.get('state')!);

    const result = await outcome;
    expect(result.ok).toBe(true);
    expect(result.status).toEqual({ state: 'signed-in', user: 'user@example.com', message: null });
    expect(await isListening(port)).toBe(false);
    expect(fake.backend.stats).toEqual({ tokenRequests: 1, authorizationCodeGrants: 1, refreshGrants: 0 });
    expect(await store.get('goto:refresh-token:user@example.com')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = await a.tokens.getAccessToken();
    expect(fake.backend.verifyAccessToken(token)).toEqual({ principal: 'user@example.com', clientId: CLIENT_ID });
    // Each attempt has fresh state and PKCE.
    const again = a.signIn();
    await until(() => opened.length === 2, 5_000, 'the second sign-in URL');
    const second = new URL(opened[1]!);
    expect(second.searchParams.get('state')).not.toBe(url.searchParams.get('state'));
    expect(second.searchParams.get('code_challenge')).not.toBe(url.searchParams.get('code_challenge'));
    await a.cancelSignIn();
    expect(failed(await again).reason).toBe('cancelled');
  });

  it('wrong, missing and duplicated state: 400 page, the flow stays pending and then succeeds', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    const authorizeUrl = await nextOpenedUrl();
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    for (const params of ['code=abc&state=wrong', 'code=abc', `code=abc&state=${state}&state=${state}`, `code=abc&state=${state.slice(0, -1)}`, `state=${state}`, `state=${state}&code=a&code=b`]) {
      const page = await get(`http://127.0.0.1:${port}${withParams(authorizeUrl, params)}`);
      expect(page.status, params).toBe(400);
      expect(page.body).not.toContain('abc');
    }
    expect(fake.backend.stats.tokenRequests).toBe(0);
    const { page } = await browse(authorizeUrl);
    expect(page.status).toBe(200);
    expect((await outcome).ok).toBe(true);
  });

  it('error=access_denied with a valid state → "Sign-in cancelled." and the port closes', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    fake.backend.denyNextAuthorization();
    const { page } = await browse(await nextOpenedUrl());
    expect(page.body).toContain('Sign-in cancelled.');
    const result = failed(await outcome);
    expect(result).toMatchObject({ ok: false, reason: 'cancelled', message: 'Sign-in cancelled.' });
    expect(result.status.state).toBe('signed-out');
    expect(fake.backend.stats.tokenRequests).toBe(0);
    expect(await isListening(port)).toBe(false);
  });

  it('an unknown error code shows only an allow-listed sentence, never the provider text', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    const authorizeUrl = await nextOpenedUrl();
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    const page = await get(`http://127.0.0.1:${port}${withParams(authorizeUrl, `state=${state}&error=%3Cscript%3Eevil&error_description=Call+0900-EVIL`)}`);
    expect(page.body).not.toMatch(/evil|script|0900/i);
    const result = failed(await outcome);
    expect(result).toMatchObject({ ok: false, reason: 'provider-error', message: 'GoTo could not complete the sign-in. Try again.' });
  });

  it('other paths 404, other methods 405, a foreign Host header is rejected — and the flow still succeeds', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    const authorizeUrl = await nextOpenedUrl();
    const state = new URL(authorizeUrl).searchParams.get('state')!;
    expect((await raw('/favicon.ico')).status).toBe(404);
    expect((await raw('/app/redirect/extra')).status).toBe(404);
    expect((await raw(`/app/redirect?state=${state}&code=x`, { method: 'POST' })).status).toBe(405);
    expect((await raw(`/app/redirect?state=${state}&code=x`, { method: 'DELETE' })).status).toBe(405);
    const foreign = await raw(`/app/redirect?state=${state}&code=x`, { host: `evil.example:${port}` });
    expect(foreign.status).toBe(421);
    expect((await raw(`/app/redirect?state=${state}&code=x`, { host: `localhost:${port}` })).status).toBe(421); // URI says 127.0.0.1
    expect(fake.backend.stats.tokenRequests).toBe(0);
    await browse(authorizeUrl);
    expect((await outcome).ok).toBe(true);
  });

  it('100 junk requests during sign-in, then the real callback still succeeds', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    const authorizeUrl = await nextOpenedUrl();
    const junk = Array.from({ length: 100 }, (_, i) => {
      const kind = i % 5;
      if (kind === 0) return raw(`/x${i}`);
      if (kind === 1) return raw(`/app/redirect?state=junk${i}&code=c${i}`);
      if (kind === 2) return raw('/app/redirect', { method: 'PUT' });
      if (kind === 3) return raw(`/app/redirect?error=access_denied&state=s${i}`);
      return raw('/app/redirect', { host: 'attacker.test' });
    });
    const statuses = (await Promise.all(junk)).map((r) => r.status);
    expect(statuses.filter((s) => s >= 400).length).toBe(100);
    expect(fake.backend.stats.tokenRequests).toBe(0);
    const { page } = await browse(authorizeUrl);
    expect(page.status).toBe(200);
    expect((await outcome).ok).toBe(true);
  });

  it('a second callback after success causes no second exchange', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    const first = await fetch(await nextOpenedUrl(), { redirect: 'manual' });
    const callback = first.headers.get('location')!;
    extraSecrets.add(new URL(callback).searchParams.get('code')!);
    // Two callbacks at once (a double redirect / reload): exactly one exchange.
    const both = await Promise.allSettled([get(callback), get(callback)]);
    const statuses = both.map((r) => (r.status === 'fulfilled' ? r.value.status : 'refused'));
    expect(statuses).toContain(200);
    expect((await outcome).ok).toBe(true);
    // And one after success: the port is closed.
    await expect(get(callback)).rejects.toThrow();
    expect(fake.backend.stats).toMatchObject({ tokenRequests: 1, authorizationCodeGrants: 1 });
    console.log('concurrent duplicate callbacks answered:', statuses);
  });

  it('closes kept-alive browser connections when it is done', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const a = makeAuth();
      const outcome = a.signIn();
      const authorizeUrl = await nextOpenedUrl();
      await Promise.all([raw('/favicon.ico', { agent }), raw('/robots.txt', { agent })]); // idle kept-alive sockets now
      await browse(authorizeUrl);
      const started = Date.now();
      expect((await outcome).ok).toBe(true);
      console.log('result after keep-alive connections closed in', Date.now() - started, 'ms');
    } finally {
      agent.destroy();
    }
  });

  it('user never returns: the timeout ends the attempt and closes the port', async () => {
    const a = makeAuth({ signInTimeoutMs: 300 });
    const result = failed(await a.signIn());
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.message).toMatch(/timed out/);
    expect(result.status.state).toBe('signed-out');
    expect(await isListening(port)).toBe(false);
  });

  it('cancel closes the port, is idempotent, and a late callback finds nothing', async () => {
    const a = makeAuth();
    const outcome = a.signIn();
    const authorizeUrl = await nextOpenedUrl();
    await Promise.all([a.cancelSignIn(), a.cancelSignIn()]);
    await a.cancelSignIn();
    expect(await outcome).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(await isListening(port)).toBe(false);
    const first = await fetch(authorizeUrl, { redirect: 'manual' });
    await expect(get(first.headers.get('location')!)).rejects.toThrow();
    expect(fake.backend.stats.tokenRequests).toBe(0);
  });

  it('a busy port gives a clear message naming the port and how to change it; the browser is not opened', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const a = makeAuth();
      const result = failed(await a.signIn());
      expect(result).toMatchObject({ ok: false, reason: 'port-in-use' });
      expect(result.message).toContain(`Port ${port}`);
      expect(result.message).toContain('RINGTRAY_GOTO_REDIRECT_URI');
      expect(result.message).toContain('Settings');
      expect(opened).toEqual([]);
      console.log('busy-port message:', result.message);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  describe('token endpoint failures end the attempt with a clear message', () => {
    const cases = [
      { name: '400 invalid_grant', fault: { status: 400, body: { error: 'invalid_grant' } }, expect: /did not accept the sign-in code/ },
      { name: '500', fault: { status: 500, body: { error: 'server_error' } }, expect: /had a problem/ },
      { name: 'HTML (non-JSON) 200', fault: { status: 200, rawBody: '<html>maintenance</html>' }, expect: /could not read/ },
      { name: '200 with a wrong shape', fault: { status: 200, body: { access_token: 42 } }, expect: /could not read/ },
      { name: 'slow (past the request timeout)', fault: { status: 200, body: {}, delayMs: 1_500 }, expect: /in time/ },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const a = makeAuth({ tokenTimeoutMs: 500 });
        const outcome = a.signIn();
        const authorizeUrl = await nextOpenedUrl();
        fake.backend.failTokenRequests(c.fault);
        const { page } = await browse(authorizeUrl);
        expect(page.body).toContain('Sign-in failed');
        const result = failed(await outcome);
        expect(result).toMatchObject({ ok: false, reason: 'exchange-failed' });
        expect(result.message).toMatch(c.expect);
        expect(result.status.state).toBe('signed-out');
        expect(store.size).toBe(0);
        expect(await isListening(port)).toBe(false);
      });
    }
  });

  it('a wrong client secret is reported as such', async () => {
    config = { ...config, clientSecretFromEnv: 'not-the-secret-123' };
    extraSecrets.add('not-the-secret-123');
    const a = makeAuth();
    const outcome = a.signIn();
    await browse(await nextOpenedUrl());
    expect(failed(await outcome).message).toMatch(/client id or client secret/);
  });

  it('a missing client secret is a clear state before any port is opened', async () => {
    config = { ...config, clientSecretFromEnv: null };
    const a = makeAuth();
    const result = failed(await a.signIn());
    expect(result).toMatchObject({ ok: false, reason: 'missing-client-secret' });
    expect(result.message).toContain('RINGTRAY_GOTO_CLIENT_SECRET');
    expect(opened).toEqual([]);
  });
});
