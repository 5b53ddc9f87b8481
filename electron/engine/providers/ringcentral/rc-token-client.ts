// RingCentral's token endpoint (docs/providers/ringcentral.md, "Sign-in"): a form POST; a
// client-side app (no secret) names itself with `client_id` in the form and proves the code with
// PKCE, an app with a secret uses HTTP Basic. Every refresh answer carries a NEW refresh token
// (the old one dies once the new access token is used), and `owner_id` names the signed-in
// extension. Revoke ends the whole sign-in session on RingCentral's side.
import { z } from 'zod';
import type { OAuthTokenClient } from '../../auth/oauth-token-client';
import { tokenResponseSchema, toTokenSet } from '../../auth/token-response';
import { requestJson } from '../../http/json-request';

const rcTokenSchema = tokenResponseSchema.extend({
  owner_id: z.union([z.string().max(100), z.number()]).transform(String).optional(),
  refresh_token_expires_in: z.number().optional(),
});

export interface RcTokenClientOptions {
  tokenUrl: string;
  revokeUrl: string;
  clientId: string;
  /** null: a client-side app, PKCE only. */
  clientSecret: string | null;
  timeoutMs?: number;
  now?: () => number;
}

export interface RcTokenClient extends OAuthTokenClient {
  /** Ends the sign-in session (refresh and access tokens). Throws HttpError. */
  revoke(token: string, timeoutMs?: number): Promise<void>;
}

export function createRcTokenClient(o: RcTokenClientOptions): RcTokenClient {
  const now = o.now ?? Date.now;
  const headers: Record<string, string> = o.clientSecret ? { authorization: `Basic ${Buffer.from(`${o.clientId}:${o.clientSecret}`).toString('base64')}` } : {};
  const form = (fields: Record<string, string>): URLSearchParams => {
    const f = new URLSearchParams(fields);
    if (!o.clientSecret) f.set('client_id', o.clientId);
    return f;
  };
  const post = async (fields: Record<string, string>, signal?: AbortSignal) => {
    const { data } = await requestJson({ method: 'POST', url: o.tokenUrl, headers, body: form(fields), schema: rcTokenSchema, timeoutMs: o.timeoutMs ?? 15_000, signal });
    // The extension id names the keychain entry: one refresh token per signed-in extension.
    return { ...toTokenSet(data, now()), principal: data.owner_id ?? null };
  };
  return {
    exchangeCode: ({ code, redirectUri, codeVerifier, signal }) => post({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: codeVerifier }, signal),
    refresh: (refreshToken, signal) => post({ grant_type: 'refresh_token', refresh_token: refreshToken }, signal),
    async revoke(token, timeoutMs = 5_000) {
      await requestJson({ method: 'POST', url: o.revokeUrl, headers, body: form({ token }), timeoutMs });
    },
  };
}
