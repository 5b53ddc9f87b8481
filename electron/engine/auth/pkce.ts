// Per-attempt secrets of the loopback flow (RFC 7636, RFC 8252 §8.9): kept in memory only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { registerSecret } from '../log/secret-values';

export interface Pkce {
  /** 32 random bytes, base64url (43 characters). */
  verifier: string;
  /** base64url(SHA-256(verifier)), sent with code_challenge_method=S256. */
  challenge: string;
}

export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  registerSecret(verifier);
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** 256 bits: well above the 128-bit minimum for `state`. */
export function createState(): string {
  const state = randomBytes(32).toString('base64url');
  registerSecret(state);
  return state;
}

/** Constant-time comparison so a stray request cannot probe the state byte by byte. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
