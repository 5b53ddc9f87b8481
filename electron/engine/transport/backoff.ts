// Reconnect delays (reliability.md, "Backoff"): the first retry at once with a little jitter (a
// dropped socket is usually a blip: the spec wants calls flowing again within ~1 s), then
// exponential with jitter so a fleet of clients does not reconnect in lockstep after an outage.
// The counter is reset by the caller only after a socket stayed healthy (≥ 10 s), so a server that
// accepts and immediately drops us still backs off.

export type JitterMode = 'full' | 'half';

export interface BackoffOptions {
  /** Jitter window of the first retry, ms (0–250 ms by default). */
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

export const DEFAULT_BACKOFF: Required<Omit<BackoffOptions, 'random'>> = {
  firstRetryJitterMs: 250,
  baseMs: 1_000,
  factor: 2,
  capMs: 30_000,
  jitter: 'half',
};

export interface Backoff {
  /** Records one more consecutive failure and returns how long to wait before the next try. */
  next(retryAfterMs?: number): number;
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
      const delay = delayFor(failures, o, random);
      // A server's Retry-After (429/503) wins over a shorter computed delay, never a longer one.
      return retryAfterMs !== undefined && retryAfterMs > delay ? retryAfterMs : delay;
    },
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
