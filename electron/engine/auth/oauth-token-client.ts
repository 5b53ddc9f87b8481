// The token-endpoint calls (RFC 6749 §4.1.3, §6; RFC 7009 for revocation): form bodies, and the
// client authenticated the way the provider's OAuthProfile says: HTTP Basic
// `base64(client_id:client_secret)` (sent as is, without form-encoding first, as GoTo's samples
// do), client_id + client_secret as form fields, or a public client (client_id only, PKCE as proof).
import { requestJson } from '../http/json-request';
import { registerSecret } from '../log/secret-values';
import type { OAuthProfile } from '../providers/provider-module';
import { tokenResponseSchema, toTokenSet, type TokenSet } from './token-response';

export interface OAuthClientCredentials {
  tokenUrl: string;
  clientId: string;
  /** Null only for a public client (clientAuth 'none'). */
  clientSecret: string | null;
  /** Default 'basic'. */
  clientAuth?: OAuthProfile['clientAuth'];
  /** The token answer's field naming the signed-in user. */
  userClaim?: string | null;
  revokeUrl?: string | null;
  timeoutMs?: number;
  now?: () => number;
}

export interface OAuthTokenClient {
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string; signal?: AbortSignal }): Promise<TokenSet>;
  refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenSet>;
  /** RFC 7009; does nothing when the provider has no revocation endpoint. */
  revoke(refreshToken: string, timeoutMs?: number): Promise<void>;
}

/** Every method throws only HttpError (json-request.ts); `details.errorCode` carries invalid_grant etc. */
export function createOAuthTokenClient(credentials: OAuthClientCredentials): OAuthTokenClient {
  const now = credentials.now ?? Date.now;
  const clientAuth = credentials.clientAuth ?? 'basic';
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret ?? ''}`).toString('base64');
  registerSecret(credentials.clientSecret);
  if (clientAuth === 'basic') registerSecret(basic);
  const headers: Record<string, string> = clientAuth === 'basic' ? { authorization: `Basic ${basic}` } : {};
  const withClient = (form: Record<string, string>): URLSearchParams => {
    const body = new URLSearchParams(form);
    if (clientAuth !== 'basic') body.set('client_id', credentials.clientId);
    if (clientAuth === 'body' && credentials.clientSecret) body.set('client_secret', credentials.clientSecret);
    return body;
  };
  const post = async (form: Record<string, string>, signal?: AbortSignal): Promise<TokenSet> => {
    const { data } = await requestJson({
      method: 'POST',
      url: credentials.tokenUrl,
      headers,
      body: withClient(form),
      // Loose: the provider's user claim is one of the fields the schema does not list.
      schema: tokenResponseSchema.loose(),
      timeoutMs: credentials.timeoutMs ?? 15_000,
      signal,
    });
    // expiresAt is computed from the local receive time, never from server clocks (docs/reliability.md#tokens).
    return toTokenSet(data, now(), data, credentials.userClaim ?? null);
  };
  return {
    exchangeCode: ({ code, redirectUri, codeVerifier, signal }) => {
      registerSecret(code);
      registerSecret(codeVerifier);
      return post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier }, signal);
    },
    refresh: (refreshToken, signal) => {
      registerSecret(refreshToken);
      return post({ grant_type: 'refresh_token', refresh_token: refreshToken }, signal);
    },
    async revoke(refreshToken, timeoutMs) {
      if (!credentials.revokeUrl) return;
      await requestJson({
        method: 'POST',
        url: credentials.revokeUrl,
        headers,
        body: withClient({ token: refreshToken, token_type_hint: 'refresh_token' }),
        timeoutMs: timeoutMs ?? credentials.timeoutMs ?? 15_000,
      });
    },
  };
}
