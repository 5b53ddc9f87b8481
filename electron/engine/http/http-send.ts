import http from 'node:http';
import https from 'node:https';
import { connectionFor, type Connection } from '../net/network';
import { RequestWatch, type NetworkProblem } from '../net/network-errors';

// One HTTP exchange on node:http with keep-alive agents. Ringtray's REST traffic is small JSON
// to two hosts; node:http allocates far less per request than fetch (no Request, Response,
// Headers or web-stream objects), which keeps GC pauses — the tail of notice latency while
// reports are being fetched — short (docs/benchmarks.md). Idle pooled sockets are unref'd by
// the agent, so they never keep the process alive, and the agent honours a server's
// `Keep-Alive: timeout` hint before reusing one. The agent — direct, or a tunnel through the
// proxy — and the trust store come from the network port (docs/network.md).

/** Larger bodies are refused: GoTo's answers are a few KB; a runaway proxy page is not read whole. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface SendRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface SendResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    readonly kind: 'network' | 'timeout',
    message: string,
    /** Set when the user can act on it: proxy unreachable or refusing, certificate not trusted. */
    readonly problem: NetworkProblem | null = null,
  ) {
    super(message);
  }
}

export function send(req: SendRequest): Promise<SendResponse> {
  return new Promise((resolve, reject) => {
    let request: http.ClientRequest | null = null;
    let settled = false;
    const finish = (error: SendError | null, response?: SendResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      request?.destroy();
      if (error) reject(error);
      else resolve(response as SendResponse);
    };
    // The timeout and the abort cover asking the network port for a route too.
    const timer = setTimeout(() => finish(new SendError('timeout', `no answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    const onAbort = () => finish(new SendError('network', 'aborted'));
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    connectionFor(req.url, 'rest').then(
      (connection) => {
        if (!settled) request = exchange(req, connection, finish);
      },
      (error: unknown) => finish(new SendError('network', `no route: ${error instanceof Error ? error.message : String(error)}`)),
    );
  });
}

function exchange(req: SendRequest, connection: Connection, finish: (error: SendError | null, response?: SendResponse) => void): http.ClientRequest {
  const client = req.url.protocol === 'https:' ? https : http;
  const watch = new RequestWatch(req.url, connection.route);
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  // `secureContext` reaches tls.connect (directly or through the tunnel); @types/node leaves it
  // out of the request options, hence the widened type.
  const options: https.RequestOptions & { secureContext?: Connection['secureContext'] } = { method: req.method, headers, agent: connection.agent, secureContext: connection.secureContext };
  const request = client.request(req.url, options, (response) => {
    const refusal = watch.proxyRefusal(response.statusCode ?? 0);
    if (refusal) {
      response.resume();
      finish('kind' in refusal ? problemError(refusal) : new SendError('network', refusal.other));
      return;
    }
    watch.answered();
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) {
        finish(new SendError('network', `answer larger than ${MAX_RESPONSE_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => finish(null, { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
    response.on('error', (error) => finish(new SendError('network', error.message)));
  });
  watch.attach(request);
  // First, so a destroy() (abort, timeout, size cap) never emits an unhandled 'error'.
  request.on('error', (error: NodeJS.ErrnoException) => {
    const problem = watch.problemOf(error);
    finish(problem ? problemError(problem) : new SendError('network', error.code ? `${error.code} ${error.message}` : error.message));
  });
  request.end(req.body);
  return request;
}

function problemError(problem: NetworkProblem): SendError {
  return new SendError('network', problem.message, problem);
}
