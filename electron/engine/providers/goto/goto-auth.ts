// GoTo sign-in, tokens and sign-out wired together: what the app and headless mode call.
import { gotoOAuthEndpoints, type GotoConfig } from './goto-config';
import { silentLogger, type Logger } from '../../log/logger';
import { isSecretStoreError, type SecretStore } from '../../secrets/secret-store';
import { MISSING_CLIENT_SECRET_MESSAGE, resolveClientSecret } from '../../auth/client-secret';
import { startLoopbackSignIn, type SignInAttempt, type SignInResult } from '../../auth/loopback-sign-in';
import { createOAuthTokenClient, type OAuthTokenClient } from '../../auth/oauth-token-client';
import { AuthConfigError } from '../../auth/token-errors';
import { TokenManager, type AuthStatus } from '../../auth/token-manager';

export interface GotoAuthOptions {
  config: GotoConfig;
  store: SecretStore;
  /** Electron's shell.openExternal in the app; print the URL in headless mode. */
  openUrl: (url: string) => void | Promise<void>;
  logger?: Logger;
  now?: () => number;
  signInTimeoutMs?: number;
  tokenTimeoutMs?: number;
}

export type GotoSignInOutcome = SignInResult & { status: AuthStatus };

export interface GotoAuth {
  readonly tokens: TokenManager;
  /** Runs one loopback sign-in (cancelling any earlier attempt). Never rejects. */
  signIn(): Promise<GotoSignInOutcome>;
  cancelSignIn(): Promise<void>;
  /** Deletes the saved refresh token; subscribers of tokens.onState see 'signed-out'. */
  signOut(): Promise<void>;
  /** At startup, with the user remembered in (non-secret) settings. */
  restore(user: string): Promise<AuthStatus>;
  dispose(): Promise<void>;
}

export function createGotoAuth(options: GotoAuthOptions): GotoAuth {
  const { config, store } = options;
  const logger = options.logger ?? silentLogger;
  const { authorizeUrl, tokenUrl } = gotoOAuthEndpoints(config);
  let attempt: SignInAttempt | null = null;

  // The secret is read when needed (not at startup) so a locked keychain shows up as a state.
  const tokenClient = async (): Promise<OAuthTokenClient> => {
    const clientSecret = await resolveClientSecret(config, store);
    if (!clientSecret) throw new AuthConfigError(MISSING_CLIENT_SECRET_MESSAGE);
    return createOAuthTokenClient({ tokenUrl, clientId: config.clientId, clientSecret, timeoutMs: options.tokenTimeoutMs, now: options.now });
  };

  const tokens = new TokenManager({
    provider: 'goto',
    store,
    logger,
    now: options.now,
    grant: { refresh: async (refreshToken, signal) => (await tokenClient()).refresh(refreshToken, signal) },
  });

  async function signIn(): Promise<GotoSignInOutcome> {
    await attempt?.cancel();
    tokens.beginSignIn();
    let client: OAuthTokenClient;
    try {
      client = await tokenClient();
    } catch (error) {
      const message = error instanceof AuthConfigError || isSecretStoreError(error) ? error.message : 'Ringtray could not prepare the GoTo sign-in.';
      tokens.endSignIn(message);
      return { ok: false, reason: error instanceof AuthConfigError ? 'missing-client-secret' : 'keychain', message, status: tokens.current };
    }
    const current = startLoopbackSignIn({
      authorizeUrl,
      redirect: config.redirect,
      clientId: config.clientId,
      scopes: config.scopes,
      tokenClient: client,
      openUrl: options.openUrl,
      timeoutMs: options.signInTimeoutMs,
      logger,
    });
    attempt = current;
    const result = await current.result;
    if (attempt === current) attempt = null;
    if (!result.ok) {
      tokens.endSignIn(result.message);
      return { ...result, status: tokens.current };
    }
    const status = await tokens.acceptSignIn(result.tokens);
    return { ...result, status };
  }

  return {
    tokens,
    signIn,
    async cancelSignIn() {
      await attempt?.cancel();
    },
    async signOut() {
      await attempt?.cancel();
      await tokens.signOut();
    },
    restore: (user) => tokens.restore(user),
    async dispose() {
      await attempt?.cancel();
      tokens.dispose();
    },
  };
}
