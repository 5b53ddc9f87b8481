// Test helpers for the GoTo sandbox: a real OAuth sign-in, a raw HTTP caller that keeps status
// and body (tests assert error codes, so requestJson's throwing would be in the way), and a
// WebSocket client that records every frame it gets.
import type { TestContext } from 'vitest';
import { WebSocket } from 'ws';
import { createGotoSandbox, type GotoSandbox, type GotoSandboxOptions } from '../../electron/sandbox/goto/goto-sandbox';

const open: GotoSandbox[] = [];
const sockets: WebSocket[] = [];

/** A sandbox that `cleanup()` closes. */
export async function startSandbox(options: GotoSandboxOptions = {}): Promise<GotoSandbox> {
  const sandbox = await createGotoSandbox({ reportDelayMs: 0, ...options });
  open.push(sandbox);
  return sandbox;
}

/**
 * A sandbox closed when the test finishes (its own onTestFinished, not `cleanup()`), for tests that
 * run side by side (`it.concurrent`): closing it also closes the test sockets connected to it.
 */
export async function sandboxFor(test: Pick<TestContext, 'onTestFinished'>, options: GotoSandboxOptions = {}): Promise<GotoSandbox> {
  const sandbox = await createGotoSandbox({ reportDelayMs: 0, ...options });
  test.onTestFinished(() => sandbox.close());
  return sandbox;
}

/** For afterEach: terminates test sockets and closes every sandbox started by the test. */
export async function cleanup(): Promise<void> {
  for (const ws of sockets.splice(0)) ws.terminate();
  await Promise.all(open.splice(0).map((s) => s.close()));
}

/** The authorization-code flow against the sandbox, as the app does it (minus the browser). */
export async function signIn(sandbox: GotoSandbox): Promise<{ accessToken: string; refreshToken: string; principal: string }> {
  const redirectUri = sandbox.redirectUris[0] ?? '';
  const authorize = new URL('/oauth/authorize', sandbox.url);
  authorize.search = new URLSearchParams({ response_type: 'code', client_id: sandbox.clientId, redirect_uri: redirectUri, state: 'st-1' }).toString();
  // redirect: 'manual' — the redirect target is the app's loopback listener, not running here.
  const res = await fetch(authorize, { redirect: 'manual' });
  if (res.status !== 302) throw new Error(`authorize answered ${res.status}`);
  const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const token = await fetch(new URL('/oauth/token', sandbox.url), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  });
  const body = (await token.json()) as { access_token: string; refresh_token: string; principal: string };
  if (token.status !== 200) throw new Error(`token answered ${token.status}`);
  return { accessToken: body.access_token, refreshToken: body.refresh_token, principal: body.principal };
}

export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  body: any;
  text: string;
}

/** One API call with a Bearer token; the body may be an object (JSON) or a raw string. */
export async function call(sandbox: GotoSandbox, token: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body !== undefined) {
    payload = typeof body === 'string' ? body : JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(new URL(path, sandbox.url), { method, headers, body: payload });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export interface Channel {
  channelId: string;
  channelNickname: string;
  channelLifetime: number;
  channelData: { channelType: string; channelURL: string; isConnected: boolean };
}

export async function createChannel(sandbox: GotoSandbox, token: string, nickname = 'ringtray'): Promise<Channel> {
  const res = await call(sandbox, token, 'POST', `/notification-channel/v1/channels/${nickname}`, { channelType: 'WebSockets' });
  if (res.status !== 201) throw new Error(`channel create answered ${res.status}: ${res.text}`);
  return res.body as Channel;
}

export async function subscribeCalls(sandbox: GotoSandbox, token: string, channelId: string, events = ['STARTING', 'ACTIVE', 'ENDING']): Promise<Answer> {
  return call(sandbox, token, 'POST', '/call-events/v1/subscriptions', { channelId, accountKeys: [{ id: sandbox.accountKey, events }] });
}

export async function subscribeReports(sandbox: GotoSandbox, token: string, channelId: string): Promise<Answer> {
  return call(sandbox, token, 'POST', '/call-events-report/v1/subscriptions', {
    channelId,
    accountKeys: [sandbox.accountKey],
    eventTypes: ['REPORT_SUMMARY'],
  });
}

export interface Frame {
  text: string;
  binary: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  json: any;
}

export interface TestSocket {
  ws: WebSocket;
  frames: Frame[];
  closed: Promise<{ code: number; reason: string }>;
  /** Frames whose data.source/data.type match. */
  of(source: string, type?: string): Frame[];
}

/** Opens a WebSocket and records every frame. Rejects with the HTTP status if the upgrade is refused. */
export function connect(url: string, options: { maxPayload?: number } = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { maxPayload: options.maxPayload ?? 100 * 1024 * 1024 });
    sockets.push(ws);
    const frames: Frame[] = [];
    const closed = new Promise<{ code: number; reason: string }>((res) => ws.on('close', (code, reason) => res({ code, reason: reason.toString() })));
    ws.on('message', (data: Buffer, binary) => {
      const text = data.toString('utf8');
      let json: unknown;
      try {
        json = binary ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      frames.push({ text, binary, json });
    });
    ws.on('error', () => undefined);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('open', () =>
      resolve({
        ws,
        frames,
        closed,
        of: (source, type) => frames.filter((f) => f.json?.data?.source === source && (type === undefined || f.json?.data?.type === type)),
      }),
    );
  });
}

/** A signed-in user with a connected, call-subscribed channel: the common starting point. */
export async function liveChannel(
  sandbox: GotoSandbox,
  o: { reports?: boolean; token?: string } = {},
): Promise<{ token: string; channel: Channel; socket: TestSocket }> {
  const token = o.token ?? sandbox.issueAccessToken();
  const channel = await createChannel(sandbox, token);
  const sub = await subscribeCalls(sandbox, token, channel.channelId);
  if (sub.status !== 207) throw new Error(`subscribe answered ${sub.status}`);
  if (o.reports) await subscribeReports(sandbox, token, channel.channelId);
  const socket = await connect(channel.channelData.channelURL);
  return { token, channel, socket };
}
