// An HTTPS + WebSocket server on 127.0.0.1 (port 0) with a certificate from a throwaway CA:
// GET answers JSON `{ ok: true, path }`; a WebSocket echoes text frames.
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { ThrowawayCa } from '../support/network/throwaway-ca';

export interface TlsEchoServer {
  https: URL;
  wss: URL;
  /** Upgrades that completed (sockets the server accepted). */
  readonly sockets: number;
  close(): Promise<void>;
}

export async function startTlsEchoServer(ca: ThrowawayCa): Promise<TlsEchoServer> {
  const server = https.createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path: req.url }));
  });
  const wss = new WebSocketServer({ server });
  let sockets = 0;
  wss.on('connection', (ws) => {
    sockets += 1;
    ws.on('message', (data) => ws.send(data.toString()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    https: new URL(`https://localhost:${port}`),
    wss: new URL(`wss://localhost:${port}/events`),
    get sockets() {
      return sockets;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
