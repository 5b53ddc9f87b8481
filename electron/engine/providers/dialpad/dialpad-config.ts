// Dialpad's settings and environment (docs/providers/dialpad.md, "Credentials"): env wins over
// saved settings. An API key (RINGTRAY_DIALPAD_API_KEY, or the one saved in the keychain) is used
// unless an OAuth client id is set; an OAuth app sends its secret only when one is given.
import { z } from 'zod';
import { loopbackRedirectSchema, type LoopbackRedirect } from '../../auth/loopback-redirect';

export const DIALPAD_ENV = {
  clientId: 'RINGTRAY_DIALPAD_CLIENT_ID',
  clientSecret: 'RINGTRAY_DIALPAD_CLIENT_SECRET',
  apiUrl: 'RINGTRAY_DIALPAD_API_URL',
  redirectUri: 'RINGTRAY_DIALPAD_REDIRECT_URI',
  apiKey: 'RINGTRAY_DIALPAD_API_KEY',
  userId: 'RINGTRAY_DIALPAD_USER_ID',
} as const;

export const DEFAULT_DIALPAD_API_URL = 'https://dialpad.com';
export const DEFAULT_DIALPAD_REDIRECT_URI = 'http://127.0.0.1:12031/callback';

export type DialpadAccess = { kind: 'api-key'; keyFromEnv: string | null } | { kind: 'oauth'; clientId: string; clientSecretFromEnv: string | null; redirect: LoopbackRedirect };

export interface DialpadConfig {
  apiUrl: string;
  access: DialpadAccess;
  /** The user to watch, when set by hand; else the credential's own user. */
  userId: string | null;
}

const apiUrlSchema = z
  .string()
  .trim()
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost'));
    } catch {
      return false;
    }
  }, 'The Dialpad API base must be an https:// URL (http:// only on this machine), e.g. https://dialpad.com')
  .transform((v) => v.replace(/\/+$/, ''));
const idSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{0,100}$/, 'A Dialpad id is letters and digits only');

/** settings.providers.dialpad: what Settings saves (no secrets: the API key goes to the keychain). */
export const dialpadSettingsSchema = z.object({
  apiUrl: apiUrlSchema,
  clientId: idSchema,
  /** Empty, or a loopback URI (checked fully by resolve when an OAuth app is used). */
  redirectUri: z
    .string()
    .trim()
    .max(2_000)
    .regex(/^(|http:\/\/(127\.0\.0\.1|localhost):\d{1,5}\/\S*)$/, 'The redirect URI must look like http://127.0.0.1:12031/callback'),
  userId: idSchema,
});

export type DialpadResolve = { ok: true; config: DialpadConfig } | { ok: false; message: string; problems: string[] };

export function resolveDialpadConfig(settings: Readonly<Record<string, string | undefined>>, env: Readonly<Record<string, string | undefined>>): DialpadResolve {
  const pick = (envName: string, key: string, fallback = ''): string => (env[envName]?.trim() || settings[key]?.trim() || fallback);
  const problems: string[] = [];
  const apiUrl = apiUrlSchema.safeParse(pick(DIALPAD_ENV.apiUrl, 'apiUrl', DEFAULT_DIALPAD_API_URL));
  if (!apiUrl.success) problems.push(apiUrl.error.issues[0]?.message ?? 'The Dialpad API base is not valid.');
  const userId = idSchema.safeParse(pick(DIALPAD_ENV.userId, 'userId'));
  if (!userId.success) problems.push('The Dialpad user id is letters and digits only.');
  const clientId = idSchema.safeParse(pick(DIALPAD_ENV.clientId, 'clientId'));
  if (!clientId.success) problems.push('The Dialpad client id is letters and digits only.');
  const apiKey = env[DIALPAD_ENV.apiKey]?.trim() || null;
  let access: DialpadAccess | null = null;
  if (apiKey || !clientId.success || clientId.data === '') {
    access = { kind: 'api-key', keyFromEnv: apiKey };
  } else {
    const redirect = loopbackRedirectSchema('Dialpad').safeParse(pick(DIALPAD_ENV.redirectUri, 'redirectUri', DEFAULT_DIALPAD_REDIRECT_URI));
    if (!redirect.success) problems.push(redirect.error.issues[0]?.message ?? 'The redirect URI is not valid.');
    else access = { kind: 'oauth', clientId: clientId.data, clientSecretFromEnv: env[DIALPAD_ENV.clientSecret]?.trim() || null, redirect: redirect.data };
  }
  if (problems.length > 0 || !apiUrl.success || !access) {
    return { ok: false, message: `Dialpad is not set up: ${problems.join(' ')}`, problems };
  }
  return { ok: true, config: { apiUrl: apiUrl.data, access, userId: (userId.success && userId.data) || null } };
}
