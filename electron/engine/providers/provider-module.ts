import type { z } from 'zod';
import type { LineRef, ProviderId } from '../../../shared/calls';
import type { ProviderDescriptor, ProviderSettingsValues } from '../../../shared/providers';
import type { LineSelection } from '../../../shared/settings';
import type { AccessTokenSource } from '../auth/token-manager';
import type { LoopbackRedirect } from '../auth/loopback-redirect';
import type { JsonRequest, JsonResponse } from '../http/json-request';
import type { Logger } from '../log/logger';
import type { SecretStore } from '../secrets/secret-store';
import type { ConnectionManagerOptions } from '../transport/connection-manager';
import type { ProviderSession } from './provider-session';

// The provider module contract: everything the engine, the desktop shell, headless mode and the
// renderer need to know about one phone system, in one object exported from
// providers/<id>/<id>-provider.ts and listed once in providers/registry.ts. Nothing outside
// providers/<id>/ names a provider; the engine only ever holds a ProviderModule.
//
// The life of a provider in the engine:
//   settings.providers.<id> + env ──resolve()──▶ ConfiguredProvider (or a sentence: what to set)
//   ConfiguredProvider.credential ──▶ sign-in (OAuth loopback + PKCE, or an API key) ──▶ tokens
//   tokens ──account──▶ who signed in, the account id, the user's lines
//   tokens + account id ──createSession()──▶ ProviderSession (provider-session.ts) ──▶ CallEvents
// The fake backend for the demo and tests is registered separately, in electron/sandbox/registry.ts
// (loaded lazily: the production bundle carries no sandbox code unless the demo starts).

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * OAuth 2.0 authorization code with PKCE (S256, always sent) through a loopback redirect.
 * `clientAuth` says how the token endpoint authenticates the client:
 * - 'none': a public client, client_id in the form body and no secret (PKCE is the proof);
 * - 'basic': the client secret as HTTP Basic `base64(client_id:client_secret)`;
 * - 'body': client_id and client_secret as form fields.
 */
export interface OAuthProfile {
  kind: 'oauth';
  authorizeUrl: string;
  tokenUrl: string;
  /** The RFC 7009 revocation endpoint; null when the provider offers none (sign-out then forgets the token). */
  revokeUrl: string | null;
  clientId: string;
  clientAuth: 'none' | 'basic' | 'body';
  /** The secret from the environment; null: read from the keychain entry of `clientId` (never from settings). */
  clientSecretFromEnv: string | null;
  scopes: readonly string[];
  redirect: LoopbackRedirect;
  /** Extra query parameters on the authorize URL (e.g. a prompt or an audience). */
  authorizeParams: Readonly<Record<string, string>>;
  /**
   * True when every refresh answer carries a new refresh token and the old one stops working:
   * the new one is persisted before its access token is used. False: a refresh answer may omit
   * it and the old one is kept.
   */
  rotatesRefreshToken: boolean;
  /** The token answer's field naming the signed-in user (it names the keychain entry); null: ask `account.signedInUser`. */
  userClaim: string | null;
}

/** A key the user pastes instead of signing in through the browser; kept in the keychain. */
export interface ApiKeyProfile {
  kind: 'api-key';
  /** The key from the environment; null: the keychain entry of `keyOwner`. */
  keyFromEnv: string | null;
  /** Names the keychain entry (e.g. the account or company id the key belongs to). */
  keyOwner: string;
}

export type CredentialProfile = OAuthProfile | ApiKeyProfile;

/** An HTTP request with the current access token; a 401 refreshes once and retries (authorized-request.ts). */
export type AuthorizedRequest = <T>(request: JsonRequest<T>) => Promise<JsonResponse<T>>;

export interface ProviderContext {
  tokens: AccessTokenSource;
  request: AuthorizedRequest;
  log: Logger;
}

export type AccountIdResult = { ok: true; accountId: string } | { ok: false; message: string };

/** Account discovery: who signed in, which account, which lines are theirs. */
export interface ProviderAccount {
  /** The signed-in user when the token answer does not say (`OAuthProfile.userClaim` null, API keys). */
  signedInUser(context: ProviderContext): Promise<string | null>;
  /**
   * Discovers the account (tenant) id the session subscribes with, falling back to the manual
   * setting. A failure is a sentence that says what to set; network errors throw.
   */
  accountId(context: ProviderContext): Promise<AccountIdResult>;
  /** The account's lines (extensions) and which of them are the signed-in user's. */
  lines(context: ProviderContext): Promise<{ lines: LineRef[]; mine: string[] }>;
}

/** Socket timings and retry delays the tests shorten; a provider ignores what it does not use. */
export interface SessionTuning {
  connection?: Partial<Omit<ConnectionManagerOptions, 'dial' | 'classify' | 'onAuthError' | 'onChannelGone' | 'afterOpen'>>;
  reportRetryDelaysMs?: readonly number[];
  /** A label the provider may show for the app's subscription (GoTo's channel nickname). */
  nickname?: string;
}

/** Small non-secret values a provider keeps between runs (e.g. a websocket id it must reuse). */
export interface ProviderState {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
}

export interface ProviderSessionContext extends ProviderContext {
  /**
   * The account id, or its discovery in flight: a session may open its socket while discovery
   * still runs and wait for the id only where it needs it (GoTo's cold start stays 4 round trips).
   */
  accountId: string | (() => Promise<string>);
  /** Awaited before subscribing: the engine loads the user's lines so the line filter is set before any call. */
  beforeSubscribe: () => Promise<void>;
  /** The user's line choice, for a provider whose subscription itself is narrower or wider (RingCentral's "all lines"). */
  lineSelection?: LineSelection;
  now: () => number;
  tuning: SessionTuning;
  /** Kept per provider across restarts where the host can (settings file, headless state file); else memory. */
  state: ProviderState;
  /** The app's secret store (keychain): for secrets the provider creates itself, named `<id>:<kind>:<owner>`. */
  secrets: SecretStore;
  /** False for a call whose report nobody here watches (seen only on other lines): do not fetch it. */
  wantsReport?: (callId: string) => boolean;
  /** What the same user's previous session could not remove (ProviderSession.leftovers), to reuse or delete; null if none. */
  leftovers?: unknown;
}

/** A provider with its settings resolved: ready to sign in and to open sessions. */
export interface ConfiguredProvider {
  readonly credential: CredentialProfile;
  /** The account id the user set by hand (or by env); the session uses it without discovery. */
  readonly manualAccountId: string | null;
  readonly account: ProviderAccount;
  createSession(context: ProviderSessionContext): ProviderSession;
}

export type ResolveResult = { ok: true; provider: ConfiguredProvider } | { ok: false; message: string; problems: string[] };

export interface ProviderModule {
  readonly id: ProviderId;
  /** As the user knows it (the product's full name). Used in every sentence ("{name} refused …"). */
  readonly displayName: string;
  /** The name in sentences when shorter than displayName ("{shortName} refused …"); default displayName. */
  readonly shortName?: string;
  /**
   * The top-level key older versions of Ringtray saved this provider's settings under (before
   * settings.providers.<id>); a settings file that has it is migrated on first start.
   */
  readonly legacySettingsKey?: string;
  /** What Settings and the first-run screen show (fields, the secret, set-up steps); `demo` is added by the registry. */
  readonly descriptor: Omit<ProviderDescriptor, 'id' | 'displayName' | 'shortName' | 'demo'>;
  readonly settings: {
    /** settings.providers.<id>, checked in main before saving; issue paths are field keys. No secrets. */
    schema: z.ZodType<ProviderSettingsValues>;
    defaults: ProviderSettingsValues;
  };
  /** Every environment variable the provider reads, for --help and the docs. */
  readonly env: ReadonlyArray<{ name: string; help: string }>;
  /** The provider's own sites (help, developer portal) that links in the app may open without asking. */
  readonly linkHosts?: readonly string[];
  /** How far back one call-history query may reach (a report API's own limit). */
  readonly historyWindowMs: number;
  /** Defaults ← saved settings ← env (env wins), validated. Never throws; never puts a secret in a message. */
  resolve(settings: ProviderSettingsValues, env: Env): ResolveResult;
}
