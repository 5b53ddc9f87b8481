// GoTo connection settings (docs/providers/goto.md#oauth): defaults, then the user's settings
// object, then environment variables, resolved as every provider's are (../config-resolver.ts).
// The client secret is deliberately NOT part of the settings object: settings are saved to disk
// (electron-store) and secrets never touch disk (docs/architecture.md#secrets). It comes from
// RINGTRAY_GOTO_CLIENT_SECRET or from the keychain (see auth/client-secret.ts).
import { z } from 'zod';
import { loopbackRedirectSchema, type LoopbackRedirect } from '../../auth/loopback-redirect';
import { envOrSetting, nonEmpty, parseConfig, serviceUrlSchema, type ConfigResult } from '../config-resolver';

const DEFAULT_GOTO_AUTH_URL = 'https://authentication.logmeininc.com';
const DEFAULT_GOTO_API_URL = 'https://api.goto.com';
/** The admin API that lists account keys when users/v1/me carries none (docs/providers/goto.md#account-key-and-lines). */
const DEFAULT_GOTO_ADMIN_API_URL = 'https://api.getgo.com';
/** The redirect URI GoTo's own guide registers; GoTo matches it exactly, so it must be configurable. */
export const DEFAULT_GOTO_REDIRECT_URI = 'http://127.0.0.1:12021/app/redirect';
export const DEFAULT_GOTO_SCOPES: readonly string[] = [
  'call-events.v1.notifications.manage',
  'cr.v1.read',
  'call-events.v1.events.read',
  'users.v1.lines.read',
];

/** What the user can save in Settings (all optional; no secrets). */
export interface GotoSettings {
  clientId?: string;
  redirectUri?: string;
  authUrl?: string;
  apiUrl?: string;
  adminApiUrl?: string;
  accountKey?: string;
  scopes?: string[];
}

export interface GotoConfig {
  clientId: string;
  /** Only from RINGTRAY_GOTO_CLIENT_SECRET; otherwise null and read from the keychain. */
  clientSecretFromEnv: string | null;
  redirect: LoopbackRedirect;
  authUrl: string;
  apiUrl: string;
  adminApiUrl: string;
  accountKey: string | null;
  scopes: string[];
}

export type GotoConfigResult = ConfigResult<GotoConfig>;

export const GOTO_ENV = {
  authUrl: 'RINGTRAY_GOTO_AUTH_URL',
  apiUrl: 'RINGTRAY_GOTO_API_URL',
  adminApiUrl: 'RINGTRAY_GOTO_ADMIN_API_URL',
  clientId: 'RINGTRAY_GOTO_CLIENT_ID',
  clientSecret: 'RINGTRAY_GOTO_CLIENT_SECRET',
  redirectUri: 'RINGTRAY_GOTO_REDIRECT_URI',
  accountKey: 'RINGTRAY_GOTO_ACCOUNT_KEY',
  scopes: 'RINGTRAY_GOTO_SCOPES',
} as const;

const redirectUri = loopbackRedirectSchema('GoTo');

const schema = z.object({
  clientId: z
    .string({ error: 'GoTo client id is not set: enter it in Settings or set RINGTRAY_GOTO_CLIENT_ID' })
    .trim()
    .min(1, 'GoTo client id is not set: enter it in Settings or set RINGTRAY_GOTO_CLIENT_ID')
    .max(200, 'GoTo client id is too long'),
  clientSecretFromEnv: z.string().min(1).nullable(),
  redirect: redirectUri,
  authUrl: serviceUrlSchema('GoTo auth URL'),
  apiUrl: serviceUrlSchema('GoTo API URL'),
  adminApiUrl: serviceUrlSchema('GoTo admin API URL'),
  accountKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,100}$/, 'GoTo account key must be letters, digits, - or _ (it is a number like 1234567890123456789)')
    .nullable(),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'each scope must be a word without spaces or quotes'))
    .min(1, 'at least one scope is needed'),
});

/** Merges defaults ← settings ← env and validates. Never throws. */
export function resolveGotoConfig(settings: GotoSettings = {}, env: Record<string, string | undefined> = process.env): GotoConfigResult {
  const envScopes = nonEmpty(env[GOTO_ENV.scopes])?.split(/[\s,]+/).filter(Boolean);
  const pick = (name: Exclude<keyof typeof GOTO_ENV & keyof GotoSettings, 'scopes'>) => envOrSetting(env, GOTO_ENV[name], settings[name]);
  const input = {
    clientId: pick('clientId'),
    clientSecretFromEnv: nonEmpty(env[GOTO_ENV.clientSecret]) ?? null,
    redirect: pick('redirectUri') ?? DEFAULT_GOTO_REDIRECT_URI,
    authUrl: pick('authUrl') ?? DEFAULT_GOTO_AUTH_URL,
    apiUrl: pick('apiUrl') ?? DEFAULT_GOTO_API_URL,
    adminApiUrl: pick('adminApiUrl') ?? DEFAULT_GOTO_ADMIN_API_URL,
    accountKey: pick('accountKey') ?? null,
    scopes: envScopes ?? (settings.scopes && settings.scopes.length > 0 ? settings.scopes : [...DEFAULT_GOTO_SCOPES]),
  };
  return parseConfig(schema, input, 'GoTo settings are not valid: ');
}

/** OAuth endpoints under the auth base URL (docs/providers/goto.md#oauth). */
export function gotoOAuthEndpoints(config: GotoConfig): { authorizeUrl: string; tokenUrl: string } {
  return { authorizeUrl: `${config.authUrl}/oauth/authorize`, tokenUrl: `${config.authUrl}/oauth/token` };
}
