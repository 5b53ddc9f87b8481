// Injected HTTP failures: the next `times` requests whose path starts with `pathPrefix` (and whose
// method matches, when given) get `status` instead of their real answer. This is how tests make a
// channel create answer 503 three times, a subscription 429 with Retry-After, or an API return an
// HTML error page (docs/reliability.md#bad-input, #error-classes-decide-the-path). Rules apply in the
// order they were added; the first match is used up first. A delay (`delay`) holds the next
// matching requests and then lets the real answer through: a request still in flight when the
// client stops, whose answer arrives after.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { drain } from './http-io';
import type { TokenFault } from './oauth-backend';

/** An injected answer: the same fields as an OAuth token fault, plus which requests it hits. */
export interface HttpFault extends TokenFault {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pathPrefix: string;
}

/** The next `times` (default 1) matching requests get their real answer only after `delayMs`. */
export interface HttpDelay {
  method?: HttpFault['method'];
  pathPrefix: string;
  delayMs: number;
  times?: number;
}

export interface HttpFaults {
  add(fault: HttpFault): void;
  delay(delay: HttpDelay): void;
  /** Answers the request with a pending fault and returns true, or returns false. */
  apply(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
  pending(): number;
  /** Gives every request held by a delay its real answer now (a test releases a hold it timed itself). */
  release(): void;
  clear(): void;
}

export function createHttpFaults(): HttpFaults {
  const rules: (HttpFault & { left: number })[] = [];
  const delays: (HttpDelay & { left: number })[] = [];
  const timers = new Map<NodeJS.Timeout, () => void>();
  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });
  const releaseAll = (): void => {
    for (const [timer, resolve] of timers) {
      clearTimeout(timer);
      resolve();
    }
    timers.clear();
  };
  const matches = (r: { pathPrefix: string; method?: string }, req: IncomingMessage, path: string): boolean =>
    path.startsWith(r.pathPrefix) && (r.method === undefined || r.method === req.method);

  return {
    add(fault) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error('failHttp: times must be a positive integer');
      if (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599) throw new Error('failHttp: status must be 100–599');
      if (!fault.pathPrefix.startsWith('/')) throw new Error('failHttp: pathPrefix must start with "/"');
      rules.push({ ...fault, left: times });
    },
    delay(delay) {
      const times = delay.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error('delayHttp: times must be a positive integer');
      if (!Number.isInteger(delay.delayMs) || delay.delayMs < 0 || delay.delayMs > 600_000) throw new Error('delayHttp: delayMs must be 0–600000');
      if (!delay.pathPrefix.startsWith('/')) throw new Error('delayHttp: pathPrefix must start with "/"');
      delays.push({ ...delay, left: times });
    },
    async apply(req, res, path) {
      const held = delays.findIndex((d) => matches(d, req, path));
      const hold = delays[held];
      if (hold) {
        hold.left -= 1;
        if (hold.left <= 0) delays.splice(held, 1);
        await sleep(hold.delayMs);
        // The real answer follows (the body is still unread), whatever faults were added meanwhile.
        return res.destroyed;
      }
      const index = rules.findIndex((r) => matches(r, req, path));
      const rule = rules[index];
      if (!rule) return false;
      rule.left -= 1;
      if (rule.left <= 0) rules.splice(index, 1);
      await drain(req);
      if (rule.delayMs) await sleep(rule.delayMs);
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
    pending: () => rules.reduce((n, r) => n + r.left, 0) + delays.reduce((n, d) => n + d.left, 0),
    release: releaseAll,
    clear() {
      rules.length = 0;
      delays.length = 0;
      // A delayed fault answer pending at close is released at once; by then its connection is gone.
      releaseAll();
    },
  };
}
