// The RingCentral sandbox itself, driven with plain fetch and a raw `ws` client (no Ringtray code),
// so the fake is proven to behave as docs/providers/ringcentral.md says before the client is
// tested against it.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createRingCentralSandbox, type RcSandbox, type RcSandboxOptions } from '../../../electron/sandbox/ringcentral/rc-sandbox';

let sandbox: RcSandbox | null = null;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await sandbox?.close();
  sandbox = null;
});

async function start(options: RcSandboxOptions = {}): Promise<RcSandbox> {
  sandbox = await createRingCentralSandbox(options);
  return sandbox;
}

type Frame = [Record<string, unknown>, Record<string, unknown>?];

/** A raw gateway client that records every frame and which socket read (chunk) brought it. */
function connect(url: string): Promise<{ ws: WebSocket; frames: Frame[]; reads: number[]; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    sockets.push(ws);
    const frames: Frame[] = [];
    const reads: number[] = [];
    let read = 0;
    ws.on('upgrade', (res) => {
      res.socket.prependListener('data', () => (read += 1));
    });
    ws.on('message', (data) => {
      frames.push(JSON.parse(data.toString()) as Frame);
      reads.push(read);
    });
    ws.on('open', () => resolve({ ws, frames, reads }));
    ws.on('unexpected-response', (_req, res) => resolve({ ws, frames, reads, status: res.statusCode }));
    ws.on('error', () => undefined);
  });
}

async function wsToken(sb: RcSandbox, access: string): Promise<{ uri: string; ws_access_token: string }> {
  const res = await fetch(`${sb.url}/restapi/oauth/wstoken`, { method: 'POST', headers: { authorization: `Bearer ${access}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as { uri: string; ws_access_token: string };
}

async function subscribe(ws: WebSocket, frames: Frame[], filter = '/restapi/v1.0/account/~/extension/~/telephony/sessions'): Promise<Frame> {
  const messageId = randomBytes(8).toString('hex');
  ws.send(JSON.stringify([{ type: 'ClientRequest', messageId, method: 'POST', path: '/restapi/v1.0/subscription/' }, { eventFilters: [filter], deliveryMode: { transportType: 'WebSocket' } }]));
  await sandbox!.waitFor(() => frames.some((f) => f[0].messageId === messageId));
  return frames.find((f) => f[0].messageId === messageId)!;
}

const notifications = (frames: Frame[]) => frames.filter((f) => f[0].type === 'ServerNotification');

async function token(sb: RcSandbox, form: Record<string, string>, basic?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (basic) headers.authorization = `Basic ${basic}`;
  const res = await fetch(`${sb.url}/restapi/oauth/token`, { method: 'POST', headers, body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function signIn(sb: RcSandbox): Promise<{ access_token: string; refresh_token: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: sb.clientId,
    redirect_uri: sb.redirectUris[0]!,
    state: 's',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const res = await fetch(`${sb.url}/restapi/oauth/authorize?${q}`, { redirect: 'manual' });
  const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
  const t = await token(sb, { grant_type: 'authorization_code', code, redirect_uri: sb.redirectUris[0]!, code_verifier: verifier, client_id: sb.clientId });
  expect(t.status).toBe(200);
  return t.body as { access_token: string; refresh_token: string };
}

describe('RingCentral sandbox: OAuth', () => {
  it('public client: PKCE is required and checked; refresh rotates; the old token repeats the same pair until the new access token is used', async () => {
    const sb = await start({ rotationGraceMs: 0 });
    const noPkce = await fetch(`${sb.url}/restapi/oauth/authorize?response_type=code&client_id=${sb.clientId}&redirect_uri=${encodeURIComponent(sb.redirectUris[0]!)}&state=s`, { redirect: 'manual' });
    expect(new URL(noPkce.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');

    const first = await signIn(sb);
    const r1 = await token(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: sb.clientId });
    expect(r1.status).toBe(200);
    expect(r1.body.refresh_token).not.toBe(first.refresh_token);
    expect(r1.body.refresh_token_expires_in).toBe(604800);
    // Not used yet: presenting the old token again gives the same pair (a crash before storing loses nothing).
    const again = await token(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: sb.clientId });
    expect(again.body.access_token).toBe(r1.body.access_token);
    expect(again.body.refresh_token).toBe(r1.body.refresh_token);
    // Once the new access token is used, the old refresh token is dead.
    await wsToken(sb, r1.body.access_token as string);
    const dead = await token(sb, { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: sb.clientId });
    expect(dead).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(sb.oauth.stats).toMatchObject({ refreshGrants: 1, repeatedRefreshes: 1 });
  });

  it('a secret client authenticates with Basic; a wrong secret is invalid_client', async () => {
    const sb = await start({ clientSecret: 's3cret' });
    const good = Buffer.from(`${sb.clientId}:s3cret`).toString('base64');
    const bad = Buffer.from(`${sb.clientId}:nope`).toString('base64');
    expect((await token(sb, { grant_type: 'refresh_token', refresh_token: 'x' }, bad)).body.error).toBe('invalid_client');
    expect((await token(sb, { grant_type: 'refresh_token', refresh_token: 'x', client_id: sb.clientId })).body.error).toBe('invalid_client');
    expect((await token(sb, { grant_type: 'refresh_token', refresh_token: 'x' }, good)).body.error).toBe('invalid_grant');
  });

  it('an expired refresh token is invalid_grant "Token is expired"; revoke ends the session', async () => {
    const sb = await start();
    const a = await signIn(sb);
    sb.faults.expireRefreshTokens();
    expect((await token(sb, { grant_type: 'refresh_token', refresh_token: a.refresh_token, client_id: sb.clientId })).body).toMatchObject({ error: 'invalid_grant', error_description: 'Token is expired' });
    const b = await signIn(sb);
    const revoked = await fetch(`${sb.url}/restapi/oauth/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: b.refresh_token, client_id: sb.clientId }) });
    expect(revoked.status).toBe(200);
    expect((await fetch(`${sb.url}/restapi/oauth/wstoken`, { method: 'POST', headers: { authorization: `Bearer ${b.access_token}` } })).status).toBe(401);
  });
});

describe('RingCentral sandbox: gateway', () => {
  it('ConnectionDetails first; subscription; telephony events with wsc; heartbeat echoed; a reused ws token is refused', async () => {
    const sb = await start({ recoveryTimeoutS: 30 });
    const access = await sb.issueAccessToken();
    const t = await wsToken(sb, access);
    const c = await connect(`${t.uri}?access_token=${t.ws_access_token}`);
    await sb.waitFor(() => c.frames.length > 0);
    expect(c.frames[0]![0].type).toBe('ConnectionDetails');
    expect(c.frames[0]![1]).toMatchObject({ recoveryTimeout: 30, recoveryBufferSize: 100, idleTimeout: 1800, absoluteTimeout: 86400 });
    const reply = await subscribe(c.ws, c.frames);
    expect(reply[0]).toMatchObject({ type: 'ClientRequest', status: 200 });

    const call = sb.calls.ring();
    sb.calls.answer(call.telephonySessionId);
    sb.calls.ring({ extensionId: sb.extensions[1]!.id }); // a colleague's: not in this subscription
    await sb.waitFor(() => notifications(c.frames).length === 2);
    const [n1, n2] = notifications(c.frames);
    expect((n1![1]!.body as { parties: { status: { code: string } }[] }).parties[0]!.status.code).toBe('Proceeding');
    expect((n2![1]!.body as { sequence: number }).sequence).toBe(2);
    expect((n2![0].wsc as { sequence: number }).sequence).toBeGreaterThan((n1![0].wsc as { sequence: number }).sequence);

    c.ws.send(JSON.stringify([{ type: 'Heartbeat', messageId: 'hb1' }]));
    await sb.waitFor(() => c.frames.some((f) => f[0].type === 'Heartbeat' && f[0].messageId === 'hb1'));

    const reused = await connect(`${t.uri}?access_token=${t.ws_access_token}`);
    expect(reused.status).toBe(401);
    expect(sb.stats.reusedTokensRejected).toBe(1);
  });

  it('recovery within recoveryTimeout: Successful, the missed events replayed in the same read as ConnectionDetails', async () => {
    const sb = await start({ recoveryTimeoutS: 30 });
    const access = await sb.issueAccessToken();
    const t1 = await wsToken(sb, access);
    const a = await connect(`${t1.uri}?access_token=${t1.ws_access_token}`);
    await subscribe(a.ws, a.frames);
    const call = sb.calls.ring();
    await sb.waitFor(() => notifications(a.frames).length === 1);
    const wsc = notifications(a.frames)[0]![0].wsc as { token: string };
    a.ws.terminate();
    await sb.waitFor(() => sb.stats.openSockets === 0);
    sb.calls.answer(call.telephonySessionId);
    sb.calls.hangUp(call.telephonySessionId);

    const t2 = await wsToken(sb, access);
    const b = await connect(`${t2.uri}?access_token=${t2.ws_access_token}&wsc=${encodeURIComponent(wsc.token)}`);
    await sb.waitFor(() => b.frames.length === 3);
    expect(b.frames[0]![1]).toMatchObject({ recoveryState: 'Successful' });
    expect(notifications(b.frames).map((f) => (f[1]!.body as { sequence: number }).sequence)).toEqual([2, 3]);
    expect(new Set(b.reads).size).toBe(1);
  });

  it('recovery fails after recoveryTimeout, with another OAuth session, and on demand', async () => {
    const sb = await start({ recoveryTimeoutS: 0.2 });
    const access = await sb.issueAccessToken();
    const t1 = await wsToken(sb, access);
    const a = await connect(`${t1.uri}?access_token=${t1.ws_access_token}`);
    await subscribe(a.ws, a.frames);
    sb.calls.ring();
    await sb.waitFor(() => notifications(a.frames).length === 1);
    const wsc = (notifications(a.frames)[0]![0].wsc as { token: string }).token;
    a.ws.terminate();
    await sb.waitFor(() => sb.subscriptions().length === 0, { message: 'subscription outlived recoveryTimeout' });
    const t2 = await wsToken(sb, access);
    const b = await connect(`${t2.uri}?access_token=${t2.ws_access_token}&wsc=${encodeURIComponent(wsc)}`);
    await sb.waitFor(() => b.frames.length === 1);
    expect(b.frames[0]![1]).toMatchObject({ recoveryState: 'Failed', recoveryErrorCode: 'WSG-1005' });
  });

  it('Error frames WSG-902/903 close the connection; account-wide subscription refused for a non-admin', async () => {
    const sb = await start({ admin: false });
    const access = await sb.issueAccessToken();
    const t = await wsToken(sb, access);
    const c = await connect(`${t.uri}?access_token=${t.ws_access_token}`);
    const refused = await subscribe(c.ws, c.frames, '/restapi/v1.0/account/~/telephony/sessions');
    expect(refused[0].status).toBe(403);
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    sb.faults.errorFrame('WSG-903');
    expect(await closed).toBe(1000);
    expect(c.frames.at(-1)![1]).toMatchObject({ errorCode: 'WSG-903' });
  });

  it('wstoken honours injected 429 with Retry-After; the call log shows a record only after its delay', async () => {
    const sb = await start({ callLogDelayMs: 150 });
    const access = await sb.issueAccessToken();
    sb.faults.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 429, retryAfterSeconds: 3 });
    const limited = await fetch(`${sb.url}/restapi/oauth/wstoken`, { method: 'POST', headers: { authorization: `Bearer ${access}` } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');

    const call = sb.calls.ring();
    sb.calls.hangUp(call.telephonySessionId);
    const log = async () =>
      ((await (await fetch(`${sb.url}/restapi/v1.0/account/~/extension/~/call-log?telephonySessionId=${call.telephonySessionId}&view=Detailed`, { headers: { authorization: `Bearer ${access}` } })).json()) as { records: { result: string; legs?: unknown[] }[] }).records;
    expect(await log()).toEqual([]);
    await sb.waitFor(async () => (await log()).length === 1);
    expect((await log())[0]).toMatchObject({ result: 'Missed', legs: [expect.anything()] });
  });
});
