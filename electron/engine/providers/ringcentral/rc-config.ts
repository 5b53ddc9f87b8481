// RingCentral connection settings (docs/providers/ringcentral.md, "Creating the RingCentral app"):
// the settings object, then environment variables, resolved as every provider's are
// (../config-resolver.ts). The client secret is optional — a RingCentral "client-side" app has
// none and signs in with PKCE alone — and never part of the saved settings: it comes from
// RINGTRAY_RINGCENTRAL_CLIENT_SECRET or the keychain.
import { z } from 'zod';
import { loopbackRedirectSchema, type LoopbackRedirect } from '../../auth/loopback-redirect';
import { envOrSetting, nonEmpty, parseConfig, serviceUrlSchema, type ConfigEnv, type ConfigResult } from '../config-resolver';

export const DEFAULT_RC_SERVER_URL = 'https://platform.ringcentral.com';
/** RingCentral matches redirect URIs exactly; this is the one our set-up steps register. */
export const DEFAULT_RC_REDIRECT_URI = 'http://127.0.0.1:12022/app/redirect';

export const RC_ENV = {
  clientId: 'RINGTRAY_RINGCENTRAL_CLIENT_ID',
  clientSecret: 'RINGTRAY_RINGCENTRAL_CLIENT_SECRET',
  serverUrl: 'RINGTRAY_RINGCENTRAL_SERVER_URL',
  redirectUri: 'RINGTRAY_RINGCENTRAL_REDIRECT_URI',
} as const;

export interface RcSettings {
  clientId?: string;
  serverUrl?: string;
  redirectUri?: string;
}

export interface RcConfig {
  clientId: string;
  /** From RINGTRAY_RINGCENTRAL_CLIENT_SECRET, else null (keychain, or a public client). */
  clientSecretFromEnv: string | null;
  serverUrl: string;
  redirect: LoopbackRedirect;
}

const serverUrl = serviceUrlSchema('RingCentral server URL', { example: DEFAULT_RC_SERVER_URL });

const redirectUri = loopbackRedirectSchema('RingCentral');

const CLIENT_ID_MISSING = `RingCentral client id is not set: enter it in Settings or set ${RC_ENV.clientId}`;

const schema = z.object({
  clientId: z.string({ error: CLIENT_ID_MISSING }).trim().min(1, CLIENT_ID_MISSING).max(200, 'RingCentral client id is too long'),
  clientSecretFromEnv: z.string().min(1).max(500).nullable(),
  serverUrl,
  redirect: redirectUri,
});

export type RcConfigResult = ConfigResult<RcConfig>;

export function resolveRcConfig(settings: RcSettings, env: ConfigEnv): RcConfigResult {
  const pick = (name: keyof typeof RC_ENV & keyof RcSettings) => envOrSetting(env, RC_ENV[name], settings[name]);
  const input = {
    clientId: pick('clientId'),
    clientSecretFromEnv: nonEmpty(env[RC_ENV.clientSecret]) ?? null,
    serverUrl: pick('serverUrl') ?? DEFAULT_RC_SERVER_URL,
    redirect: pick('redirectUri') ?? DEFAULT_RC_REDIRECT_URI,
  };
  return parseConfig(schema, input, '');
}

export function rcEndpoints(config: Pick<RcConfig, 'serverUrl'>) {
  const base = config.serverUrl;
  return {
    authorizeUrl: `${base}/restapi/oauth/authorize`,
    tokenUrl: `${base}/restapi/oauth/token`,
    revokeUrl: `${base}/restapi/oauth/revoke`,
  };
}
