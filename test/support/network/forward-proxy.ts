// A real forward proxy on loopback (the npm package `proxy`: HTTP CONNECT tunnels, optional
// Basic authentication) that records what it was asked to connect to, so a test can prove a
// request went through it — or, with NO_PROXY, that it did not.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { createProxy } from 'proxy';

/**
 * A proxy address nothing listens on. Port 1, not a port freed a moment ago: that can be taken at
 * once by a server of a test running beside this one, and servers here listen on ephemeral ports
 * only, so nothing is on 1.
 */
export const UNREACHABLE_PROXY = new URL('http://127.0.0.1:1');

export interface ForwardProxy {
  url: URL;
  /** `host:port` of every CONNECT, in order (refused ones included). */
  connects: string[];
  /** CONNECTs answered 407. */
  refused: number;
  /** Cuts every tunnel open right now (the proxy keeps listening). */
  dropTunnels(): void;
  close(): Promise<void>;
}

export async function startForwardProxy(options: { username?: string; password?: string } = {}): Promise<ForwardProxy> {
  const server = createProxy(http.createServer());
  const connects: string[] = [];
  const tunnels = new Set<Socket>();
  const state = { refused: 0 };
  if (options.username !== undefined) {
    const expected = `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`;
    server.authenticate = (req) => {
      const ok = req.headers['proxy-authorization'] === expected;
      if (!ok) state.refused += 1;
      return ok;
    };
  }
  server.prependListener('connect', (req: http.IncomingMessage, socket: Socket) => {
    connects.push(req.url ?? '');
    tunnels.add(socket);
    // The package pipes the server-side socket into the client's (`target.pipe(socket)`), and a
    // pipe does not pass a destroyed client on: close the server side with it, as a real proxy does.
    let upstream: Readable | null = null;
    socket.on('pipe', (source: Readable) => (upstream = source));
    socket.once('close', () => {
      tunnels.delete(socket);
      upstream?.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    connects,
    get refused() {
      return state.refused;
    },
    dropTunnels() {
      for (const socket of tunnels) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of tunnels) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
