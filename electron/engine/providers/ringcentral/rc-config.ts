// RingCentral connection settings (docs/providers/ringcentral.md, "Creating the RingCentral app"):
// the settings object, then environment variables (env wins so headless runs and tests can point
// at the sandbox). The client secret is optional — a RingCentral "client-side" app has none and
// signs in with PKCE alone — and never part of the saved settings: it comes from
// RINGTRAY_RINGCENTRAL_CLIENT_SECRET or the keychain.
import { z } from 'zod';
import { isLoopbackHost, loopbackRedirectSchema, type LoopbackRedirect } from '../../auth/loopback-redirect';

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

const serverUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return void ctx.addIssue({ code: 'custom', message: `RingCentral server URL is not a URL: "${value}"` });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
      ctx.addIssue({ code: 'custom', message: `RingCentral server URL must start with https:// (http:// only for 127.0.0.1): "${value}"` });
    }
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      ctx.addIssue({ code: 'custom', message: 'RingCentral server URL must be just the origin, e.g. https://platform.ringcentral.com' });
    }
  })
  .transform((v) => v.replace(/\/+$/, ''));

const redirectUri = loopbackRedirectSchema('RingCentral');

const CLIENT_ID_MISSING = `RingCentral client id is not set: enter it in Settings or set ${RC_ENV.clientId}`;

const schema = z.object({
  clientId: z.string({ error: CLIENT_ID_MISSING }).trim().min(1, CLIENT_ID_MISSING).max(200, 'RingCentral client id is too long'),
  clientSecretFromEnv: z.string().min(1).max(500).nullable(),
  serverUrl,
  redirect: redirectUri,
});

export type RcConfigResult = { ok: true; config: RcConfig } | { ok: false; message: string };

const nonEmpty = (v: string | undefined): string | undefined => (v !== undefined && v.trim() !== '' ? v : undefined);

export function resolveRcConfig(settings: RcSettings, env: NodeJS.ProcessEnv): RcConfigResult {
  const result = schema.safeParse({
    clientId: nonEmpty(env[RC_ENV.clientId]) ?? nonEmpty(settings.clientId),
    clientSecretFromEnv: nonEmpty(env[RC_ENV.clientSecret]) ?? null,
    serverUrl: nonEmpty(env[RC_ENV.serverUrl]) ?? nonEmpty(settings.serverUrl) ?? DEFAULT_RC_SERVER_URL,
    redirect: nonEmpty(env[RC_ENV.redirectUri]) ?? nonEmpty(settings.redirectUri) ?? DEFAULT_RC_REDIRECT_URI,
  });
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, message: result.error.issues.map((i) => i.message).join('; ') };
}

export function rcEndpoints(config: Pick<RcConfig, 'serverUrl'>) {
  const base = config.serverUrl;
  return {
    authorizeUrl: `${base}/restapi/oauth/authorize`,
    tokenUrl: `${base}/restapi/oauth/token`,
    revokeUrl: `${base}/restapi/oauth/revoke`,
  };
}
