// Injected HTTP failures: the next `times` requests whose path starts with `pathPrefix` (and whose
// method matches, when given) get `status` instead of their real answer. This is how tests make a
// channel create answer 503 three times, a subscription 429 with Retry-After, or an API return an
// HTML error page (docs/reliability.md#bad-input, #error-classes-decide-the-path). Rules apply in the
// order they were added; the first match is used up first.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { drain } from './http-io';
import type { TokenFault } from './oauth-backend';

/** An injected answer: the same fields as an OAuth token fault, plus which requests it hits. */
export interface HttpFault extends TokenFault {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pathPrefix: string;
}

export interface HttpFaults {
  add(fault: HttpFault): void;
  /** Answers the request with a pending fault and returns true, or returns false. */
  apply(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  pending(): number;
  clear(): void;
}

export function createHttpFaults(): HttpFaults {
  const rules: (HttpFault & { left: number })[] = [];
  const timers = new Map<NodeJS.Timeout, () => void>();

  return {
    add(fault) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error('failHttp: times must be a positive integer');
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) throw new Error('failHttp: status must be 100–599');
      if (!fault.pathPrefix.startsWith('/')) throw new Error('failHttp: pathPrefix must start with "/"');
      rules.push({ ...fault, left: times });
    },
    async apply(req, res, path) {
      const index = rules.findIndex((r) => path.startsWith(r.pathPrefix) && (r.method === undefined || r.method === req.method));
      const rule = rules[index];
      if (!rule) return false;
      rule.left -= 1;
      if (rule.left <= 0) rules.splice(index, 1);
      await drain(req);
      if (rule.delayMs) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, rule.delayMs);
          timers.set(timer, resolve);
        });
      }
      if (res.destroyed || res.headersSent) return true;
      const headers: Record<string, string> = { 'cache-control': 'no-store' };
      if (rule.retryAfterSeconds !== undefined) headers['retry-after'] = String(rule.retryAfterSeconds);
      if (rule.rawBody !== undefined) {
        res.writeHead(rule.status, { ...headers, 'content-type': 'text/html' }).end(rule.rawBody);
      } else {
        const body = rule.body ?? { errorCode: 'SANDBOX_FAULT', message: `Injected ${rule.status} for ${rule.pathPrefix}` };
        res.writeHead(rule.status, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
      }
      return true;
    },
    pending: () => rules.reduce((n, r) => n + r.left, 0),
    clear() {
      rules.length = 0;
      // A delayed fault answer pending at close is released at once; by then its connection is gone.
      for (const [timer, resolve] of timers) {
        clearTimeout(timer);
        resolve();
      }
      timers.clear();
    },
  };
}
