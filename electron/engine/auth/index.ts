export { authorizedRequest } from './authorized-request';
export { missingClientSecretMessage, resolveClientSecret, saveClientSecret } from './client-secret';
export { DEFAULT_SIGN_IN_TIMEOUT_MS, startLoopbackSignIn, type LoopbackSignInOptions, type SignInAttempt, type SignInResult } from './loopback-sign-in';
export { createOAuthTokenClient, type OAuthClientCredentials, type OAuthTokenClient } from './oauth-token-client';
export type { SignInFailure } from './sign-in-messages';
export { AuthConfigError, TokenError, type TokenErrorKind } from './token-errors';
export { TokenManager, type AccessTokenSource, type AuthState, type AuthStatus, type RefreshGrant, type TokenManagerOptions } from './token-manager';
export type { TokenSet } from './token-response';
