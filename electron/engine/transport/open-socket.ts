// Creating one `ws` client socket with the options every provider needs. Kept apart from the
// connection manager so the manager reads as a state machine, not as socket plumbing.
import WebSocket from 'ws';
import { parseRetryAfter } from '../http/http-errors';
import type { Connection } from '../net/network';
import { NetworkProblemError, RequestWatch } from '../net/network-errors';
import { FatalConnectionError, UpgradeRejectedError } from './transport-errors';

export interface DialTarget {
  url: string;
  headers?: Record<string, string>;
  protocols?: string[];
}

export interface SocketHandlers {
  open(): void;
  message(data: WebSocket.RawData, isBinary: boolean): void;
  pong(): void;
  /** A handshake or socket error; `close` always follows. */
  error(error: Error): void;
  close(code: number, reason: string): void;
}

export interface OpenSocketOptions {
  maxPayload: number;
  /** How long a polite close waits for the server's close frame before ws destroys the socket. */
  closeTimeoutMs: number;
  /** How to reach the URL (direct or through the proxy) and whom to trust: from the network port. */
  connection?: Connection;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Call events and the URL's own credentials travel on this socket: only `wss:` is accepted, and
 * `ws:` only to this machine (the sandboxes and tests). A provider handing out anything else is
 * refused as fatal rather than connected to in clear (docs/security.md, "Socket URLs").
 */
export function insecureSocketUrl(raw: string): FatalConnectionError | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return new FatalConnectionError('The provider gave Ringtray a call-events address it cannot read.');
  }
  if (url.protocol === 'wss:') return null;
  if (url.protocol === 'ws:' && LOOPBACK.has(url.hostname)) return null;
  return new FatalConnectionError(`The provider gave Ringtray an insecure call-events address (${url.protocol}//${url.hostname}); Ringtray only connects with wss:.`);
}

/** Opens the socket; never throws (a bad URL arrives as `error` + `close` on the next tick). */
export function openSocket(target: DialTarget, options: OpenSocketOptions, on: SocketHandlers): WebSocket | Error {
  const refused = insecureSocketUrl(target.url);
  if (refused) return refused;
  const connection = options.connection;
  const watch = connection ? new RequestWatch(new URL(target.url), connection.route) : null;
  // `closeTimeout` (ws ≥ 8.18) bounds how long a polite close can hold the socket, and
  // `secureContext` reaches tls.connect; @types/ws does not list them, hence the widened type.
  const clientOptions: WebSocket.ClientOptions & { closeTimeout: number; secureContext: Connection['secureContext'] } = {
    headers: target.headers,
    agent: connection?.agent,
    secureContext: connection?.secureContext,
    // The upgrade request is followed like a REST request, to name a proxy or certificate failure.
    finishRequest: (request) => {
      watch?.attach(request);
      request.end();
    },
    maxPayload: options.maxPayload,
    closeTimeout: options.closeTimeoutMs,
    // No compression: call frames are small, and inflate is a memory-amplification risk.
    perMessageDeflate: false,
  };
  let ws: WebSocket;
  try {
    ws = new WebSocket(target.url, target.protocols ?? [], clientOptions);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  let rejected: Error | null = null;
  // ws emits 'unexpected-response' when the server answers the upgrade with plain HTTP (429/503
  // from a load balancer, 401 for a stale token). Listening to it means we must end the request
  // ourselves; we read Retry-After first so the backoff can honour it.
  ws.on('unexpected-response', (_req, res) => {
    const header = res.headers['retry-after'];
    const refusal = watch?.proxyRefusal(res.statusCode ?? 0) ?? null;
    if (refusal) rejected = 'kind' in refusal ? new NetworkProblemError(refusal) : new Error(refusal.other);
    else rejected = new UpgradeRejectedError(res.statusCode ?? 0, parseRetryAfter(Array.isArray(header) ? (header[0] ?? null) : (header ?? null)));
    res.resume();
    ws.terminate();
  });
  ws.on('open', () => {
    watch?.answered();
    on.open();
  });
  ws.on('message', (data, isBinary) => on.message(data, isBinary));
  ws.on('pong', () => on.pong());
  ws.on('error', (error: NodeJS.ErrnoException) => {
    const problem = watch?.problemOf(error);
    on.error(rejected ?? (problem ? new NetworkProblemError(problem) : error));
  });
  ws.on('close', (code, reason) => {
    // After a protocol error ws sends the matching close code (1009 for a frame over maxPayload)
    // but stops reading, so its own 'close' only says 1006; report the code that was sent.
    on.close(closeCodeForError(lastError) ?? code, reason.toString('utf8'));
  });
  let lastError: Error | null = null;
  ws.on('error', (error) => {
    lastError = error;
  });
  return ws;
}

const PROTOCOL_ERROR_CODES: Record<string, number> = {
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
  WS_ERR_INVALID_UTF8: 1007,
};

function closeCodeForError(error: Error | null): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? PROTOCOL_ERROR_CODES[code] : undefined;
}

export function rawToText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export function rawLength(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}
