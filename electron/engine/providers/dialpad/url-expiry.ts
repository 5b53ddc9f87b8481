// When a websocket_url stops working (docs/providers/dialpad.md): its last path segment is a JWT
// whose `exp` says so. We only read it (no key needed, nothing is trusted from it but the time).
// Dialpad's clock and ours may disagree: when the token also has `iat` and the two clocks are
// more than a few seconds apart, the lifetime (exp − iat) is counted from when we received the
// URL instead of trusting our clock against theirs.
import { decodeJwt } from 'jose';

const SKEW_TOLERANCE_MS = 5_000;

export interface UrlExpiry {
  /** Local clock, ms. */
  expiresAt: number;
  lifetimeMs: number;
}

export function urlExpiry(url: string, receivedAt: number): UrlExpiry | null {
  let exp: number | undefined;
  let iat: number | undefined;
  try {
    const token = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    ({ exp, iat } = decodeJwt(token));
  } catch {
    return null;
  }
  if (typeof exp !== 'number') return null;
  const expMs = exp * 1000;
  if (typeof iat !== 'number') return { expiresAt: expMs, lifetimeMs: Math.max(0, expMs - receivedAt) };
  const lifetimeMs = Math.max(0, expMs - iat * 1000);
  const skew = receivedAt - iat * 1000;
  return { expiresAt: Math.abs(skew) <= SKEW_TOLERANCE_MS ? expMs : receivedAt + lifetimeMs, lifetimeMs };
}

/**
 * When to fetch the next URL: `leadFraction` of the lifetime before expiry, at most 5 minutes
 * before (an hourly URL is renewed at 55 min) and never in the past.
 */
export function renewalDelay(expiry: UrlExpiry, now: number, leadFraction: number): number {
  const lead = Math.min(5 * 60_000, expiry.lifetimeMs * leadFraction);
  return Math.max(0, expiry.expiresAt - lead - now);
}
