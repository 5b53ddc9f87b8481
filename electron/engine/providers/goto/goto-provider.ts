// GoTo Connect as a provider module (provider-module.ts): its settings, sign-in profile, account
// discovery and session, built from the pieces in this folder. The facts: docs/providers/goto.md.
import { z } from 'zod';
import type { ConfiguredProvider, OAuthProfile, ProviderContext, ProviderModule } from '../provider-module';
import { discoverAccountKey, fetchGotoLines } from './goto-account';
import { createGotoApi, type GotoChannel } from './goto-api';
import { DEFAULT_GOTO_REDIRECT_URI, DEFAULT_GOTO_SCOPES, GOTO_ENV, gotoOAuthEndpoints, resolveGotoConfig, type GotoConfig } from './goto-config';
import { GotoSession } from './goto-session';

const DISPLAY_NAME = 'GoTo Connect';

/** settings.providers.goto: what Settings saves (no secrets; the client secret goes to the keychain). */
const gotoSettingsSchema = z.object({
  clientId: z.string().trim().max(200, 'The client ID is too long'),
  /** Must match a redirect URI registered on the OAuth client, exactly. */
  redirectUri: z
    .string()
    .trim()
    .refine((v) => /^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}\/\S*$/.test(v), {
      message: 'The redirect URI must look like http://127.0.0.1:12021/app/redirect',
    }),
  /** Empty: discovered after sign-in. */
  accountKey: z.string().trim().max(200, 'The account key is too long'),
});

/** GoTo's OAuth profile (docs/providers/goto.md#oauth). */
export function gotoCredential(config: GotoConfig): OAuthProfile {
  const { authorizeUrl, tokenUrl } = gotoOAuthEndpoints(config);
  return {
    kind: 'oauth',
    authorizeUrl,
    tokenUrl,
    // GoTo documents no revocation endpoint: sign-out deletes the refresh token here.
    revokeUrl: null,
    clientId: config.clientId,
    // docs/providers/goto.md#oauth: the client secret is required, sent as HTTP Basic.
    clientAuth: 'basic',
    clientSecretFromEnv: config.clientSecretFromEnv,
    scopes: config.scopes,
    redirect: config.redirect,
    authorizeParams: {},
    // GoTo's refresh answers usually carry no new refresh token: the old one stays valid.
    rotatesRefreshToken: false,
    userClaim: 'principal',
  };
}

/** GoTo with a resolved config (bench rigs build the config themselves). */
export function configuredGoto(config: GotoConfig): ConfiguredProvider {
  const accountOptions = (context: ProviderContext) => ({
    tokens: context.tokens,
    apiUrl: config.apiUrl,
    adminApiUrl: config.adminApiUrl,
    manualAccountKey: config.accountKey,
    logger: context.log,
  });
  return {
    credential: gotoCredential(config),
    manualAccountId: config.accountKey,
    account: {
      // The token answer's `principal` names the user.
      signedInUser: async () => null,
      async accountId(context) {
        const result = await discoverAccountKey(accountOptions(context));
        return result.ok ? { ok: true, accountId: result.accountKey } : { ok: false, message: result.message };
      },
      async lines(context) {
        const lines = await fetchGotoLines({ tokens: context.tokens, apiUrl: config.apiUrl, logger: context.log });
        const refs = lines.map(({ id, name, number, extension }) => ({ id, name, number, extension }));
        return { lines: refs, mine: refs.map((l) => l.id) };
      },
    },
    createSession(context) {
      return new GotoSession({
        api: createGotoApi(config.apiUrl, context.request),
        accountKey: context.accountId,
        beforeSubscribe: context.beforeSubscribe,
        tokens: context.tokens,
        log: context.log,
        now: context.now,
        ...context.tuning,
        // Only a GoTo session hands leftovers to the engine, so they are GoTo channels.
        previousChannels: Array.isArray(context.leftovers) ? (context.leftovers as GotoChannel[]) : [],
        wantsReport: context.wantsReport,
      });
    },
  };
}

export const gotoProvider: ProviderModule = {
  id: 'goto',
  displayName: DISPLAY_NAME,
  shortName: 'GoTo',
  // Before providers were plug-ins, settings.json kept GoTo's settings under "goto".
  legacySettingsKey: 'goto',
  descriptor: {
    summary: 'Ringtray listens to your GoTo Connect account through an OAuth client of your own.',
    fields: [
      {
        key: 'clientId',
        label: 'Client ID',
        help: 'From your OAuth client in the GoTo Developer Center.',
        kind: 'text',
        placeholder: null,
        env: GOTO_ENV.clientId,
        required: true,
        maxLength: 200,
        pattern: null,
        detect: null,
      },
      {
        key: 'redirectUri',
        label: 'Redirect URI',
        help: 'Register exactly this URI on the OAuth client.',
        kind: 'url',
        placeholder: DEFAULT_GOTO_REDIRECT_URI,
        env: GOTO_ENV.redirectUri,
        required: true,
        maxLength: 2_000,
        pattern: { source: '^http://(127\\.0\\.0\\.1|localhost):\\d{1,5}/\\S*$', message: 'The redirect URI must look like http://127.0.0.1:12021/app/redirect' },
        detect: null,
      },
      {
        key: 'accountKey',
        label: 'Account key',
        help: 'Leave empty to detect it after sign-in.',
        kind: 'text',
        placeholder: null,
        env: GOTO_ENV.accountKey,
        required: false,
        maxLength: 200,
        pattern: null,
        detect: 'account',
      },
    ],
    secret: { kind: 'client-secret', label: 'Client secret', help: 'From the same OAuth client. Kept in the system keychain.', env: GOTO_ENV.clientSecret, ownerField: 'clientId' },
    setupSteps: [
      { text: 'An OAuth client from the GoTo Developer Center, with this redirect URI registered exactly:', codeField: 'redirectUri', items: [], linkToSettings: false },
      { text: 'These scopes on that client:', codeField: null, items: [...DEFAULT_GOTO_SCOPES], linkToSettings: false },
      { text: 'Its client ID and client secret in', codeField: null, items: [], linkToSettings: true },
    ],
  },
  settings: {
    schema: gotoSettingsSchema,
    defaults: { clientId: '', redirectUri: DEFAULT_GOTO_REDIRECT_URI, accountKey: '' },
  },
  env: [
    { name: GOTO_ENV.clientId, help: 'the OAuth client id' },
    { name: GOTO_ENV.clientSecret, help: 'the OAuth client secret (otherwise read from the keychain)' },
    { name: GOTO_ENV.redirectUri, help: `the registered loopback redirect URI (default ${DEFAULT_GOTO_REDIRECT_URI})` },
    { name: GOTO_ENV.accountKey, help: 'the account key (otherwise discovered after sign-in)' },
    { name: GOTO_ENV.authUrl, help: 'the OAuth server (default https://authentication.logmeininc.com)' },
    { name: GOTO_ENV.apiUrl, help: 'the API (default https://api.goto.com)' },
    { name: GOTO_ENV.adminApiUrl, help: 'the admin API used to find the account key (default https://api.getgo.com)' },
    { name: GOTO_ENV.scopes, help: 'the OAuth scopes, space or comma separated' },
  ],
  // The developer portal, support, and the admin portal (still on Jive's domain).
  linkHosts: ['developer.goto.com', 'support.goto.com', 'my.jive.com'],
  // GoTo allows at most 31 days per report query.
  historyWindowMs: 30 * 24 * 3600_000,
  resolve(settings, env) {
    const nonEmpty = (value: string | undefined) => (value ? value : undefined);
    const resolved = resolveGotoConfig(
      { clientId: nonEmpty(settings.clientId), redirectUri: nonEmpty(settings.redirectUri), accountKey: nonEmpty(settings.accountKey) },
      env,
    );
    return resolved.ok ? { ok: true, provider: configuredGoto(resolved.config) } : resolved;
  },
};
