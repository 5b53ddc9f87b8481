// RingCentral as a provider module (provider-module.ts): settings, sign-in profile, account
// discovery and the gateway session, built from the pieces in this folder. The facts behind
// them are in docs/providers/ringcentral.md.
import { z } from 'zod';
import type { ConfiguredProvider, ProviderModule } from '../provider-module';
import { rcLines } from './rc-account';
import { createRcApi } from './rc-api';
import { DEFAULT_RC_REDIRECT_URI, DEFAULT_RC_SERVER_URL, RC_ENV, rcEndpoints, resolveRcConfig, type RcConfig } from './rc-config';
import { RingCentralSession } from './rc-session';

const DISPLAY_NAME = 'RingCentral';
const REDIRECT_PATTERN = '^http://(127\\.0\\.0\\.1|localhost):\\d{1,5}/\\S*$';
/** https, or http to this machine (the demo's sandbox). */
const SERVER_PATTERN = '^(https://[^/\\s]+|http://(127\\.0\\.0\\.1|localhost)(:\\d{1,5})?)/?$';

/** settings.providers.ringcentral: what Settings saves (no secrets). */
const rcSettingsSchema = z.object({
  clientId: z.string().trim().max(200, 'The client ID is too long'),
  serverUrl: z
    .string()
    .trim()
    .max(200, 'The server URL is too long')
    .refine((v) => new RegExp(SERVER_PATTERN).test(v), { message: 'The server URL must look like https://platform.ringcentral.com' }),
  redirectUri: z
    .string()
    .trim()
    .refine((v) => new RegExp(REDIRECT_PATTERN).test(v), { message: `The redirect URI must look like ${DEFAULT_RC_REDIRECT_URI}` }),
});

function configured(config: RcConfig): ConfiguredProvider {
  const { authorizeUrl, tokenUrl, revokeUrl } = rcEndpoints(config);
  return {
    credential: {
      kind: 'oauth',
      authorizeUrl,
      tokenUrl,
      revokeUrl,
      clientId: config.clientId,
      // A client-side app has no secret (PKCE proves the sign-in); one with a secret uses Basic.
      clientAuth: config.clientSecretFromEnv ? 'basic' : 'none',
      clientSecretFromEnv: config.clientSecretFromEnv,
      // RingCentral ignores `scope`: permissions are set on the app.
      scopes: [],
      redirect: config.redirect,
      authorizeParams: {},
      // Every refresh answer carries a new refresh token; the old one dies once the new access token is used.
      rotatesRefreshToken: true,
      // The token answer's owner_id is the signed-in extension.
      userClaim: 'owner_id',
    },
    manualAccountId: null,
    account: {
      signedInUser: async () => null,
      // The "account id" a RingCentral session needs is the signed-in extension's id.
      async accountId(context) {
        const me = await createRcApi({ serverUrl: config.serverUrl, tokens: context.tokens }).extension();
        return { ok: true, accountId: me.id };
      },
      lines: (context) => rcLines(createRcApi({ serverUrl: config.serverUrl, tokens: context.tokens }), context.log),
    },
    createSession(context) {
      return new RingCentralSession({
        api: createRcApi({ serverUrl: config.serverUrl, tokens: context.tokens }),
        tokens: context.tokens,
        extensionId: context.accountId,
        beforeSubscribe: context.beforeSubscribe,
        lineSelection: context.lineSelection,
        log: context.log,
        now: context.now,
        connection: context.tuning.connection,
        reportRetryDelaysMs: context.tuning.reportRetryDelaysMs,
      });
    },
  };
}

export const ringcentralProvider: ProviderModule = {
  id: 'ringcentral',
  displayName: DISPLAY_NAME,
  descriptor: {
    summary: 'Ringtray listens to your RingCentral extension through a RingCentral app of your own (client-side, PKCE).',
    fields: [
      {
        key: 'clientId',
        label: 'Client ID',
        help: 'From your app in the RingCentral Developer Console.',
        kind: 'text',
        placeholder: null,
        env: RC_ENV.clientId,
        required: true,
        maxLength: 200,
        pattern: null,
        detect: null,
      },
      {
        key: 'serverUrl',
        label: 'Server URL',
        help: 'https://platform.ringcentral.com, or https://platform.devtest.ringcentral.com for a developer sandbox app.',
        kind: 'url',
        placeholder: DEFAULT_RC_SERVER_URL,
        env: RC_ENV.serverUrl,
        required: false,
        maxLength: 200,
        pattern: { source: SERVER_PATTERN, message: 'The server URL must look like https://platform.ringcentral.com' },
        detect: null,
      },
      {
        key: 'redirectUri',
        label: 'Redirect URI',
        help: 'Register exactly this URI on the app.',
        kind: 'url',
        placeholder: DEFAULT_RC_REDIRECT_URI,
        env: RC_ENV.redirectUri,
        required: true,
        maxLength: 2_000,
        pattern: { source: REDIRECT_PATTERN, message: `The redirect URI must look like ${DEFAULT_RC_REDIRECT_URI}` },
        detect: null,
      },
    ],
    // A desktop app is a client-side app: no secret to keep (RINGTRAY_RINGCENTRAL_CLIENT_SECRET serves apps that have one).
    secret: null,
    setupSteps: [
      { text: 'A REST API app in the RingCentral Developer Console: 3-legged OAuth, client-side app, with this redirect URI registered exactly:', codeField: 'redirectUri', items: [], linkToSettings: false },
      { text: 'These permissions on that app:', codeField: null, items: ['WebSocket Subscriptions', 'Call Control', 'Read Call Log', 'Read Accounts'], linkToSettings: false },
      { text: 'Its client ID (and, for a developer sandbox app, the server URL) in', codeField: null, items: [], linkToSettings: true },
    ],
  },
  settings: {
    schema: rcSettingsSchema,
    defaults: { clientId: '', serverUrl: DEFAULT_RC_SERVER_URL, redirectUri: DEFAULT_RC_REDIRECT_URI },
  },
  env: [
    { name: RC_ENV.clientId, help: 'the RingCentral app client id' },
    { name: RC_ENV.clientSecret, help: 'the client secret, only for an app that has one (otherwise PKCE alone)' },
    { name: RC_ENV.serverUrl, help: `the RingCentral server (default ${DEFAULT_RC_SERVER_URL})` },
    { name: RC_ENV.redirectUri, help: `the registered loopback redirect URI (default ${DEFAULT_RC_REDIRECT_URI})` },
  ],
  // The call log keeps records for months; a recent-calls query reaches back 30 days.
  historyWindowMs: 30 * 24 * 3600_000,
  resolve(settings, env) {
    const resolved = resolveRcConfig({ clientId: settings.clientId, serverUrl: settings.serverUrl, redirectUri: settings.redirectUri }, env);
    return resolved.ok ? { ok: true, provider: configured(resolved.config) } : { ok: false, message: resolved.message, problems: [resolved.message] };
  },
};
