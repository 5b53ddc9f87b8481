// The token endpoint's answer (RFC 6749 §5.1), validated before anything uses it. Unknown fields
// are ignored; codes and tokens can be up to 4096 characters.
import { z } from 'zod';
import { registerSecret } from '../log/secret-values';

const token = z.string().min(1).max(8192);

export const tokenResponseSchema = z.object({
  access_token: token,
  // RFC 6749 says the value is case-insensitive ("Bearer", "bearer").
  token_type: z
    .string()
    .refine((t) => t.toLowerCase() === 'bearer', 'token_type must be Bearer')
    .optional(),
  refresh_token: token.optional(),
  // Be liberal: some servers send a numeric string.
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().positive().max(10 * 365 * 86400)),
  scope: z.string().optional(),
});

/** The signed-in user, where the provider puts it in the token answer (OAuthProfile.userClaim). */
const userClaimValue = z.union([z.string().min(1).max(320), z.number().int().transform(String)]);

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/** Tokens as the engine keeps them. `receivedAt` is the local clock when the answer arrived. */
export interface TokenSet {
  accessToken: string;
  /** Absent on some providers' refresh answers: keep the old one. */
  refreshToken: string | null;
  expiresInSeconds: number;
  receivedAt: number;
  scope: string | null;
  principal: string | null;
}

/** `raw` is the whole answer: the user claim is read from it when the provider names one. */
export function toTokenSet(body: TokenResponse, receivedAt: number, raw: unknown = {}, userClaim: string | null = null): TokenSet {
  registerSecret(body.access_token);
  registerSecret(body.refresh_token);
  const claim = userClaim && raw && typeof raw === 'object' ? userClaimValue.safeParse((raw as Record<string, unknown>)[userClaim]) : null;
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? null,
    expiresInSeconds: body.expires_in,
    receivedAt,
    scope: body.scope ?? null,
    principal: claim?.success ? claim.data : null,
  };
}
