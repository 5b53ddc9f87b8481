// Dialpad's event sockets (docs/providers/dialpad.md, "Websocket events"): the URL carries a JWT
// that names the websocket and expires (an hour at Dialpad; seconds in tests); connecting with an
// expired or forged token is refused; the server drops every connection when its token expires.
// Several connections may share one websocket (a client renewing its URL holds two for a moment):
// each gets every event. The half-open fault withholds pongs and events on the sockets open at
// that moment while keeping TCP up — what a dead NAT mapping looks like to the client. The
// in-flight fault holds the events of the sockets open now "on the wire" until the client starts
// closing them: they reach the client after it switched to its next socket.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SignJWT, jwtVerify } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../engine/log/logger';

export interface SocketHubStats {
  connectionsAccepted: number;
  upgradesRejected: number;
  droppedAtExpiry: number;
  framesSent: number;
  /** Events for a websocket with no healthy connection (lost, as they would be at Dialpad). */
  framesLost: number;
}

export interface SocketHub {
  /** A websocket_url for `websocketId`, valid `lifetimeSeconds` from now (≤ 0: already expired). */
  mintUrl(origin: string, websocketId: string, lifetimeSeconds: number): Promise<string>;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  send(websocketId: string, text: string): void;
  connections(websocketId: string): number;
  /** The websocket was deleted: its connections are closed. */
  closeWebsocket(websocketId: string): void;
  terminateAll(): void;
  setHalfOpen(on: boolean): void;
  /**
   * Events sent from now on to the sockets open now reach the client only when it starts closing
   * that socket (its close frame arrives; they go out before the answer). `onNextSocket` runs once,
   * when the next socket is accepted.
   */
  holdInFlight(onNextSocket?: () => void): void;
  readonly openSockets: number;
  readonly stats: SocketHubStats;
  shutdown(): Promise<void>;
}

interface Conn {
  ws: WebSocket;
  websocketId: string;
  silenced: boolean;
  /** Frames "on the wire" until the client starts closing (holdInFlight); null: sent at once. */
  held: string[] | null;
  expiry: NodeJS.Timeout;
}

/** True when a chunk of client-to-server bytes holds a close frame (opcode 8). */
function hasCloseFrame(chunk: Buffer): boolean {
  let at = 0;
  while (at + 2 <= chunk.length) {
    if ((chunk[at]! & 0x0f) === 0x08) return true;
    const second = chunk[at + 1]!;
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      if (at + 4 > chunk.length) return false;
      length = chunk.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (at + 10 > chunk.length) return false;
      length = Number(chunk.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (second & 0x80) header += 4;
    at += header + length;
  }
  return false;
}

export interface SocketHubOptions {
  exists: (websocketId: string) => boolean;
  logger: Logger;
  /** The server also ends every connection this long after it opened (Dialpad: an hour). */
  connectionLifetimeMs?: number;
}

export function createSocketHub(options: SocketHubOptions): SocketHub {
  const log = options.logger;
  const key = randomBytes(32);
  const conns = new Set<Conn>();
  let onNextSocket: (() => void) | null = null;
  const stats: SocketHubStats = { connectionsAccepted: 0, upgradesRejected: 0, droppedAtExpiry: 0, framesSent: 0, framesLost: 0 };
  // autoPong off: pongs are sent by hand so the half-open fault can withhold them.
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false, maxPayload: 64 * 1024 });
  wss.on('error', (error) => log.warn('websocket server error', { error: error.message }));

  const reject = (socket: Duplex, status: 401 | 404, text: string): void => {
    stats.upgradesRejected += 1;
    const body = JSON.stringify({ error: { code: status, message: text } });
    socket.end(`HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Unauthorized'}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    socket.once('finish', () => socket.destroy());
  };

  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, websocketId: string, expMs: number): void => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      stats.connectionsAccepted += 1;
      const conn: Conn = {
        ws,
        websocketId,
        silenced: false,
        held: null,
        // Dialpad drops the connection when its URL's token expires (an hour after issue).
        expiry: setTimeout(() => {
          stats.droppedAtExpiry += 1;
          ws.close(1000, 'token expired');
        }, Math.max(0, Math.min(expMs - Date.now(), options.connectionLifetimeMs ?? Number.POSITIVE_INFINITY))),
      };
      conns.add(conn);
      // Ahead of ws's own reader: held frames go out before ws answers the client's close.
      socket.prependListener('data', (chunk: Buffer) => {
        const held = conn.held;
        if (!held || !hasCloseFrame(chunk)) return;
        conn.held = null;
        for (const text of held) if (ws.readyState === ws.OPEN) ws.send(text);
      });
      const next = onNextSocket;
      onNextSocket = null;
      next?.();
      ws.on('ping', (data) => {
        if (!conn.silenced) ws.pong(data);
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        clearTimeout(conn.expiry);
        conns.delete(conn);
      });
    });
  };

  return {
    async mintUrl(origin, websocketId, lifetimeSeconds) {
      const nowS = Date.now() / 1000;
      const token = await new SignJWT({ ws: websocketId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt(Math.floor(nowS))
        .setExpirationTime(Math.floor(nowS + lifetimeSeconds))
        .sign(key);
      return `${origin.replace(/^http/, 'ws')}/events/${token}`;
    },
    handleUpgrade(req, socket, head) {
      socket.on('error', () => undefined);
      const match = /^\/events\/([^/?]+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
      if (!match?.[1]) return reject(socket, 404, 'Unknown path.');
      jwtVerify(match[1], key, { algorithms: ['HS256'] }).then(
        ({ payload }) => {
          const websocketId = typeof payload.ws === 'string' ? payload.ws : '';
          if (!options.exists(websocketId)) return reject(socket, 404, 'The websocket does not exist.');
          accept(req, socket, head, websocketId, (payload.exp ?? 0) * 1000);
        },
        () => reject(socket, 401, 'The token is invalid or expired.'),
      );
    },
    send(websocketId, text) {
      let sent = false;
      for (const conn of conns) {
        if (conn.websocketId !== websocketId || conn.silenced || conn.ws.readyState !== conn.ws.OPEN) continue;
        if (conn.held) conn.held.push(text);
        else conn.ws.send(text);
        stats.framesSent += 1;
        sent = true;
      }
      if (!sent) stats.framesLost += 1;
    },
    connections: (websocketId) => [...conns].filter((c) => c.websocketId === websocketId && !c.silenced).length,
    closeWebsocket(websocketId) {
      for (const conn of conns) if (conn.websocketId === websocketId) conn.ws.close(1000, 'websocket deleted');
    },
    terminateAll() {
      for (const conn of conns) conn.ws.terminate();
    },
    setHalfOpen(on) {
      for (const conn of conns) conn.silenced = on;
    },
    holdInFlight(next) {
      for (const conn of conns) conn.held ??= [];
      onNextSocket = next ?? null;
    },
    get openSockets() {
      return conns.size;
    },
    stats,
    async shutdown() {
      for (const conn of conns) {
        clearTimeout(conn.expiry);
        conn.ws.terminate();
      }
      conns.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
