// What a caller of getAccessToken() can get instead of a token. Callers decide by `kind`.
export type TokenErrorKind =
  | 'signed-out' // nobody is signed in (or sign-out happened while this request waited)
  | 'needs-sign-in' // the provider rejected the refresh token (invalid_grant/invalid_client): sign in again
  | 'unavailable' // transient: network, timeout, 5xx, 429, keychain hiccup — retry after `retryAfterMs`
  | 'misconfigured'; // e.g. no client secret: the user must fix settings

export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly kind: TokenErrorKind,
    message: string,
    /** For `unavailable`: the earliest time worth asking again, in ms from now. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Thrown by a grant function when the OAuth client itself is not usable (missing secret …). */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

export const signedOutMessage = (provider: string): string => `Not signed in to ${provider}.`;
export const needsSignInMessage = (provider: string): string => `Your ${provider} sign-in has expired or was revoked. Sign in again.`;
