// RingCentral's WebSocket gateway (docs/providers/ringcentral.md, "The gateway"): every frame is
// `[meta, body?]`; a connection opens with ConnectionDetails; the client subscribes with a
// ClientRequest; notifications carry `meta.wsc {token, sequence}`; a dropped session can be
// recovered within `recoveryTimeout` by connecting with `wsc=<token>`: Successful replays what
// the client had not seen (up to `recoveryBufferSize`) and keeps the subscription; Failed opens a
// fresh session without one. Idle and absolute timeouts end a connection with Error frames
// WSG-902 / WSG-903.
//
// The wsc token names the session AND the position, so a client presenting an older token gets
// more replayed: that is why a client must keep the token with the highest sequence.
// Fault switches: drop, half-open, garbage frames, duplicated and reordered notifications.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export type SubscriptionScope = 'extension' | 'account';

const OWN_SESSIONS_FILTER = '/restapi/v1.0/account/~/extension/~/telephony/sessions';
const ACCOUNT_SESSIONS_FILTER = '/restapi/v1.0/account/~/telephony/sessions';

export interface GatewayTimings {
  recoveryTimeoutS: number;
  recoveryBufferSize: number;
  idleTimeoutS: number;
  absoluteTimeoutS: number;
}

export interface GatewayOptions extends GatewayTimings {
  /** The OAuth session behind a ws token (single use when `singleUseTokens`), or null. */
  redeemWsToken(token: string): { oauthSessionId: string; reused: boolean } | null;
  oauthSessionAlive(id: string): boolean;
  ownerExtensionId: string;
  allowAccountWide(): boolean;
  maxPayloadBytes: number;
  /** Put ConnectionDetails and the replay of a successful recovery in one TCP write. */
  replayInSameWrite: boolean;
  now?: () => number;
}

export interface GatewayStats {
  connections: number;
  upgradesRejected: number;
  reusedTokensRejected: number;
  recoveriesSuccessful: number;
  recoveriesFailed: number;
  replayed: number;
  subscriptionsCreated: number;
  subscriptionsDeleted: number;
  notificationsSent: number;
  notificationsBuffered: number;
  heartbeats: number;
  pongsSent: number;
  errorFrames: number;
  badClientFrames: number;
}

export type GarbageKind =
  | 'not-json'
  | 'binary'
  | 'not-array'
  | 'empty-array'
  | 'meta-not-object'
  | 'unknown-type'
  | 'notification-without-body'
  | 'body-not-object'
  | 'session-without-parties'
  | 'bad-utf8'
  | 'oversized';

export const GARBAGE_KINDS: readonly GarbageKind[] = [
  'not-json',
  'binary',
  'not-array',
  'empty-array',
  'meta-not-object',
  'unknown-type',
  'notification-without-body',
  'body-not-object',
  'session-without-parties',
  'bad-utf8',
  'oversized',
];

export interface Gateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** A telephony session body for `extensionId`; delivered to every subscription that covers it. */
  publish(extensionId: string, body: Record<string, unknown>): void;
  deleteSubscription(id: string): boolean;
  subscriptions(): { id: string; scope: SubscriptionScope; connected: boolean }[];
  readonly openSockets: number;
  readonly stats: GatewayStats;
  // faults
  drop(): void;
  halfOpen(on: boolean): void;
  garbage(kind: GarbageKind, bytes?: number): void;
  duplicateNext(n: number): void;
  reorderNext(): void;
  errorFrame(code: 'WSG-902' | 'WSG-903'): void;
  failNextSubscribe(status: number): void;
  /** The next subscription is made at once but its reply is sent only after `ms` (an answer still in flight). */
  delayNextSubscribeReply(ms: number): void;
  /** Recoveries answer Failed (recoveryErrorCode WSG-1005) until switched off. */
  failRecoveries(on: boolean): void;
  shutdown(): Promise<void>;
}

interface Subscription {
  id: string;
  scope: SubscriptionScope;
  filters: string[];
}

interface WsSession {
  key: string;
  oauthSessionId: string;
  seq: number;
  /** Notifications sent, kept for recovery: [sequence, frame text]. */
  buffer: [number, string][];
  subscription: Subscription | null;
  ws: WebSocket | null;
  silenced: boolean;
  droppedAt: number | null;
  expiry: NodeJS.Timeout | null;
  idle: NodeJS.Timeout | null;
  absolute: NodeJS.Timeout | null;
}

export function createGateway(o: GatewayOptions): Gateway {
  const now = o.now ?? Date.now;
  const sessions = new Map<string, WsSession>();
  const stats: GatewayStats = {
    connections: 0,
    upgradesRejected: 0,
    reusedTokensRejected: 0,
    recoveriesSuccessful: 0,
    recoveriesFailed: 0,
    replayed: 0,
    subscriptionsCreated: 0,
    subscriptionsDeleted: 0,
    notificationsSent: 0,
    notificationsBuffered: 0,
    heartbeats: 0,
    pongsSent: 0,
    errorFrames: 0,
    badClientFrames: 0,
  };
  let duplicates = 0;
  let reorder = false;
  let held: { session: WsSession; text: string } | null = null;
  let subscribeFault: number | null = null;
  let subscribeReplyDelayMs = 0;
  let recoveriesFail = false;
  // autoPong off: pongs are sent by hand so the half-open fault can withhold them.
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false, maxPayload: o.maxPayloadBytes });
  wss.on('error', () => undefined);

  const wsc = (s: WsSession): { token: string; sequence: number } => ({ token: `${s.key}.${s.seq}`, sequence: s.seq });

  const rawSend = (s: WsSession, data: string | Buffer, binary = false): void => {
    const ws = s.ws;
    if (!ws || s.silenced || ws.readyState !== ws.OPEN) return;
    ws.send(data, { binary });
  };

  const frame = (s: WsSession, meta: Record<string, unknown>, body?: unknown): string =>
    JSON.stringify(body === undefined ? [{ ...meta, wsc: wsc(s) }] : [{ ...meta, wsc: wsc(s) }, body]);

  const clearTimers = (s: WsSession): void => {
    for (const t of [s.expiry, s.idle, s.absolute]) if (t) clearTimeout(t);
    s.expiry = s.idle = s.absolute = null;
  };

  const forget = (s: WsSession): void => {
    clearTimers(s);
    if (s.subscription) stats.subscriptionsDeleted += 1;
    s.subscription = null;
    sessions.delete(s.key);
  };

  const later = (ms: number, fn: () => void): NodeJS.Timeout => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  };

  const armIdle = (s: WsSession): void => {
    if (s.idle) clearTimeout(s.idle);
    s.idle = later(o.idleTimeoutS * 1000, () => endWithError(s, 'WSG-902', 'Idle timeout'));
  };

  /** An Error frame, then the connection closes; the session cannot be recovered afterwards. */
  const endWithError = (s: WsSession, code: string, message: string): void => {
    stats.errorFrames += 1;
    rawSend(s, frame(s, { type: 'Error', messageId: id() }, { errorCode: code, message }));
    const ws = s.ws;
    forget(s);
    ws?.close(1000, code);
  };

  const newSession = (oauthSessionId: string): WsSession => {
    const s: WsSession = { key: randomBytes(12).toString('base64url'), oauthSessionId, seq: 0, buffer: [], subscription: null, ws: null, silenced: false, droppedAt: null, expiry: null, idle: null, absolute: null };
    sessions.set(s.key, s);
    return s;
  };

  const details = (recovery?: { state: 'Successful' } | { state: 'Failed'; code: string }): Record<string, unknown> => ({
    creationTime: new Date(now()).toISOString(),
    maxConnectionsPerSession: 1,
    recoveryBufferSize: o.recoveryBufferSize,
    recoveryTimeout: o.recoveryTimeoutS,
    idleTimeout: o.idleTimeoutS,
    absoluteTimeout: o.absoluteTimeoutS,
    ...(recovery ? { recoveryState: recovery.state, ...(recovery.state === 'Failed' ? { recoveryErrorCode: recovery.code } : {}) } : {}),
  });

  /** Which session a recovery attempt gets, and what ConnectionDetails says about it. */
  const recover = (token: string, oauthSessionId: string): { session: WsSession; replay: string[]; recovery: { state: 'Successful' } | { state: 'Failed'; code: string } } => {
    const fail = (code: string) => {
      stats.recoveriesFailed += 1;
      return { session: newSession(oauthSessionId), replay: [], recovery: { state: 'Failed' as const, code } };
    };
    if (recoveriesFail) return fail('WSG-1005');
    const dot = token.lastIndexOf('.');
    const s = dot > 0 ? sessions.get(token.slice(0, dot)) : undefined;
    const position = Number(token.slice(dot + 1));
    if (!s || !Number.isInteger(position) || position < 0 || position > s.seq) return fail('WSG-1005');
    // Recovery needs the same OAuth session (refreshed is fine, signed in again is not).
    if (s.oauthSessionId !== oauthSessionId) return fail('WSG-1003');
    if (!s.subscription) return fail('WSG-1005');
    const missed = s.buffer.filter(([seq]) => seq > position);
    const oldest = s.buffer[0]?.[0];
    if (s.seq > position && (oldest === undefined || oldest > position + 1)) return fail('WSG-1006');
    stats.recoveriesSuccessful += 1;
    stats.replayed += missed.length;
    // A session recovered while still attached (the client gave up on a half-open socket first).
    if (s.ws) {
      const old = s.ws;
      s.ws = null;
      old.terminate();
    }
    clearTimers(s);
    return { session: s, replay: missed.map(([, text]) => text), recovery: { state: 'Successful' } };
  };

  const attach = (s: WsSession, ws: WebSocket, replay: string[], recovery?: { state: 'Successful' } | { state: 'Failed'; code: string }): void => {
    stats.connections += 1;
    s.ws = ws;
    s.silenced = false;
    s.droppedAt = null;
    armIdle(s);
    s.absolute = later(o.absoluteTimeoutS * 1000, () => endWithError(s, 'WSG-903', 'Absolute timeout'));
    const sock = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    // One write for ConnectionDetails and the replay: the client's first read holds both, the
    // case RingCentral's own client loses (its listener attaches after ConnectionDetails).
    if (o.replayInSameWrite) sock?.cork();
    rawSend(s, frame(s, { type: 'ConnectionDetails', messageId: id() }, details(recovery)));
    for (const text of replay) rawSend(s, text);
    if (o.replayInSameWrite) process.nextTick(() => sock?.uncork());

    ws.on('ping', (data) => {
      if (s.ws !== ws || s.silenced) return;
      stats.pongsSent += 1;
      ws.pong(data);
    });
    ws.on('message', (data, isBinary) => {
      if (s.ws !== ws || s.silenced) return;
      armIdle(s);
      clientFrame(s, isBinary ? null : data.toString());
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (s.ws !== ws) return;
      s.ws = null;
      s.droppedAt = now();
      clearTimers(s);
      // Within recoveryTimeout the session (and its subscription) can be recovered; after it, gone.
      if (sessions.has(s.key)) s.expiry = later(o.recoveryTimeoutS * 1000, () => forget(s));
    });
  };

  const clientFrame = (s: WsSession, text: string | null): void => {
    let parsed: unknown;
    try {
      parsed = text === null ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    const meta = Array.isArray(parsed) && typeof parsed[0] === 'object' && parsed[0] !== null ? (parsed[0] as Record<string, unknown>) : null;
    if (!meta) {
      stats.badClientFrames += 1;
      return;
    }
    const messageId = typeof meta.messageId === 'string' ? meta.messageId : id();
    if (meta.type === 'Heartbeat') {
      stats.heartbeats += 1;
      rawSend(s, frame(s, { type: 'Heartbeat', messageId }));
      return;
    }
    if (meta.type !== 'ClientRequest') {
      stats.badClientFrames += 1;
      return;
    }
    const reply = (status: number, body: unknown): void => rawSend(s, frame(s, { type: 'ClientRequest', messageId, status, headers: { 'Content-Type': 'application/json' } }, body));
    const path = typeof meta.path === 'string' ? meta.path.replace(/\/+$/, '') : '';
    const body = (parsed as unknown[])[1] as { eventFilters?: unknown } | undefined;
    if (meta.method !== 'POST' || path !== '/restapi/v1.0/subscription') {
      return reply(404, { errorCode: 'CMN-102', message: `Resource for parameter [path] is not found` });
    }
    if (subscribeFault !== null) {
      const status = subscribeFault;
      subscribeFault = null;
      return reply(status, { errorCode: 'CMN-211', message: 'Injected subscription failure' });
    }
    const filters = Array.isArray(body?.eventFilters) ? body.eventFilters.filter((f): f is string => typeof f === 'string') : [];
    const scope: SubscriptionScope | null =
      filters.length === 1 && filters[0] === OWN_SESSIONS_FILTER ? 'extension' : filters.length === 1 && filters[0] === ACCOUNT_SESSIONS_FILTER ? 'account' : null;
    if (!scope) return reply(400, { errorCode: 'SUB-521', message: 'Event filters are not valid' });
    if (scope === 'account' && !o.allowAccountWide()) {
      return reply(403, { errorCode: 'CMN-408', message: 'In order to call this API endpoint, user needs to have [ReadCompanyCalls] permission for requested resource.' });
    }
    // One subscription per connection: a second replaces the first.
    if (s.subscription) stats.subscriptionsDeleted += 1;
    s.subscription = { id: randomBytes(16).toString('hex'), scope, filters };
    stats.subscriptionsCreated += 1;
    const answer = { id: s.subscription.id, status: 'Active', eventFilters: filters, expiresIn: 0, deliveryMode: { transportType: 'WebSocket' } };
    const delay = subscribeReplyDelayMs;
    subscribeReplyDelayMs = 0;
    if (delay > 0) later(delay, () => reply(200, answer));
    else reply(200, answer);
  };

  const deliver = (s: WsSession, text: string): void => {
    if (!s.ws || s.silenced) {
      stats.notificationsBuffered += 1;
      return;
    }
    stats.notificationsSent += 1;
    if (reorder && !held) {
      const h = (held = { session: s, text });
      reorder = false;
      // Late, not lost: if nothing overtakes it soon, it arrives on its own.
      later(250, () => {
        if (held !== h) return;
        held = null;
        rawSend(h.session, h.text);
      });
      return;
    }
    rawSend(s, text);
    if (duplicates > 0) {
      duplicates -= 1;
      rawSend(s, text);
    }
    if (held && held.text !== text) {
      const h = held;
      held = null;
      rawSend(h.session, h.text);
    }
  };

  const live = (): WsSession[] => [...sessions.values()].filter((s) => s.ws);

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rejectWith = (status: number, errorCode: string, message: string): void => {
        stats.upgradesRejected += 1;
        const body = JSON.stringify({ errorCode, message });
        socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      };
      if (url.pathname !== '/ws') return rejectWith(404, 'CMN-102', 'Not found');
      const redeemed = o.redeemWsToken(url.searchParams.get('access_token') ?? '');
      if (!redeemed) return rejectWith(401, 'WSG-401', 'Invalid or expired ws access token');
      if (redeemed.reused) {
        stats.reusedTokensRejected += 1;
        return rejectWith(401, 'WSG-401', 'The ws access token was already used');
      }
      const wscToken = url.searchParams.get('wsc');
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (wscToken) {
          const r = recover(wscToken, redeemed.oauthSessionId);
          attach(r.session, ws, r.replay, r.recovery);
        } else {
          attach(newSession(redeemed.oauthSessionId), ws, []);
        }
      });
    },
    publish(extensionId, body) {
      for (const s of sessions.values()) {
        const sub = s.subscription;
        if (!sub || (sub.scope === 'extension' && extensionId !== o.ownerExtensionId)) continue;
        if (!o.oauthSessionAlive(s.oauthSessionId)) continue;
        s.seq += 1;
        const text = frame(
          s,
          { type: 'ServerNotification', messageId: id() },
          {
            uuid: id(),
            event: sub.scope === 'account' ? `/restapi/v1.0/account/~/telephony/sessions` : `/restapi/v1.0/account/~/extension/${o.ownerExtensionId}/telephony/sessions`,
            timestamp: new Date(now()).toISOString(),
            subscriptionId: sub.id,
            ownerId: o.ownerExtensionId,
            body,
          },
        );
        s.buffer.push([s.seq, text]);
        if (s.buffer.length > o.recoveryBufferSize) s.buffer.shift();
        deliver(s, text);
      }
    },
    deleteSubscription(subId) {
      for (const s of sessions.values()) {
        if (s.subscription?.id === subId) {
          s.subscription = null;
          stats.subscriptionsDeleted += 1;
          return true;
        }
      }
      return false;
    },
    subscriptions: () => [...sessions.values()].flatMap((s) => (s.subscription ? [{ id: s.subscription.id, scope: s.subscription.scope, connected: s.ws !== null }] : [])),
    get openSockets() {
      return live().length;
    },
    get stats() {
      return { ...stats };
    },
    drop() {
      for (const s of live()) s.ws?.terminate();
    },
    halfOpen(on) {
      for (const s of live()) s.silenced = on;
    },
    garbage(kind, bytes = 2 * 1024 * 1024) {
      for (const s of live()) {
        const g = garbageFrame(kind, s, bytes);
        rawSend(s, g.data, g.binary);
      }
    },
    duplicateNext(n) {
      duplicates = Math.max(0, n);
    },
    reorderNext() {
      reorder = true;
    },
    errorFrame(code) {
      for (const s of live()) endWithError(s, code, code === 'WSG-902' ? 'Idle timeout' : 'Absolute timeout');
    },
    failNextSubscribe(status) {
      subscribeFault = status;
    },
    delayNextSubscribeReply(ms) {
      subscribeReplyDelayMs = Math.max(0, ms);
    },
    failRecoveries(on) {
      recoveriesFail = on;
    },
    async shutdown() {
      for (const s of [...sessions.values()]) {
        s.ws?.terminate();
        forget(s);
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  function garbageFrame(kind: GarbageKind, s: WsSession, bytes: number): { data: string | Buffer; binary: boolean } {
    const meta = { type: 'ServerNotification', messageId: id(), wsc: wsc(s) };
    switch (kind) {
      case 'not-json':
        return { data: '<html>502 Bad Gateway</html>', binary: false };
      case 'binary':
        return { data: Buffer.from([0, 1, 2, 3, 255]), binary: true };
      case 'not-array':
        return { data: JSON.stringify({ type: 'ServerNotification' }), binary: false };
      case 'empty-array':
        return { data: '[]', binary: false };
      case 'meta-not-object':
        return { data: JSON.stringify(['ServerNotification', {}]), binary: false };
      case 'unknown-type':
        return { data: JSON.stringify([{ ...meta, type: 'SomethingNew' }, { x: 1 }]), binary: false };
      case 'notification-without-body':
        return { data: JSON.stringify([meta]), binary: false };
      case 'body-not-object':
        return { data: JSON.stringify([meta, 'text']), binary: false };
      case 'session-without-parties':
        return { data: JSON.stringify([meta, { uuid: id(), event: OWN_SESSIONS_FILTER, body: { telephonySessionId: 's-garbage', sequence: 1 } }]), binary: false };
      case 'bad-utf8':
        return { data: Buffer.from([0x5b, 0xff, 0xfe, 0x5d]), binary: false };
      case 'oversized':
        return { data: JSON.stringify([meta, { pad: 'x'.repeat(bytes) }]), binary: false };
    }
  }
}

function id(): string {
  return randomBytes(16).toString('hex');
}
