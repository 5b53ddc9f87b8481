// GoTo's documented rate limit (docs/providers/goto.md#oauth): 10 requests per second per API, 429 when
// exceeded, `Retry-After` maybe present. Off unless a sandbox option turns it on, so tests that
// burst requests on purpose are not throttled by accident. "Per API" is read as per first path
// segment (`users`, `notification-channel`, `call-events`, `call-events-report`).

export interface RateLimiter {
  /** True when the request may proceed; false when it should get 429. */
  allow(path: string, now?: number): boolean;
}

export function createRateLimiter(perSecond: number): RateLimiter {
  if (!(perSecond > 0)) throw new Error('rateLimitPerSecond must be positive');
  const windows = new Map<string, number[]>();
  return {
    allow(path, now = Date.now()) {
      const api = path.split('/')[1] ?? '';
      const recent = (windows.get(api) ?? []).filter((t) => now - t < 1000);
      const ok = recent.length < perSecond;
      if (ok) recent.push(now);
      windows.set(api, recent);
      return ok;
    },
  };
}
