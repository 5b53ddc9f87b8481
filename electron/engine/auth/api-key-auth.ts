// Sign-in with an API key (provider-module.ts, ApiKeyProfile): no browser, no refresh. The key
// is the provider's environment variable, else the keychain entry `<provider>:api-key:<owner>`
// that Settings writes (never the settings file). Signing in reads it and asks the provider who
// it belongs to, so a wrong key is told at once; at start a saved key signs in without a request.
// A key the provider refuses later (401) puts the engine in needs-sign-in with the way out;
// sign-out deletes the saved key (a key from the environment stays where the user put it).
import { HttpError } from '../http/http-errors';
import { silentLogger } from '../log/logger';
import { registerSecret } from '../log/secret-values';
import type { ApiKeyProfile } from '../providers/provider-module';
import { apiKeyAccount, isSecretStoreError } from '../secrets/secret-store';
import { EventList } from '../events/typed-events';
import type { ProviderAuth, ProviderAuthOptions, SignInOutcome } from './provider-auth';
import { createSignInFlight } from './sign-in-flight';
import { TokenError, signedOutMessage } from './token-errors';
import type { AuthState, AuthStatus } from './token-manager';

/** Names the session when the provider does not say whose key it is (a company key). */
const KEY_USER = 'api-key';

function missingApiKeyMessage(options: Pick<ProviderAuthOptions, 'wording'>): string {
  const env = options.wording.secretEnv ? ` or set ${options.wording.secretEnv}` : '';
  return `No ${options.wording.name} API key is saved: enter it in Settings (it is kept in the system keychain)${env}.`;
}

function refusedApiKeyMessage(options: Pick<ProviderAuthOptions, 'wording'>): string {
  const env = options.wording.secretEnv ? ` or set ${options.wording.secretEnv}` : '';
  return `${options.wording.name} refused the API key (it may have been revoked or expired). Enter a new key in Settings${env}.`;
}

export function createApiKeyAuth(options: ProviderAuthOptions, profile: ApiKeyProfile): ProviderAuth {
  const logger = (options.logger ?? silentLogger).child('api-key');
  const account = apiKeyAccount(options.provider, profile.keyOwner);
  const emitter = new EventList<{ state: (status: AuthStatus) => void }>((event, error) => logger.error('event listener threw', { event: String(event), error }));
  const flight = createSignInFlight<SignInOutcome>();
  let status: AuthStatus = { state: 'signed-out', user: null, message: null };
  let key: string | null = null;
  /** Bumped by sign-out: a sign-in or re-read that started before it changes nothing. */
  let generation = 0;

  registerSecret(profile.keyFromEnv);
  const setStatus = (state: AuthState, user: string | null, message: string | null): void => {
    if (status.state === state && status.user === user && status.message === message) return;
    status = { state, user, message };
    logger.info('auth state', { state, hasMessage: message !== null });
    emitter.emit('state', { ...status });
  };
  /** The env key, else the saved one; throws SecretStoreError when the keychain fails. */
  const readKey = async (): Promise<string | null> => {
    if (profile.keyFromEnv) return profile.keyFromEnv;
    const saved = await options.store.get(account);
    registerSecret(saved);
    return saved;
  };

  const tokens = {
    get current(): AuthStatus {
      return { ...status };
    },
    onState: (listener: (status: AuthStatus) => void) => emitter.on('state', listener),
    async getAccessToken(): Promise<string> {
      if (key) return key;
      const needs = status.state === 'needs-sign-in';
      throw new TokenError(needs ? 'needs-sign-in' : 'signed-out', needs ? (status.message ?? refusedApiKeyMessage(options)) : signedOutMessage(options.wording.name));
    },
    /** A 401 for `rejected`: a key saved since (Settings) is used; the same key again means it was refused. */
    async forceRefresh(rejected?: string): Promise<string> {
      const started = generation;
      let fresh: string | null = null;
      try {
        fresh = await readKey();
      } catch (error) {
        logger.warn('could not re-read the API key', { error });
      }
      if (started !== generation) throw new TokenError('signed-out', signedOutMessage(options.wording.name));
      if (fresh && fresh !== rejected) {
        key = fresh;
        return fresh;
      }
      key = null;
      const message = refusedApiKeyMessage(options);
      setStatus('needs-sign-in', status.user, message);
      throw new TokenError('needs-sign-in', message);
    },
  };

  async function signIn(): Promise<SignInOutcome> {
    const started = generation;
    const previous = status;
    setStatus('signing-in', status.user, null);
    const fail = (reason: 'missing-client-secret' | 'keychain' | 'exchange-failed', message: string): SignInOutcome => {
      if (started === generation) setStatus(previous.state === 'needs-sign-in' ? 'needs-sign-in' : 'signed-out', previous.user, message);
      return { ok: false, reason, message, status: { ...status } };
    };
    let candidate: string | null;
    try {
      candidate = await readKey();
    } catch (error) {
      return fail('keychain', isSecretStoreError(error) ? error.message : `Ringtray could not read the ${options.wording.name} API key from the keychain.`);
    }
    if (!candidate) return fail('missing-client-secret', missingApiKeyMessage(options));
    let user: string | null;
    try {
      user = (await options.identify?.(candidate)) ?? null;
    } catch (error) {
      if (error instanceof HttpError && error.status === 401) return fail('exchange-failed', refusedApiKeyMessage(options));
      logger.warn('could not check the API key', { error });
      return fail('exchange-failed', `Ringtray could not reach ${options.wording.name} to check the API key. Check the connection and the API base in Settings, then try again.`);
    }
    if (started !== generation) return fail('exchange-failed', signedOutMessage(options.wording.name));
    key = candidate;
    setStatus('signed-in', user ?? KEY_USER, null);
    const receivedAt = options.now?.() ?? Date.now();
    return { ok: true, tokens: { accessToken: candidate, refreshToken: null, expiresInSeconds: 0, receivedAt, scope: null, principal: user }, status: { ...status } };
  }

  return {
    tokens,
    signIn: () => flight.run(() => signIn()),
    cancelSignIn: () => flight.cancel(),
    async signOut() {
      await flight.cancel();
      generation += 1;
      key = null;
      setStatus('signed-out', null, null);
      if (profile.keyFromEnv) return;
      try {
        await options.store.delete(account);
      } catch (error) {
        logger.warn('could not delete the saved API key', { error });
        setStatus('signed-out', null, `Signed out, but the system keychain refused to delete the saved ${options.wording.name} API key (it may be locked). Unlock it and sign out again.`);
      }
    },
    async restore(user) {
      const started = generation;
      try {
        const saved = await readKey();
        if (started !== generation) return { ...status };
        if (saved) {
          key = saved;
          setStatus('signed-in', user ?? KEY_USER, null);
        }
      } catch (error) {
        logger.warn('could not read the saved API key', { error });
        setStatus('signed-out', null, isSecretStoreError(error) ? error.message : `Ringtray could not read the saved ${options.wording.name} API key.`);
      }
      return { ...status };
    },
    async dispose() {
      await flight.cancel();
      generation += 1;
      emitter.removeAll();
    },
  };
}
