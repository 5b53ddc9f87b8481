// GoTo sign-in, tokens and sign-out wired together: what the app and headless mode call.
import { gotoOAuthEndpoints, type GotoConfig } from './goto-config';
import { silentLogger, type Logger } from '../../log/logger';
import { isSecretStoreError, type SecretStore } from '../../secrets/secret-store';
import { MISSING_CLIENT_SECRET_MESSAGE, resolveClientSecret } from '../../auth/client-secret';
import { startLoopbackSignIn, type SignInAttempt, type SignInResult } from '../../auth/loopback-sign-in';
import { createOAuthTokenClient, type OAuthTokenClient } from '../../auth/oauth-token-client';
import { createSignInFlight, type SignInFlightControl } from '../../auth/sign-in-flight';
import { SIGN_IN_CANCELLED_MESSAGE } from '../../auth/sign-in-messages';
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
  /** Runs one loopback sign-in, or joins the one in progress (single flight). Never rejects. */
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
  const flight = createSignInFlight<GotoSignInOutcome>();

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

  async function runSignIn(control: SignInFlightControl): Promise<GotoSignInOutcome> {
    tokens.beginSignIn();
    let client: OAuthTokenClient;
    try {
      client = await tokenClient();
    } catch (error) {
      const message = error instanceof AuthConfigError || isSecretStoreError(error) ? error.message : 'Ringtray could not prepare the GoTo sign-in.';
      tokens.endSignIn(message);
      return { ok: false, reason: error instanceof AuthConfigError ? 'missing-client-secret' : 'keychain', message, status: tokens.current };
    }
    if (control.cancelled) {
      tokens.endSignIn(SIGN_IN_CANCELLED_MESSAGE);
      return { ok: false, reason: 'cancelled', message: SIGN_IN_CANCELLED_MESSAGE, status: tokens.current };
    }
    const attempt: SignInAttempt = startLoopbackSignIn({
      authorizeUrl,
      redirect: config.redirect,
      clientId: config.clientId,
      scopes: config.scopes,
      tokenClient: client,
      openUrl: control.opener(options.openUrl),
      timeoutMs: options.signInTimeoutMs,
      logger,
    });
    control.attach(attempt);
    const result = await attempt.result;
    if (!result.ok) {
      tokens.endSignIn(result.message);
      return { ...result, status: tokens.current };
    }
    const status = await tokens.acceptSignIn(result.tokens);
    return { ...result, status };
  }

  return {
    tokens,
    signIn: () => flight.run(runSignIn),
    cancelSignIn: () => flight.cancel(),
    async signOut() {
      await flight.cancel();
      await tokens.signOut();
    },
    restore: (user) => tokens.restore(user),
    async dispose() {
      await flight.cancel();
      tokens.dispose();
    },
  };
}
