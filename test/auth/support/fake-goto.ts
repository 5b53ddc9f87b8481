// The fake GoTo authorization server for auth tests: the real oauth-backend on a real node:http
// server on 127.0.0.1, recording every secret that crosses it so tests can prove none leaks.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createOAuthBackend, type OAuthBackend, type OAuthBackendOptions, type OAuthClient } from '../../../electron/sandbox/common/oauth-backend';

export interface FakeGoto {
  backend: OAuthBackend;
  authUrl: string;
  tokenUrl: string;
  /** Every code, verifier, token and client secret seen on the wire. */
  secrets: Set<string>;
  close(): Promise<void>;
}

export async function startFakeGoto(options: Partial<OAuthBackendOptions> & { clients: OAuthClient[] }): Promise<FakeGoto> {
  const backend = createOAuthBackend(options);
  const secrets = new Set<string>(options.clients.map((c) => c.clientSecret));
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let forward: IncomingMessage = req;
      if (url.pathname === '/oauth/token') {
        // Read the form to record its secrets, then hand the backend an identical stream.
        const chunks: Buffer[] = [];
        for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
        const body = Buffer.concat(chunks);
        for (const key of ['code', 'code_verifier', 'refresh_token']) {
          const v = new URLSearchParams(body.toString()).get(key);
          if (v) secrets.add(v);
        }
        forward = Object.assign(Readable.from([body]), { headers: req.headers, method: req.method, url: req.url }) as unknown as IncomingMessage;
        const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => unknown;
        res.end = ((chunk?: unknown, ...rest: unknown[]) => {
          if (typeof chunk === 'string' && chunk.startsWith('{')) {
            const parsed = JSON.parse(chunk) as Record<string, unknown>;
            for (const key of ['access_token', 'refresh_token']) if (typeof parsed[key] === 'string') secrets.add(parsed[key]);
          }
          return end(chunk, ...rest);
        }) as typeof res.end;
      }
      const handled = await backend.handle(forward, res, url);
      if (!handled) res.writeHead(404).end();
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const authUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    backend,
    authUrl,
    tokenUrl: `${authUrl}/oauth/token`,
    secrets,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A port that was free a moment ago (the sign-in listener needs a fixed port, as GoTo registers
 * one), chosen outside the ephemeral range so parallel test files' listen(0) cannot take it.
 */
export { freeLoopbackPort as freePort } from '../../../electron/engine/demo/free-port';

/** True when something accepts TCP connections on 127.0.0.1:port. */
export async function isListening(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
