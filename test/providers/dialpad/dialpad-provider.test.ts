// Dialpad as a provider module: how settings and env choose an API key or an OAuth app, and the
// API-key path end to end through the module (account discovery, session, remembered ids in the
// host's provider state) against the Dialpad sandbox.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls';
import { authorizedRequest } from '../../../electron/engine/auth/authorized-request';
import { dialpadProvider } from '../../../electron/engine/providers/dialpad/dialpad-provider';
import type { ProviderSessionContext } from '../../../electron/engine/providers/provider-module';
import type { ProviderSession } from '../../../electron/engine/providers/provider-session';
import { silentLogger } from '../../../electron/engine/log/logger';
import { createMemorySecretStore } from '../../../electron/engine/secrets/memory-secret-store';
import { createDialpadSandbox, type DialpadSandbox } from '../../../electron/sandbox/dialpad/dialpad-sandbox';
import { FAST_CONNECTION } from './dialpad-rig';

const defaults = dialpadProvider.settings.defaults;

describe('Dialpad settings and env', () => {
  it('uses the API key from the keychain by default, one entry per Dialpad base', () => {
    const result = dialpadProvider.resolve(defaults, {});
    if (!result.ok) throw new Error(result.message);
    expect(result.provider.credential).toEqual({ kind: 'api-key', keyFromEnv: null, keyOwner: 'https://dialpad.com' });
    expect(result.provider.manualAccountId).toBeNull();
  });

  it('prefers RINGTRAY_DIALPAD_API_KEY, even over an OAuth client id', () => {
    const result = dialpadProvider.resolve({ ...defaults, clientId: 'app1' }, { RINGTRAY_DIALPAD_API_KEY: 'k-123', RINGTRAY_DIALPAD_USER_ID: '42' });
    if (!result.ok) throw new Error(result.message);
    expect(result.provider.credential).toMatchObject({ kind: 'api-key', keyFromEnv: 'k-123' });
    expect(result.provider.manualAccountId).toBe('42');
  });

  it('signs in through an OAuth app with PKCE, as a public client unless a secret is given', () => {
    const pub = dialpadProvider.resolve({ ...defaults, clientId: 'app1' }, { RINGTRAY_DIALPAD_API_URL: 'https://sandbox.dialpad.com/' });
    if (!pub.ok) throw new Error(pub.message);
    expect(pub.provider.credential).toMatchObject({
      kind: 'oauth',
      clientId: 'app1',
      clientAuth: 'none',
      authorizeUrl: 'https://sandbox.dialpad.com/oauth2/authorize',
      tokenUrl: 'https://sandbox.dialpad.com/oauth2/token',
      revokeUrl: 'https://sandbox.dialpad.com/oauth2/deauthorize',
      redirect: { uri: 'http://127.0.0.1:12031/callback', port: 12031 },
    });
    const confidential = dialpadProvider.resolve({ ...defaults, clientId: 'app1' }, { RINGTRAY_DIALPAD_CLIENT_SECRET: 'shh' });
    expect(confidential.ok && confidential.provider.credential).toMatchObject({ clientAuth: 'body', clientSecretFromEnv: 'shh' });
  });

  it('explains a bad API base or redirect URI, without echoing a secret', () => {
    const result = dialpadProvider.resolve({ ...defaults, apiUrl: 'ftp://x', clientId: 'app1', redirectUri: 'https://example.com/cb' }, { RINGTRAY_DIALPAD_CLIENT_SECRET: 'do-not-print-me' });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('Dialpad') });
    expect(!result.ok && result.problems).toHaveLength(2);
    expect(JSON.stringify(result)).not.toContain('do-not-print-me');
  });
});

describe('Dialpad through the provider module, API-key mode', () => {
  let sandbox: DialpadSandbox;
  let session: ProviderSession | null = null;
  afterEach(async () => {
    await session?.stop();
    await sandbox?.close();
  });

  it('finds the key’s user, keeps the websocket ids in the host’s state, rings, and forgets both on sign-out', async () => {
    sandbox = await createDialpadSandbox();
    const result = dialpadProvider.resolve(defaults, { RINGTRAY_DIALPAD_API_URL: sandbox.url, RINGTRAY_DIALPAD_API_KEY: sandbox.apiKey });
    if (!result.ok) throw new Error(result.message);
    const tokens = {
      getAccessToken: async () => sandbox.apiKey,
      forceRefresh: async () => sandbox.apiKey,
    };
    const state = new Map<string, string>();
    const context: ProviderSessionContext = {
      tokens,
      request: (req) => authorizedRequest(tokens, req),
      log: silentLogger,
      accountId: '',
      beforeSubscribe: async () => undefined,
      now: Date.now,
      tuning: { connection: FAST_CONNECTION, reportRetryDelaysMs: [30] },
      state: { get: (k) => state.get(k) ?? null, set: (k, v) => (v === null ? state.delete(k) : state.set(k, v)) },
      secrets: createMemorySecretStore(),
    };
    const account = await result.provider.account.accountId(context);
    expect(account).toEqual({ ok: true, accountId: sandbox.user.id });
    expect(await result.provider.account.lines(context)).toEqual({ lines: [expect.objectContaining({ id: sandbox.user.id, name: sandbox.user.name })], mine: [sandbox.user.id] });
    session = result.provider.createSession({ ...context, accountId: sandbox.user.id });
    const events: CallEvent[] = [];
    session.on('event', (e) => events.push(e));
    session.start();
    await sandbox.waitFor(() => session!.connectionState().state === 'live', { timeoutMs: 10_000 });
    expect(state.get('websocketId')).toBe(sandbox.websockets()[0]?.id);
    expect(state.get('subscriptionId')).toBe(sandbox.subscriptions()[0]?.id);
    const id = sandbox.calls.ring();
    await sandbox.waitFor(() => events.some((e) => e.callId === id && e.legs[0]?.status === 'ringing'), { timeoutMs: 10_000 });
    await session.forget?.(3_000);
    expect(sandbox.websockets()).toEqual([]);
    expect(state.size).toBe(0);
  });
});
