// The Dialpad sandbox against plain HTTP and ws clients: what the provider code relies on.
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createDialpadSandbox, type DialpadSandbox } from './dialpad-sandbox';

// Answers are read loosely here: each assertion names the field it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let sandbox: DialpadSandbox;
afterEach(async () => sandbox?.close());

async function api(path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${init.token ?? sandbox.apiKey}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json, headers: res.headers };
}

async function subscribed(secret?: string): Promise<{ websocketId: string; subscriptionId: string; url: string }> {
  const ws = await api('/api/v2/websockets', { method: 'POST', body: secret ? { secret } : {} });
  expect(ws.status).toBe(200);
  const sub = await api('/api/v2/subscriptions/call', {
    method: 'POST',
    body: { endpoint_id: ws.body.id, call_states: ['ringing', 'connected', 'hangup', 'missed', 'voicemail'], target_type: 'user', target_id: sandbox.user.id, enabled: true },
  });
  expect(sub.status).toBe(200);
  return { websocketId: ws.body.id, subscriptionId: sub.body.id, url: ws.body.websocket_url };
}

function connect(url: string): Promise<{ ws: WebSocket; frames: string[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const frames: string[] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (data) => frames.push(data.toString()));
    ws.on('open', () => resolve({ ws, frames, closed }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('Dialpad sandbox', () => {
  it('signs in with authorization code + PKCE as a public client, refreshes, and revokes', async () => {
    sandbox = await createDialpadSandbox();
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirect = sandbox.redirectUris[0]!;
    const authorize = new URL('/oauth2/authorize', sandbox.url);
    Object.entries({ client_id: sandbox.clientId, redirect_uri: redirect, response_type: 'code', state: 'st', code_challenge: challenge, code_challenge_method: 'S256' }).forEach(([k, v]) => authorize.searchParams.set(k, v));
    const res = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('st');
    const form = (f: Record<string, string>) => fetch(`${sandbox.url}/oauth2/token`, { method: 'POST', body: new URLSearchParams(f) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Json }));
    const code = back.searchParams.get('code')!;
    expect((await form({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: sandbox.clientId, code_verifier: 'wrong'.repeat(10) })).status).toBe(400);
    // Codes are single-use even after a failed attempt: get a new one.
    const again = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const tokens = await form({ grant_type: 'authorization_code', code: again, redirect_uri: redirect, client_id: sandbox.clientId, code_verifier: verifier });
    expect(tokens.status).toBe(200);
    expect((await api('/api/v2/users/me', { token: tokens.body.access_token })).body.id).toBe(sandbox.user.id);
    const refreshed = await form({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: sandbox.clientId });
    expect(refreshed.status).toBe(200);
    const revoke = await fetch(`${sandbox.url}/oauth2/deauthorize`, { method: 'POST', headers: { authorization: `Bearer ${refreshed.body.access_token}` } });
    expect(revoke.status).toBe(204);
    expect((await api('/api/v2/users/me', { token: refreshed.body.access_token })).status).toBe(401);
    expect((await form({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: sandbox.clientId })).status).toBe(400);
    // RFC 7009 style: the refresh token in the form body revokes its grant too.
    const code3 = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const third = await form({ grant_type: 'authorization_code', code: code3, redirect_uri: redirect, client_id: sandbox.clientId, code_verifier: verifier });
    const revoked = await fetch(`${sandbox.url}/oauth2/deauthorize`, { method: 'POST', body: new URLSearchParams({ token: third.body.refresh_token, token_type_hint: 'refresh_token', client_id: sandbox.clientId }) });
    expect(revoked.status).toBe(204);
    expect((await api('/api/v2/users/me', { token: third.body.access_token })).status).toBe(401);
    expect(sandbox.oauth.stats.revocations).toBe(2);
  });

  it('wants the client secret when the app has one (form body or Basic)', async () => {
    sandbox = await createDialpadSandbox({ clientSecret: 'app-secret' });
    const redirect = sandbox.redirectUris[0]!;
    const code = async () => new URL((await fetch(`${sandbox.url}/oauth2/authorize?client_id=${sandbox.clientId}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code`, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) => fetch(`${sandbox.url}/oauth2/token`, { method: 'POST', headers, body: new URLSearchParams(body) }).then((r) => r.status);
    expect(await post({ grant_type: 'authorization_code', code: await code(), redirect_uri: redirect, client_id: sandbox.clientId })).toBe(401);
    expect(await post({ grant_type: 'authorization_code', code: await code(), redirect_uri: redirect, client_id: sandbox.clientId, client_secret: 'app-secret' })).toBe(200);
    const basic = `Basic ${Buffer.from(`${sandbox.clientId}:app-secret`).toString('base64')}`;
    expect(await post({ grant_type: 'authorization_code', code: await code(), redirect_uri: redirect }, { authorization: basic })).toBe(200);
  });

  it('hands out fresh expiring URLs, refuses expired ones and drops the socket at expiry', async () => {
    sandbox = await createDialpadSandbox({ urlLifetimeSeconds: 2 });
    const { websocketId, url } = await subscribed();
    const claims = decodeJwt(url.split('/events/')[1]!);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(2);
    const fresh = await api(`/api/v2/websockets/${websocketId}`);
    expect(fresh.body.websocket_url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/events\//);
    const conn = await connect(fresh.body.websocket_url);
    expect(await conn.closed).toBe(1000);
    expect(sandbox.stats.droppedAtExpiry).toBe(1);
    await expect(connect(url)).rejects.toThrow('upgrade 401');
    sandbox.faults.routes.expiredUrls = 1;
    const expired = await api(`/api/v2/websockets/${websocketId}`);
    expect(decodeJwt(expired.body.websocket_url.split('/events/')[1]).exp! * 1000).toBeLessThan(Date.now());
    await expect(connect(expired.body.websocket_url)).rejects.toThrow('upgrade 401');
  });

  it('sends plain JSON without a secret and HS256 JWTs with one; forged signatures on demand', async () => {
    sandbox = await createDialpadSandbox();
    const plain = await subscribed();
    const signed = await subscribed('shared-secret-value');
    const a = await connect(plain.url);
    const b = await connect(signed.url);
    const id = sandbox.calls.ring();
    await sandbox.waitFor(() => a.frames.length === 1 && b.frames.length === 1);
    expect(JSON.parse(a.frames[0]!)).toMatchObject({ call_id: id, state: 'ringing', direction: 'inbound', target: { id: sandbox.user.id } });
    const { payload } = await jwtVerify(b.frames[0]!, new TextEncoder().encode('shared-secret-value'));
    expect(payload).toMatchObject({ call_id: id, state: 'ringing' });
    sandbox.faults.events.badSignatures = 1;
    sandbox.calls.answer(id);
    await sandbox.waitFor(() => b.frames.length === 2);
    await expect(jwtVerify(b.frames[1]!, new TextEncoder().encode('shared-secret-value'))).rejects.toThrow();
    a.ws.close();
    b.ws.close();
  });

  it('keeps queue legs on one master id, lists only concluded calls, and can refuse the list', async () => {
    sandbox = await createDialpadSandbox();
    const master = sandbox.calls.newQueueCall();
    const first = sandbox.calls.ring({ masterCallId: master });
    sandbox.calls.end(first, 'missed');
    const second = sandbox.calls.ring({ masterCallId: master });
    const list = await api('/api/v2/call');
    expect(list.body.items.map((c: Json) => c.call_id)).toEqual([first]);
    expect(list.body.items[0]).toMatchObject({ master_call_id: master, entry_point_call_id: master, date_connected: null });
    sandbox.calls.answer(second);
    sandbox.calls.end(second);
    const again = await api(`/api/v2/call?started_after=${Date.now() - 60_000}&target_id=${sandbox.user.id}`);
    expect(again.body.items.map((c: Json) => c.call_id)).toEqual([second, first]);
    expect((await api(`/api/v2/call/${second}`)).body).toMatchObject({ was_recorded: true, master_call_id: master });
    sandbox.faults.routes.callListForbidden = true;
    expect((await api('/api/v2/call')).status).toBe(403);
  });

  it('answers 404 for deleted resources and 429 with Retry-After on create', async () => {
    sandbox = await createDialpadSandbox();
    const { websocketId, subscriptionId } = await subscribed();
    sandbox.faults.deleteSubscription(subscriptionId);
    expect((await api(`/api/v2/subscriptions/call/${subscriptionId}`)).status).toBe(404);
    expect((await api(`/api/v2/websockets/${websocketId}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/api/v2/websockets/${websocketId}`)).status).toBe(404);
    sandbox.faults.routes.createLimited = { times: 1, retryAfterSeconds: 7 };
    const limited = await api('/api/v2/websockets', { method: 'POST', body: {} });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await api('/api/v2/websockets', { method: 'POST', body: {} })).status).toBe(200);
  });
});
