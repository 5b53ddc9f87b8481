// The channel sockets. One socket per channel: a second connection to the same channelURL
// REPLACES the first (the old one is closed with 4000 "replaced", or terminated if it is
// half-open). GoTo does not document this; newest-wins is chosen so a client that gave up on a
// half-open socket and reconnects is served, instead of being locked out by a dead connection the
// server has not noticed yet. Frames for a channel with no socket are lost, as they would be live.
//
// Keepalive: GoTo documents none, so the server never pings; it answers client pings (echoing the
// payload, which GoTo's report sample relies on to match pongs). The half-open fault stops pongs
// and frames on the sockets open at that moment while keeping TCP up, exactly what a dead NAT
// mapping looks like from the client. Sockets opened later are healthy.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../engine/log/logger';
import type { ChannelStore } from './channel-store';

export interface HubStats {
  connectionsAccepted: number;
  upgradesRejected: number;
  pingsReceived: number;
  pongsSent: number;
  framesSent: number;
  framesDropped: number;
  messagesReceived: number;
}

export interface WebSocketHub {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends to the channel's socket. False (and counted as dropped) when there is none or it is half-open. */
  send(channelId: string, data: string | Buffer, binary?: boolean): boolean;
  isConnected(channelId: string): boolean;
  /** Closes the channel's socket with a close frame (channel deleted / expired / to-be-closed). */
  close(channelId: string, code: number, reason: string): void;
  /** Destroys every socket's TCP connection without a close handshake. */
  terminateAll(): void;
  /** `newSockets`: sockets accepted while it is on are silent too (a network that stays dead). */
  setHalfOpen(on: boolean, options?: { newSockets?: boolean }): void;
  /** Non-null: every socket accepted from now on is destroyed this many ms after it opened. */
  setAcceptAndDrop(afterMs: number | null): void;
  readonly openSockets: number;
  readonly stats: HubStats;
  shutdown(): Promise<void>;
}

interface Attached {
  ws: WebSocket;
  silenced: boolean;
}

export function createWebSocketHub(options: { channels: ChannelStore; logger: Logger; maxPayloadBytes: number }): WebSocketHub {
  const log = options.logger;
  let silenceNew = false;
  let dropAfterMs: number | null = null;
  const dropTimers = new Set<NodeJS.Timeout>();
  const stats: HubStats = {
    connectionsAccepted: 0,
    upgradesRejected: 0,
    pingsReceived: 0,
    pongsSent: 0,
    framesSent: 0,
    framesDropped: 0,
    messagesReceived: 0,
  };
  const byChannel = new Map<string, Attached>();
  const all = new Set<WebSocket>();
  // autoPong off: pongs are sent by hand so the half-open fault can withhold them (ws ≥ 8.16).
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false, maxPayload: options.maxPayloadBytes });
  wss.on('error', (error) => log.warn('websocket server error', { error: error.message }));

  const reject = (socket: Duplex, status: number, text: string): void => {
    stats.upgradesRejected += 1;
    const body = JSON.stringify({ errorCode: status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message: text });
    socket.end(
      `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Bad Request'}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    socket.once('finish', () => socket.destroy());
  };

  const attach = (channelId: string, ws: WebSocket): void => {
    stats.connectionsAccepted += 1;
    all.add(ws);
    const previous = byChannel.get(channelId);
    if (previous) {
      log.info('second connection to a channel replaces the first', { channelId });
      if (previous.silenced) previous.ws.terminate();
      else previous.ws.close(4000, 'replaced by a newer connection');
    }
    const entry: Attached = { ws, silenced: silenceNew };
    byChannel.set(channelId, entry);
    if (dropAfterMs !== null) {
      const timer = setTimeout(() => {
        dropTimers.delete(timer);
        ws.terminate();
      }, dropAfterMs);
      timer.unref();
      dropTimers.add(timer);
    }
    ws.on('ping', (data) => {
      stats.pingsReceived += 1;
      if (entry.silenced || ws.readyState !== ws.OPEN) return;
      ws.pong(data);
      stats.pongsSent += 1;
    });
    ws.on('message', () => {
      stats.messagesReceived += 1; // GoTo's channel is one-way; client messages are ignored
    });
    ws.on('error', (error) => log.debug('channel socket error', { channelId, error: error.message }));
    ws.on('close', () => {
      all.delete(ws);
      if (byChannel.get(channelId) === entry) byChannel.delete(channelId);
    });
  };

  return {
    handleUpgrade(req, socket, head) {
      // A raw socket error before the handshake finishes must not become an uncaught exception.
      socket.on('error', (error) => log.debug('upgrade socket error', { error: error.message }));
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://127.0.0.1');
      } catch {
        return reject(socket, 400, 'Malformed URL.');
      }
      const match = /^\/ws\/([^/]+)$/.exec(url.pathname);
      const channel = match?.[1] ? options.channels.get(match[1]) : undefined;
      // A wrong url token answers like an unknown channel: it names nothing the caller may use.
      if (!channel || url.search.slice(1) !== `t=${channel.urlToken}`) return reject(socket, 404, 'Unknown channel.');
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (!options.channels.get(channel.id)) return ws.close(4004, 'channel gone');
        attach(channel.id, ws);
      });
    },
    send(channelId, data, binary = false) {
      const entry = byChannel.get(channelId);
      if (!entry || entry.silenced || entry.ws.readyState !== entry.ws.OPEN) {
        stats.framesDropped += 1;
        return false;
      }
      entry.ws.send(data, { binary });
      stats.framesSent += 1;
      return true;
    },
    isConnected: (channelId) => byChannel.get(channelId)?.ws.readyState === 1,
    close(channelId, code, reason) {
      const entry = byChannel.get(channelId);
      if (!entry) return;
      byChannel.delete(channelId);
      if (entry.silenced) entry.ws.terminate();
      else entry.ws.close(code, reason);
    },
    terminateAll() {
      for (const ws of all) ws.terminate();
    },
    setHalfOpen(on, halfOpenOptions) {
      silenceNew = on && (halfOpenOptions?.newSockets ?? false);
      for (const entry of byChannel.values()) entry.silenced = on;
    },
    setAcceptAndDrop(afterMs) {
      if (afterMs !== null && !(afterMs >= 0 && afterMs <= 60_000)) throw new Error('acceptAndDrop: afterMs must be 0–60,000');
      dropAfterMs = afterMs;
    },
    get openSockets() {
      return all.size;
    },
    get stats() {
      return { ...stats };
    },
    async shutdown() {
      for (const timer of dropTimers) clearTimeout(timer);
      dropTimers.clear();
      for (const ws of all) ws.terminate();
      byChannel.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
