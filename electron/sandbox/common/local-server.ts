// The HTTP server every sandbox runs on 127.0.0.1: one origin for OAuth, the API and the event
// sockets. It counts requests by route (paths only: query strings carry codes and tokens), turns
// an ApiError into its JSON answer and anything else into a 500 in the provider's own error shape,
// refuses socket upgrades once closing, and closes in a fixed order: the sandbox's own sockets and
// timers first, then every HTTP connection, then whatever a delayed answer still holds.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { silentLogger, type Logger } from '../../engine/log/logger';
import { ApiError, sendError, sendJson } from './http-io';
import type { Router } from './http-router';

export interface LocalServerOptions {
  /** Names the sandbox in errors and logs, e.g. "GoTo sandbox". */
  name: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Serve HTTPS/WSS with this key and certificate (PEM) instead of plain HTTP: the network tests' TLS server. */
  tls?: SandboxTls;
  logger?: Logger;
  /** Counts requests by route; requests under `oauthPrefix` are counted by their path. */
  router: Pick<Router, 'routeKey'>;
  oauthPrefix: string;
  /** Answers one request; an ApiError thrown here becomes its JSON error answer. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** The body of a 500 answer, in the shape the provider's API uses. */
  internalErrorBody: unknown;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Run once by close(), in this order around closing the HTTP server. */
  onClose?: {
    /** Before: stop generators and timers, shut the socket hub. */
    stopping?: () => Promise<void> | void;
    /** Once every connection is cut, so a delayed answer is abandoned, not sent. */
    connectionsCut?: () => void;
    /** After the server has closed. */
    closed?: () => void;
  };
}

export interface SandboxTls {
  key: string;
  cert: string;
}

export interface LocalServer {
  /** http://127.0.0.1:<port>, or https:// with `tls` */
  readonly origin: string;
  readonly port: number;
  /** Requests so far by `METHOD /route`; 'unmatched' for those no route matches. */
  readonly requests: Readonly<Record<string, number>>;
  /** Idempotent: every call returns the same promise. */
  close(): Promise<void>;
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const log = options.logger ?? silentLogger;
  const requests: Record<string, number> = {};
  let closing: Promise<void> | null = null;

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', (error) => log.debug('request stream error', { error: error.message }));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const key = url.pathname.startsWith(options.oauthPrefix) ? `${method} ${url.pathname}` : (options.router.routeKey(method, url.pathname) ?? 'unmatched');
    requests[key] = (requests[key] ?? 0) + 1;
    log.debug('request', { method, route: key });
    options.handle(req, res, url).catch((error: unknown) => {
      if (error instanceof ApiError) return sendError(res, error);
      log.error('sandbox request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) sendJson(res, 500, options.internalErrorBody);
      else res.destroy();
    });
  };
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (closing) return void socket.destroy();
    options.upgrade(req, socket, head);
  });
  const wanted = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(error.code === 'EADDRINUSE' ? `${options.name}: port ${wanted} on 127.0.0.1 is busy` : `${options.name} could not listen: ${error.message}`));
    });
    server.listen(wanted, '127.0.0.1', () => resolve());
  });
  server.on('error', (error) => log.error('sandbox server error', { error: error.message }));
  const port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  log.info(`${options.name} listening`, { url: origin });

  return {
    origin,
    port,
    requests,
    close() {
      closing ??= (async () => {
        await options.onClose?.stopping?.();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        options.onClose?.connectionsCut?.();
        await closed;
        options.onClose?.closed?.();
        log.info(`${options.name} closed`);
      })();
      return closing;
    },
  };
}
