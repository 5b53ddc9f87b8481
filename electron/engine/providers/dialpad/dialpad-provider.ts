// Dialpad as a provider module (provider-module.ts): its settings, an API key or an OAuth app, the
// watched user, and its session. The facts behind it are in docs/providers/dialpad.md.
import { HttpError } from '../../http/http-errors';
import type { ConfiguredProvider, ProviderContext, ProviderModule, ProviderState } from '../provider-module';
import { createDialpadApi } from './dialpad-api';
import { DEFAULT_DIALPAD_API_URL, DEFAULT_DIALPAD_REDIRECT_URI, DIALPAD_ENV, dialpadSettingsSchema, resolveDialpadConfig, type DialpadConfig } from './dialpad-config';
import type { DialpadResourceMemory } from './dialpad-resources';
import { DialpadSession } from './dialpad-session';

const DISPLAY_NAME = 'Dialpad';
const NO_USER_MESSAGE = 'Dialpad did not say which user this API key belongs to (a company key). Set the Dialpad user id to watch in Settings or RINGTRAY_DIALPAD_USER_ID.';

/** The websocket and subscription ids, kept by the host between runs (not secrets). */
function resourceMemory(state: ProviderState): DialpadResourceMemory {
  return {
    load() {
      const websocketId = state.get('websocketId');
      return websocketId ? { websocketId, subscriptionId: state.get('subscriptionId') } : null;
    },
    save(ids) {
      state.set('websocketId', ids?.websocketId ?? null);
      state.set('subscriptionId', ids?.subscriptionId ?? null);
    },
  };
}

function configured(config: DialpadConfig): ConfiguredProvider {
  const me = (context: ProviderContext) => createDialpadApi(config.apiUrl, context.request).me();
  const access = config.access;
  return {
    credential:
      access.kind === 'api-key'
        ? // One saved key per API base (production and sandbox keys differ): the base as Settings saves it.
          { kind: 'api-key', keyFromEnv: access.keyFromEnv, keyOwner: config.apiUrl }
        : {
            kind: 'oauth',
            authorizeUrl: `${config.apiUrl}/oauth2/authorize`,
            tokenUrl: `${config.apiUrl}/oauth2/token`,
            revokeUrl: `${config.apiUrl}/oauth2/deauthorize`,
            clientId: access.clientId,
            // Dialpad accepts the client id and secret in the form body; without a secret the
            // app is a public client and PKCE is the proof (both are supported here).
            clientAuth: access.clientSecretFromEnv ? 'body' : 'none',
            clientSecretFromEnv: access.clientSecretFromEnv,
            scopes: [],
            redirect: access.redirect,
            authorizeParams: {},
            rotatesRefreshToken: false,
            userClaim: null,
          },
    manualAccountId: config.userId,
    account: {
      async signedInUser(context) {
        try {
          return (await me(context)).id;
        } catch (error) {
          if (error instanceof HttpError && (error.status === 403 || error.status === 404)) return null;
          throw error;
        }
      },
      async accountId(context) {
        if (config.userId) return { ok: true, accountId: config.userId };
        try {
          return { ok: true, accountId: (await me(context)).id };
        } catch (error) {
          if (error instanceof HttpError && (error.status === 403 || error.status === 404)) return { ok: false, message: NO_USER_MESSAGE };
          throw error;
        }
      },
      async lines(context) {
        if (config.userId) return { lines: [{ id: config.userId, name: null, number: null, extension: null }], mine: [config.userId] };
        const user = await me(context);
        const name = user.display_name || [user.first_name, user.last_name].filter(Boolean).join(' ') || null;
        return { lines: [{ id: user.id, name, number: user.phone_numbers?.[0] ?? null, extension: null }], mine: [user.id] };
      },
    },
    createSession(context) {
      return new DialpadSession({
        api: createDialpadApi(config.apiUrl, context.request),
        memory: resourceMemory(context.state),
        secrets: context.secrets,
        userId: context.accountId,
        forceRefresh: access.kind === 'oauth' ? () => context.tokens.forceRefresh() : undefined,
        log: context.log,
        now: context.now,
        connection: context.tuning.connection,
        reportDelaysMs: context.tuning.reportRetryDelaysMs,
      });
    },
  };
}

export const dialpadProvider: ProviderModule = {
  id: 'dialpad',
  displayName: DISPLAY_NAME,
  descriptor: {
    summary: 'Ringtray listens to one Dialpad user, with an API key or through an OAuth app of your own.',
    fields: [
      {
        key: 'apiUrl',
        label: 'API base',
        help: 'https://dialpad.com, or https://sandbox.dialpad.com for Dialpad’s sandbox.',
        kind: 'url',
        placeholder: DEFAULT_DIALPAD_API_URL,
        env: DIALPAD_ENV.apiUrl,
        required: true,
        maxLength: 2_000,
        pattern: { source: '^(https://\\S+|http://(127\\.0\\.0\\.1|localhost)(:\\d{1,5})?(/\\S*)?)$', message: 'The API base must be an https:// URL, e.g. https://dialpad.com' },
        detect: null,
      },
      {
        key: 'clientId',
        label: 'OAuth client ID',
        help: 'Only with an OAuth app from Dialpad. Leave empty to use an API key.',
        kind: 'text',
        placeholder: null,
        env: DIALPAD_ENV.clientId,
        required: false,
        maxLength: 100,
        pattern: { source: '^[A-Za-z0-9_-]*$', message: 'A Dialpad client id is letters and digits only' },
        detect: null,
      },
      {
        key: 'redirectUri',
        label: 'Redirect URI',
        help: 'With an OAuth app: the redirect URI registered with Dialpad, exactly.',
        kind: 'url',
        placeholder: DEFAULT_DIALPAD_REDIRECT_URI,
        env: DIALPAD_ENV.redirectUri,
        required: false,
        maxLength: 2_000,
        pattern: { source: '^(|http://(127\\.0\\.0\\.1|localhost):\\d{1,5}/\\S*)$', message: 'The redirect URI must look like http://127.0.0.1:12031/callback' },
        detect: null,
      },
      {
        key: 'userId',
        label: 'User ID to watch',
        help: 'Leave empty to watch the signed-in user (or the API key’s own user).',
        kind: 'text',
        placeholder: null,
        env: DIALPAD_ENV.userId,
        required: false,
        maxLength: 100,
        pattern: { source: '^[A-Za-z0-9_-]*$', message: 'A Dialpad user id is letters and digits only' },
        detect: 'account',
      },
    ],
    secret: { kind: 'api-key', label: 'API key', help: 'From Dialpad: Admin Settings → My Company → Authentication → API Keys. Kept in the system keychain, never shown again.', env: DIALPAD_ENV.apiKey, ownerField: 'apiUrl' },
    setupSteps: [
      { text: 'Either an API key, made by a Dialpad company admin under Admin Settings → My Company → Authentication → API Keys,', codeField: null, items: [], linkToSettings: false },
      {
        text: 'or an OAuth app, which Dialpad registers on request (its developer docs, “Token Generation via OAuth”), with this redirect URI; you get a client ID and usually a client secret (RINGTRAY_DIALPAD_CLIENT_SECRET):',
        codeField: 'redirectUri',
        items: [],
        linkToSettings: false,
      },
      { text: 'Enter the key (or the app’s client ID) in', codeField: null, items: [], linkToSettings: true },
    ],
  },
  settings: {
    schema: dialpadSettingsSchema,
    defaults: { apiUrl: DEFAULT_DIALPAD_API_URL, clientId: '', redirectUri: DEFAULT_DIALPAD_REDIRECT_URI, userId: '' },
  },
  env: [
    { name: DIALPAD_ENV.apiKey, help: 'a Dialpad API key (otherwise the one saved in the keychain; wins over OAuth)' },
    { name: DIALPAD_ENV.clientId, help: 'the OAuth app’s client id (sign-in through the browser instead of an API key)' },
    { name: DIALPAD_ENV.clientSecret, help: 'the OAuth app’s client secret, if it has one (PKCE is always used)' },
    { name: DIALPAD_ENV.redirectUri, help: `the OAuth app’s registered loopback redirect URI (default ${DEFAULT_DIALPAD_REDIRECT_URI})` },
    { name: DIALPAD_ENV.apiUrl, help: `the API base (default ${DEFAULT_DIALPAD_API_URL}; sandbox https://sandbox.dialpad.com)` },
    { name: DIALPAD_ENV.userId, help: 'the Dialpad user to watch (otherwise the key’s or signed-in user)' },
  ],
  historyWindowMs: 30 * 24 * 3600_000,
  resolve(settings, env) {
    const resolved = resolveDialpadConfig(settings, env);
    return resolved.ok ? { ok: true, provider: configured(resolved.config) } : resolved;
  },
};
