import http from 'node:http';
import https from 'node:https';

// One HTTP exchange on node:http with keep-alive agents. Ringtray's REST traffic is small JSON
// to two hosts; node:http allocates far less per request than fetch (no Request, Response,
// Headers or web-stream objects), which keeps GC pauses — the tail of notice latency while
// reports are being fetched — short (docs/benchmarks.md). Idle pooled sockets are unref'd by
// the agent, so they never keep the process alive, and the agent honours a server's
// `Keep-Alive: timeout` hint before reusing one.

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

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
  ) {
    super(message);
  }
}

export function send(req: SendRequest): Promise<SendResponse> {
  return new Promise((resolve, reject) => {
    const protocol = req.url.protocol === 'https:' ? 'https:' : 'http:';
    const client = protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (error: SendError | null, response?: SendResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(response as SendResponse);
    };
    const headers: Record<string, string> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const request = client.request(req.url, { method: req.method, headers, agent: agents[protocol] }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          request.destroy();
          finish(new SendError('network', `answer larger than ${MAX_RESPONSE_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => finish(null, { status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', (error) => finish(new SendError('network', error.message)));
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish(new SendError('timeout', `no answer within ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    const onAbort = () => {
      request.destroy();
      finish(new SendError('network', 'aborted'));
    };
    // First, so a destroy() below (abort, timeout, size cap) never emits an unhandled 'error'.
    request.on('error', (error: NodeJS.ErrnoException) => finish(new SendError('network', error.code ? `${error.code} ${error.message}` : error.message)));
    if (req.signal?.aborted) return onAbort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(req.body);
  });
}
