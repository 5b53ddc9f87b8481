// The two token-endpoint calls (docs/providers/goto.md#oauth): form body, HTTP Basic client authentication
// (`base64(client_id:client_secret)` as GoTo's samples send it, without form-encoding first).
import { requestJson } from '../http/json-request';
import { registerSecret } from '../log/secret-values';
import { tokenResponseSchema, toTokenSet, type TokenSet } from './token-response';

export interface OAuthClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  now?: () => number;
}

export interface OAuthTokenClient {
  exchangeCode(input: { code: string; redirectUri: string; codeVerifier: string; signal?: AbortSignal }): Promise<TokenSet>;
  refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenSet>;
}

/** Both methods throw only HttpError (json-request.ts); `details.errorCode` carries invalid_grant etc. */
export function createOAuthTokenClient(credentials: OAuthClientCredentials): OAuthTokenClient {
  const now = credentials.now ?? Date.now;
  const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
  registerSecret(credentials.clientSecret);
  registerSecret(basic);
  const authorization = `Basic ${basic}`;
  const post = async (form: URLSearchParams, signal?: AbortSignal): Promise<TokenSet> => {
    const { data } = await requestJson({
      method: 'POST',
      url: credentials.tokenUrl,
      headers: { authorization },
      body: form,
      schema: tokenResponseSchema,
      timeoutMs: credentials.timeoutMs ?? 15_000,
      signal,
    });
    // expiresAt is computed from the local receive time, never from server clocks (docs/reliability.md#tokens).
    return toTokenSet(data, now());
  };
  return {
    exchangeCode: ({ code, redirectUri, codeVerifier, signal }) => {
      registerSecret(code);
      registerSecret(codeVerifier);
      return post(new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier }), signal);
    },
    refresh: (refreshToken, signal) => {
      registerSecret(refreshToken);
      return post(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }), signal);
    },
  };
}
