// Reconnect delays (docs/reliability.md, "Backoff"). Two kinds of wait:
// - `firstRetry()`: a connection that had gone live was lost. Retry at once with a little jitter
//   (0–250 ms), every time, however soon after the previous fault: a dropped socket is usually a
//   blip, and calls must flow again within ~1 s. It does not count as a failure.
// - `next()`: an attempt failed to go live. Exponential with jitter (base 1 s, ×2, capped), so a
//   fleet of clients does not reconnect in lockstep after an outage. A server's Retry-After
//   (429/503) IS the wait: it replaces the computed delay, it is not added to the growth.
// The caller resets the count whenever a connection goes live (see connection-manager.ts for the
// budget that guards against servers that accept and drop at once).

export type JitterMode = 'full' | 'half';

export interface BackoffOptions {
  /** Jitter window of an immediate retry, ms (0–250 ms by default). */
  firstRetryJitterMs?: number;
  /** Delay of the second retry before jitter, ms. */
  baseMs?: number;
  factor?: number;
  /** No delay is ever longer than this (except a server's Retry-After). */
  capMs?: number;
  /** `full`: uniform in [0, d]; `half`: uniform in [d/2, 3d/2] (±50 %), clamped to the cap. */
  jitter?: JitterMode;
  /** [0, 1) — injectable so tests can check the exact sequence. */
  random?: () => number;
}

const DEFAULT_BACKOFF: Required<Omit<BackoffOptions, 'random'>> = {
  firstRetryJitterMs: 250,
  baseMs: 1_000,
  factor: 2,
  capMs: 30_000,
  jitter: 'half',
};

export interface Backoff {
  /** Records one more consecutive failure and returns how long to wait before the next try. */
  next(retryAfterMs?: number): number;
  /** The wait before retrying a lost live connection: 0–jitter ms; the failure count is untouched. */
  firstRetry(): number;
  /** Consecutive failures since the last reset. */
  readonly failures: number;
  reset(): void;
}

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const o = { ...DEFAULT_BACKOFF, ...stripUndefined(options) };
  const random = options.random ?? Math.random;
  let failures = 0;
  return {
    next(retryAfterMs?: number): number {
      failures += 1;
      // The server said when: that is the wait (never stacked on the exponential growth).
      if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return Math.floor(retryAfterMs);
      return delayFor(failures, o, random);
    },
    firstRetry: () => Math.floor(random() * o.firstRetryJitterMs),
    get failures() {
      return failures;
    },
    reset() {
      failures = 0;
    },
  };
}

function delayFor(failure: number, o: typeof DEFAULT_BACKOFF, random: () => number): number {
  if (failure <= 1) return Math.floor(random() * o.firstRetryJitterMs);
  const exponent = Math.min(failure - 2, 30);
  const raw = Math.min(o.capMs, o.baseMs * o.factor ** exponent);
  const jittered = o.jitter === 'full' ? random() * raw : raw * (0.5 + random());
  return Math.floor(Math.min(o.capMs, jittered));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
