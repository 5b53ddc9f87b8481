// Every REST failure becomes one of these typed errors, so callers decide by class
// (docs/reliability.md#error-classes-decide-the-path) instead of parsing messages, and nothing escapes as an
// unhandled rejection.
import type { NetworkProblem } from '../net/network-errors';

export type HttpErrorKind =
  | 'network' // connection refused/reset, DNS: transient
  | 'timeout' // no answer within the request timeout: transient
  | 'status' // a non-2xx answer: see `status`
  | 'bad-response'; // a 2xx answer we could not read (not JSON, wrong shape)

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    readonly details: {
      method: string;
      /** Path only: query strings can carry codes and tokens. */
      path: string;
      status?: number;
      /** Seconds, from a Retry-After header on 429/503. */
      retryAfterSeconds?: number;
      /** RFC 6749 / provider error code from a JSON error body, e.g. `invalid_grant`. */
      errorCode?: string;
      /** A network failure the user can act on (proxy, certificate): docs/network.md. */
      problem?: NetworkProblem;
    },
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** Worth retrying later with backoff: network, timeout, 408, 429 and 5xx. */
  get transient(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    const s = this.details.status;
    return s !== undefined && (s === 408 || s === 429 || s >= 500);
  }
}

/** Parses a Retry-After header (delta-seconds or HTTP date) into seconds, capped at 10 min. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), 600);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, Math.ceil((date - now) / 1000)), 600);
}
