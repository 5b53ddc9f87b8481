// Sign-in, tokens and sign-out for one provider, wired from its credential profile: what the
// engine calls. OAuth providers sign in through the loopback redirect (PKCE always); the token
// manager owns the tokens; sign-out revokes the refresh token where the provider offers it.
import type { CredentialProfile, OAuthProfile } from '../providers/provider-module';
import { silentLogger, type Logger } from '../log/logger';
import { isSecretStoreError, type SecretStore } from '../secrets/secret-store';
import { missingClientSecretMessage, resolveClientSecret } from './client-secret';
import { startLoopbackSignIn, type SignInAttempt, type SignInResult } from './loopback-sign-in';
import { createSignInFlight, type SignInFlightControl } from './sign-in-flight';
import { SIGN_IN_CANCELLED_MESSAGE } from './sign-in-messages';
import { createOAuthTokenClient, type OAuthTokenClient } from './oauth-token-client';
import type { ProviderWording } from './provider-wording';
import { createApiKeyAuth } from './api-key-auth';
import { AuthConfigError } from './token-errors';
import { TokenManager, type AccessTokenSource, type AuthStatus } from './token-manager';

export interface ProviderAuthOptions {
  /** The provider id: names the keychain entries. */
  provider: string;
  wording: ProviderWording;
  credential: CredentialProfile;
  store: SecretStore;
  /** Electron's shell.openExternal in the app; print the URL in headless mode. */
  openUrl: (url: string) => void | Promise<void>;
  logger?: Logger;
  now?: () => number;
  signInTimeoutMs?: number;
  tokenTimeoutMs?: number;
  /** Names the signed-in user from a fresh access token when the token answer does not (no user claim). */
  identify?: (accessToken: string) => Promise<string | null>;
}

export type SignInOutcome = SignInResult & { status: AuthStatus };

/** What the engine reads of the tokens: the access token, and the auth state with its changes. */
export interface AuthTokens extends AccessTokenSource {
  readonly current: AuthStatus;
  onState(listener: (status: AuthStatus) => void): () => void;
}

export interface ProviderAuth {
  readonly tokens: AuthTokens;
  /** Runs one loopback sign-in, or joins the one in progress (single flight). Never rejects. */
  signIn(): Promise<SignInOutcome>;
  cancelSignIn(): Promise<void>;
  /** Revokes (where offered) and deletes the saved refresh token; subscribers of tokens.onState see 'signed-out'. */
  signOut(): Promise<void>;
  /** At startup, with the user remembered in (non-secret) settings, if any. */
  restore(user: string | null): Promise<AuthStatus>;
  dispose(): Promise<void>;
}

export function createProviderAuth(options: ProviderAuthOptions): ProviderAuth {
  const { credential } = options;
  return credential.kind === 'api-key' ? createApiKeyAuth(options, credential) : createOAuthAuth(options, credential);
}

function createOAuthAuth(options: ProviderAuthOptions, profile: OAuthProfile): ProviderAuth {
  const { store, wording } = options;
  const logger = options.logger ?? silentLogger;
  const flight = createSignInFlight<SignInOutcome>();

  // The secret is read when needed (not at startup) so a locked keychain shows up as a state.
  const tokenClient = async (): Promise<OAuthTokenClient> => {
    let clientSecret: string | null = null;
    if (profile.clientAuth !== 'none') {
      clientSecret = await resolveClientSecret(options.provider, profile, store);
      if (!clientSecret) throw new AuthConfigError(missingClientSecretMessage(wording));
    }
    return createOAuthTokenClient({
      tokenUrl: profile.tokenUrl,
      revokeUrl: profile.revokeUrl,
      clientId: profile.clientId,
      clientSecret,
      clientAuth: profile.clientAuth,
      userClaim: profile.userClaim,
      timeoutMs: options.tokenTimeoutMs,
      now: options.now,
    });
  };

  const tokens = new TokenManager({
    provider: options.provider,
    providerName: wording.name,
    store,
    logger,
    now: options.now,
    grant: { refresh: async (refreshToken, signal) => (await tokenClient()).refresh(refreshToken, signal) },
  });

  async function runSignIn(control: SignInFlightControl): Promise<SignInOutcome> {
    tokens.beginSignIn();
    let client: OAuthTokenClient;
    try {
      client = await tokenClient();
    } catch (error) {
      const message = error instanceof AuthConfigError || isSecretStoreError(error) ? error.message : `Ringtray could not prepare the ${wording.name} sign-in.`;
      tokens.endSignIn(message);
      return { ok: false, reason: error instanceof AuthConfigError ? 'missing-client-secret' : 'keychain', message, status: tokens.current };
    }
    if (control.cancelled) {
      tokens.endSignIn(SIGN_IN_CANCELLED_MESSAGE);
      return { ok: false, reason: 'cancelled', message: SIGN_IN_CANCELLED_MESSAGE, status: tokens.current };
    }
    const attempt: SignInAttempt = startLoopbackSignIn({
      authorizeUrl: profile.authorizeUrl,
      redirect: profile.redirect,
      clientId: profile.clientId,
      scopes: profile.scopes,
      authorizeParams: profile.authorizeParams,
      tokenClient: client,
      openUrl: control.opener(options.openUrl),
      timeoutMs: options.signInTimeoutMs,
      wording,
      logger,
    });
    control.attach(attempt);
    const result = await attempt.result;
    if (!result.ok) {
      tokens.endSignIn(result.message);
      return { ...result, status: tokens.current };
    }
    let signedIn = result.tokens;
    if (!signedIn.principal && options.identify) {
      try {
        signedIn = { ...signedIn, principal: await options.identify(signedIn.accessToken) };
      } catch (error) {
        logger.warn('could not read who signed in', { error });
      }
    }
    const status = await tokens.acceptSignIn(signedIn);
    return { ...result, tokens: signedIn, status };
  }

  /** Best effort: the token is forgotten here whatever the provider answers. */
  async function revoke(refreshToken: string | null): Promise<void> {
    if (!profile.revokeUrl || !refreshToken) return;
    try {
      await (await tokenClient()).revoke(refreshToken, 5_000);
    } catch (error) {
      logger.warn('could not revoke the refresh token', { error });
    }
  }

  return {
    tokens,
    signIn: () => flight.run(runSignIn),
    cancelSignIn: () => flight.cancel(),
    async signOut() {
      await flight.cancel();
      const refreshToken = tokens.refreshTokenForRevocation();
      await tokens.signOut();
      await revoke(refreshToken);
    },
    restore: (user) => (user ? tokens.restore(user) : Promise.resolve(tokens.current)),
    async dispose() {
      await flight.cancel();
      tokens.dispose();
    },
  };
}
