// A real WebSocket server on 127.0.0.1 (port 0) whose behaviour each test steers: reject the
// upgrade with a status, hold it unanswered, stop answering pings, push frames, drop clients.
// It counts connections so tests can check "one socket at a time" from the server's side.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

export type UpgradeDecision =
  | { action: 'accept' }
  | { action: 'reject'; status: number; headers?: Record<string, string> }
  | { action: 'hold' };

export interface TestServerOptions {
  /** false: the server never answers pings (a half-open peer). */
  autoPong?: boolean;
  decide?: (upgradeIndex: number, req: IncomingMessage) => UpgradeDecision;
}

export interface TestServer {
  url: string;
  /** Connections open right now (server side). */
  readonly open: number;
  /** Highest number of simultaneously open connections seen. */
  readonly maxOpen: number;
  /** Upgrade requests seen (accepted, rejected or held). */
  readonly upgrades: number;
  /** Accepted connections, in order. */
  readonly clients: WebSocket[];
  nextConnection(): Promise<WebSocket>;
  terminateAll(): void;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  const http: Server = createServer((_req, res) => res.writeHead(426).end());
  const held = new Set<Duplex>();
  const clients: WebSocket[] = [];
  let open = 0;
  let maxOpen = 0;
  let upgrades = 0;
  let waiters: ((ws: WebSocket) => void)[] = [];

  http.on('upgrade', (req, socket, head) => {
    const decision = options.decide?.(upgrades, req) ?? { action: 'accept' };
    upgrades += 1;
    socket.on('error', () => undefined);
    if (decision.action === 'reject') {
      const headers = Object.entries(decision.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.end(`HTTP/1.1 ${decision.status} Rejected\r\n${headers}Content-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    if (decision.action === 'hold') {
      held.add(socket);
      // The upgrade socket is half-open capable: close our side when the client gives up.
      socket.on('end', () => socket.destroy());
      socket.on('close', () => held.delete(socket));
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      clients.push(ws);
      ws.on('error', () => undefined);
      ws.on('close', () => {
        open -= 1;
      });
      const ready = waiters;
      waiters = [];
      for (const w of ready) w(ws);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;

  return {
    url: `ws://127.0.0.1:${port}/ws`,
    get open() {
      return open;
    },
    get maxOpen() {
      return maxOpen;
    },
    get upgrades() {
      return upgrades;
    },
    clients,
    nextConnection: () => new Promise((resolve) => waiters.push(resolve)),
    terminateAll() {
      for (const ws of wss.clients) ws.terminate();
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      for (const s of held) s.destroy();
      wss.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

export { activeHandles, sleep, until } from '../support/until';
