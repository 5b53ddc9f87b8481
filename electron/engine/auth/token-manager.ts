// The one owner of a provider's tokens (docs/architecture.md#one-owner-per-resource; docs/reliability.md#tokens).
// Access tokens live only in memory; the refresh token lives in the secret store (keychain) and in
// memory. Every rule below is a line of docs/reliability.md#tokens:
// - serve the cached access token until expiresAt − min(5 min, 10 % of lifetime), expiresAt from
//   the local receive time (server clocks can be minutes off);
// - single flight: concurrent callers share one refresh; the in-flight promise is cleared on both
//   success and failure;
// - invalid_grant/invalid_client → delete the refresh token, needs-sign-in once;
// - network/5xx/429 → keep the refresh token, back off (Retry-After wins), retry on a later call;
// - a rotated refresh token is persisted before the new access token is used; if the keychain
//   write fails the new token stays in memory and persisting is retried (the old one is never
//   reused);
// - sign-out racing a refresh writes nothing afterwards: store operations run one at a time and a
//   write checks the session generation just before it runs.
import { HttpError } from '../http/http-errors';
import { silentLogger, type Logger } from '../log/logger';
import { isSecretStoreError, refreshTokenAccount, type SecretStore } from '../secrets/secret-store';
import { AuthConfigError, needsSignInMessage, signedOutMessage, TokenError } from './token-errors';
import type { TokenSet } from './token-response';
import { EventList } from '../events/typed-events';

export type AuthState = 'signed-out' | 'signing-in' | 'signed-in' | 'needs-sign-in';

export interface AuthStatus {
  state: AuthState;
  /** The signed-in user (the token answer's user claim), never a secret. */
  user: string | null;
  /** A sentence for the user when something needs attention (keychain locked, sign-in failed …). */
  message: string | null;
}

export interface RefreshGrant {
  /** Throws HttpError (classified here), AuthConfigError or SecretStoreError. */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenSet>;
}

export interface TokenManagerOptions {
  /** The provider id: names the keychain entries. */
  provider: string;
  /** The provider as sentences name it; default the id. */
  providerName?: string;
  store: SecretStore;
  grant: RefreshGrant;
  now?: () => number;
  /**
   * The clock for waits (backoff, Retry-After): monotonic, so a wall clock stepped back (NTP,
   * the user, a VM restored) cannot hold refreshes off for the size of the step. Defaults to
   * `now` when a test injects one (it then drives both), else performance.now().
   */
  monotonic?: () => number;
  logger?: Logger;
  /** Backoff after transient refresh failures: the 1st retry is immediate, then base × 2^n, capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** First delay before retrying a failed keychain write (doubles, capped at 5 min). */
  persistRetryMs?: number;
  random?: () => number;
}

/** What authorizedRequest needs; TokenManager implements it. */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  /** After a 401 for `rejected`: a new token (one refresh even if many callers report the same token). */
  forceRefresh(rejected?: string): Promise<string>;
}

interface CachedAccess {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

const SIGN_OUT_NOT_DELETED_MESSAGE =
  'Signed out, but the system keychain refused to delete your saved sign-in (it may be locked). Unlock the keychain and sign out again, or remove the "Ringtray" entry from it.';

export class TokenManager implements AccessTokenSource {
  private readonly log: Logger;
  private readonly name: string;
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private readonly emitter: EventList<{ state: (status: AuthStatus) => void }>;
  private status: AuthStatus = { state: 'signed-out', user: null, message: null };
  /** Bumped by sign-in and sign-out: results of older flights are discarded. */
  private generation = 0;
  private refreshToken: string | null = null;
  private access: CachedAccess | null = null;
  private inFlight: Promise<string> | null = null;
  private flightAbort: AbortController | null = null;
  private failures = 0;
  private notBefore = 0;
  private lastFailure: TokenError | null = null;
  /** A rotated refresh token the keychain has not accepted yet. */
  private unpersisted: string | null = null;
  private persistTimer: NodeJS.Timeout | null = null;
  private persistDelay: number;
  private storeQueue: Promise<void> = Promise.resolve();

  constructor(private readonly options: TokenManagerOptions) {
    this.name = options.providerName ?? options.provider;
    this.log = (options.logger ?? silentLogger).child('tokens');
    this.now = options.now ?? Date.now;
    this.monotonic = options.monotonic ?? options.now ?? (() => performance.now());
    this.emitter = new EventList((event, error) => this.log.error('event listener threw', { event: String(event), error }));
    this.persistDelay = options.persistRetryMs ?? 5_000;
  }

  get current(): AuthStatus {
    return { ...this.status };
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onState(listener: (status: AuthStatus) => void): () => void {
    return this.emitter.on('state', listener);
  }

  /** At startup: picks up the refresh token saved for `user`. Never throws. */
  async restore(user: string): Promise<AuthStatus> {
    const generation = this.generation;
    try {
      const saved = await this.enqueue(() => this.options.store.get(this.account(user)));
      if (generation !== this.generation) return this.current;
      if (saved) {
        this.refreshToken = saved;
        this.setStatus('signed-in', user, null);
      } else {
        this.setStatus('signed-out', null, null);
      }
    } catch (error) {
      if (generation !== this.generation) return this.current;
      this.log.warn('could not read the saved sign-in', { error });
      this.setStatus('signed-out', null, isSecretStoreError(error) ? error.message : 'Ringtray could not read your saved sign-in. Sign in again.');
    }
    return this.current;
  }

  beginSignIn(): void {
    this.setStatus('signing-in', this.status.user, null);
  }

  /** A sign-in attempt ended without tokens: back to what we had, with the reason. */
  endSignIn(message: string | null): void {
    if (this.status.state !== 'signing-in') return;
    const state = this.refreshToken || this.access ? 'signed-in' : 'signed-out';
    this.setStatus(state, state === 'signed-in' ? this.status.user : null, message);
  }

  /** Starts a session from a successful sign-in; persists the refresh token. */
  async acceptSignIn(tokens: TokenSet): Promise<AuthStatus> {
    const previousUser = this.status.user;
    this.resetSession();
    const generation = this.generation;
    const user = tokens.principal ?? 'default';
    this.refreshToken = tokens.refreshToken;
    this.access = this.cache(tokens);
    if (previousUser && previousUser !== user) void this.deleteSaved(previousUser);
    let message: string | null = tokens.refreshToken ? null : `${this.name} returned no refresh token: you will have to sign in again when this session expires.`;
    if (tokens.refreshToken) {
      const stored = await this.persist(generation, user, tokens.refreshToken);
      if (!stored.ok) message = stored.message;
    }
    if (generation === this.generation) this.setStatus('signed-in', user, message);
    return this.current;
  }

  async getAccessToken(): Promise<string> {
    if (this.access && this.now() < this.access.refreshAt) return this.access.token;
    return this.refresh();
  }

  async forceRefresh(rejected?: string): Promise<string> {
    if (this.inFlight) return this.inFlight;
    const access = this.access;
    // Another caller already replaced the rejected token: use the new one, no second refresh.
    if (access && rejected !== undefined && access.token !== rejected && this.now() < access.refreshAt) return access.token;
    if (access && (rejected === undefined || access.token === rejected)) this.access = null;
    return this.refresh();
  }

  /** The refresh token, only so sign-out can revoke it at the provider (RFC 7009) after forgetting it here. */
  refreshTokenForRevocation(): string | null {
    return this.unpersisted ?? this.refreshToken;
  }

  /** Forgets the session and deletes the saved refresh token; resolves once the store is clean. */
  async signOut(): Promise<void> {
    const user = this.status.user;
    this.resetSession();
    const generation = this.generation;
    this.setStatus('signed-out', null, null);
    if (!user) return;
    // A token left in a locked keychain is still valid: the user must hear that it stayed.
    const deleted = await this.deleteSaved(user);
    if (!deleted && generation === this.generation && this.status.state === 'signed-out') this.setStatus('signed-out', null, SIGN_OUT_NOT_DELETED_MESSAGE);
  }

  /** Stops timers and in-flight work (app quit). Keeps the saved refresh token. */
  dispose(): void {
    this.generation += 1;
    this.flightAbort?.abort();
    this.clearPersistTimer();
    this.emitter.removeAll();
  }

  private refresh(): Promise<string> {
    if (this.inFlight) return this.inFlight;
    const refreshToken = this.refreshToken;
    if (!refreshToken) {
      const needs = this.status.state === 'needs-sign-in';
      return Promise.reject(new TokenError(needs ? 'needs-sign-in' : 'signed-out', needs ? needsSignInMessage(this.name) : signedOutMessage(this.name)));
    }
    const wait = this.notBefore - this.monotonic();
    if (wait > 0) {
      // Backing off: a still-valid token is fine; otherwise fail fast without hitting the server.
      if (this.access && this.now() < this.access.expiresAt) return Promise.resolve(this.access.token);
      return Promise.reject(new TokenError('unavailable', this.lastFailure?.message ?? `${this.name} sign-in service unavailable.`, wait));
    }
    const flight = this.runRefresh(this.generation, refreshToken);
    const shared = flight.finally(() => {
      if (this.inFlight === shared) this.inFlight = null;
    });
    this.inFlight = shared;
    return shared;
  }

  private async runRefresh(generation: number, refreshToken: string): Promise<string> {
    const abort = new AbortController();
    this.flightAbort = abort;
    let tokens: TokenSet;
    try {
      tokens = await this.options.grant.refresh(refreshToken, abort.signal);
    } catch (error) {
      if (generation !== this.generation) throw new TokenError('signed-out', signedOutMessage(this.name));
      return this.refreshFailed(error, generation);
    }
    if (generation !== this.generation) throw new TokenError('signed-out', signedOutMessage(this.name));
    this.failures = 0;
    this.notBefore = 0;
    this.lastFailure = null;
    const user = this.status.user ?? 'default';
    if (tokens.refreshToken && tokens.refreshToken !== refreshToken) {
      // Rotation: from now on only the new refresh token is valid. Persist before use.
      this.refreshToken = tokens.refreshToken;
      const stored = await this.persist(generation, user, tokens.refreshToken);
      if (generation !== this.generation) throw new TokenError('signed-out', signedOutMessage(this.name));
      this.setStatus('signed-in', user, stored.ok ? null : stored.message);
    } else if (this.status.state === 'signed-in' && this.status.message && !this.unpersisted) {
      this.setStatus('signed-in', user, null);
    }
    this.access = this.cache(tokens);
    return tokens.accessToken;
  }

  private refreshFailed(error: unknown, generation: number): string {
    const code = error instanceof HttpError ? error.details.errorCode : undefined;
    const rejected = error instanceof HttpError && error.kind === 'status' && (code === 'invalid_grant' || code === 'invalid_client' || error.status === 401);
    if (rejected) {
      this.log.warn('refresh token rejected: sign-in needed', { status: error.status, errorCode: code });
      const user = this.status.user;
      this.resetSession(generation);
      this.setStatus('needs-sign-in', user, needsSignInMessage(this.name));
      if (user) void this.deleteSaved(user);
      throw new TokenError('needs-sign-in', needsSignInMessage(this.name));
    }
    if (error instanceof AuthConfigError) {
      throw new TokenError('misconfigured', error.message);
    }
    this.failures += 1;
    const retryAfterMs = error instanceof HttpError && error.details.retryAfterSeconds !== undefined ? error.details.retryAfterSeconds * 1000 : 0;
    const delay = Math.max(retryAfterMs, this.backoff(this.failures));
    this.notBefore = this.monotonic() + delay;
    const problem = error instanceof HttpError ? error.details.problem : undefined;
    const message = isSecretStoreError(error) ? error.message : (problem?.message ?? `Ringtray could not reach ${this.name} to renew the sign-in; it will keep trying.`);
    this.lastFailure = new TokenError('unavailable', message, delay);
    this.log.warn('token refresh failed; will retry', { failures: this.failures, retryInMs: delay, error });
    if (this.access && this.now() < this.access.expiresAt) return this.access.token;
    throw this.lastFailure;
  }

  private backoff(failures: number): number {
    if (failures <= 1) return 0;
    const base = this.options.backoffBaseMs ?? 1_000;
    const capped = Math.min(this.options.backoffMaxMs ?? 60_000, base * 2 ** (failures - 2));
    return Math.round(capped * (0.5 + (this.options.random ?? Math.random)() * 0.5));
  }

  private cache(tokens: TokenSet): CachedAccess {
    const lifetimeMs = tokens.expiresInSeconds * 1000;
    const marginMs = Math.min(5 * 60_000, lifetimeMs / 10);
    return { token: tokens.accessToken, refreshAt: tokens.receivedAt + lifetimeMs - marginMs, expiresAt: tokens.receivedAt + lifetimeMs };
  }

  /** Clears memory and bumps the generation so any in-flight refresh or queued write is void. */
  private resetSession(expectedGeneration?: number): void {
    if (expectedGeneration === undefined || expectedGeneration === this.generation) this.generation += 1;
    this.flightAbort?.abort();
    this.flightAbort = null;
    this.inFlight = null;
    this.refreshToken = null;
    this.unpersisted = null;
    this.access = null;
    this.failures = 0;
    this.notBefore = 0;
    this.lastFailure = null;
    this.clearPersistTimer();
  }

  private async persist(generation: number, user: string, refreshToken: string): Promise<{ ok: true } | { ok: false; message: string }> {
    this.unpersisted = refreshToken;
    try {
      await this.enqueue(async () => {
        if (generation !== this.generation) return;
        await this.options.store.set(this.account(user), refreshToken);
      });
      if (this.unpersisted === refreshToken) this.unpersisted = null;
      this.persistDelay = this.options.persistRetryMs ?? 5_000;
      return { ok: true };
    } catch (error) {
      this.log.warn('could not save the refresh token; keeping it in memory', { error });
      this.schedulePersistRetry(generation, user);
      return { ok: false, message: isSecretStoreError(error) ? error.message : 'Ringtray could not save your sign-in; it stays in memory until Ringtray quits.' };
    }
  }

  private schedulePersistRetry(generation: number, user: string): void {
    this.clearPersistTimer();
    const delay = this.persistDelay;
    this.persistDelay = Math.min(delay * 2, 5 * 60_000);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = null;
      const token = this.unpersisted;
      if (!token || generation !== this.generation) return;
      void this.persist(generation, user, token).then((stored) => {
        if (stored.ok && generation === this.generation && this.status.state === 'signed-in') this.setStatus('signed-in', user, null);
      });
    }, delay);
    this.persistTimer.unref();
  }

  private clearPersistTimer(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = null;
  }

  /** False when the store refused (locked, unavailable): the token is still saved. */
  private async deleteSaved(user: string): Promise<boolean> {
    try {
      await this.enqueue(() => this.options.store.delete(this.account(user)));
      return true;
    } catch (error) {
      this.log.warn('could not delete the saved refresh token', { error });
      return false;
    }
  }

  /** Store operations run strictly one after another, so a delete always lands after an earlier write. */
  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.storeQueue.then(op);
    this.storeQueue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private account(user: string): string {
    return refreshTokenAccount(this.options.provider, user);
  }

  private setStatus(state: AuthState, user: string | null, message: string | null): void {
    const s = this.status;
    if (s.state === state && s.user === user && s.message === message) return;
    this.status = { state, user, message };
    this.log.info('auth state', { state, user, hasMessage: message !== null });
    this.emitter.emit('state', { ...this.status });
  }
}
