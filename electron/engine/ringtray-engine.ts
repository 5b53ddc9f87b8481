/**
 * The engine: sign-in and tokens (auth/), the provider's session (providers/<id>/, through the
 * ProviderModule contract), the call tracker (calls/) and the status the user sees, wired
 * together with no Electron and without knowing which provider it runs. The desktop shell
 * and headless mode drive it through `RingtrayEngine` (engine-api.ts).
 *
 *   token state ─┐
 *                ├─▶ status ──▶ onStatus listeners (tray, windows, JSON lines)
 *   socket state ┘
 *   session events ──▶ tracker ──▶ notices ──▶ onNotice listeners
 *
 * Signed in → discover the account id and the user's lines → start the provider session.
 * Signed out / needs sign-in → stop the session (its channel is deleted).
 * A session stopped for good (needs-attention) is replaced — never kept — by Retry, a new
 * sign-in, a settings change, resume, the network coming back, or the slow automatic retry
 * (docs/reliability.md#stopped-sessions).
 */
import { isDeepStrictEqual } from 'node:util';
import type { CallNotice, CallReport } from '../../shared/calls';
import { matchesRecentCallsSearch } from '../../shared/recent-calls-search';
import { authorizedRequest } from './auth/authorized-request';
import { createProviderAuth, type ProviderAuth } from './auth/provider-auth';
import { SignInError } from './auth/sign-in-error';
import type { AuthStatus } from './auth/token-manager';
import { createCallTracker, type CallTracker } from './calls/call-tracker';
import { ALL_LINES, type LineFilter } from './calls/line-filter';
import type { LineSelection } from '../../shared/settings';
import type { EngineStatus, RecentCallsRequest, RecentCallsResult, ReportLookup, RingtrayEngine } from './engine-api';
import { engineProblem } from './engine-problem';
import { deriveStatus } from './engine-status';
import { currentNetworkProblem, networkPort, onNetworkProblem } from './net/network';
import type { StatusProblem } from '../../shared/status';
import type { ConfiguredProvider, CredentialProfile, ProviderContext, ProviderModule, ProviderState, SessionTuning } from './providers/provider-module';
import type { ProviderSession } from './providers/provider-session';
import { wordingOf } from './providers/provider-wording';
import type { Logger } from './log/logger';
import { mergeCalls } from './recent-calls';
import type { SecretStore } from './secrets/secret-store';
import { FatalConnectionError } from './transport/transport-errors';
import { TypedEvents } from './events/typed-events';
import { createProviderInput, type ProviderInput } from './provider-input';

const REPORT_CACHE_SIZE = 200;
/**
 * A stopped session is retried by itself this often (docs/reliability.md#stopped-sessions): an admin
 * may grant the missing right later. Slow, because each try that fails costs the provider a few
 * requests; jittered ±20 % so desktops of one account do not retry together.
 */
const ATTENTION_RETRY_MS = 5 * 60_000;
const ATTENTION_RETRY_JITTER = 0.2;

/** Where the signed-in user's name is kept between runs (not a secret: it names the keychain entry). */
export interface RememberedUser {
  get(): string | null;
  set(user: string | null): void;
}

export interface EngineOptions {
  provider: ProviderModule;
  /** The provider with its settings resolved (ProviderModule.resolve). */
  configured: ConfiguredProvider;
  store: SecretStore;
  log: Logger;
  openUrl: (url: string) => void | Promise<void>;
  lineSelection: LineSelection;
  rememberedUser?: RememberedUser;
  demo?: boolean;
  now?: () => number;
  signInTimeoutMs?: number;
  /** Socket timings and report retry delays (tests shorten them). */
  session?: SessionTuning;
  /** Where the provider keeps small values between runs; default memory. */
  providerState?: ProviderState;
  /** How long a stopped session waits before retrying by itself (default ATTENTION_RETRY_MS, ±20 %). */
  attentionRetryMs?: number;
  random?: () => number;
}

function memoryState(): ProviderState {
  const values = new Map<string, string>();
  return { get: (key) => values.get(key) ?? null, set: (key, value) => void (value === null ? values.delete(key) : values.set(key, value)) };
}

interface EngineEvents {
  status: (status: EngineStatus) => void;
  notice: (notice: CallNotice) => void;
}

export class Engine extends TypedEvents<EngineEvents> implements RingtrayEngine {
  readonly auth: ProviderAuth;
  readonly tracker: CallTracker;
  private session: ProviderSession | null = null;
  /** What a stopped session could not remove, and whose it is (handed to the same user's next session). */
  private leftover: { user: string | null; resources: unknown } | null = null;
  private connecting: Promise<void> | null = null;
  private accountKey: string | null;
  private myLines: string[] | null = null;
  private selection: LineSelection;
  /** The provider with the current settings; reconfigure() swaps it when the sign-in stays valid. */
  private configured: ConfiguredProvider;
  private engineProblem: StatusProblem | null = null;
  /** The slow automatic retry of a stopped session, and when it fires. */
  private attentionTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAt: number | null = null;
  private restarting: Promise<void> | null = null;
  /** A saved sign-in the keychain would not give at start (locked): tried again later. */
  private unrestored: { user: string | null } | null = null;
  private restoreTimer: ReturnType<typeof setTimeout> | null = null;
  private last: EngineStatus;
  /** Re-derives the status when a proxy or certificate problem starts or ends; null once stopped. */
  /** Listening from start() to stop() only: the listener list is the whole process's. */
  private offNetworkProblem: (() => void) | null = null;
  private readonly reports = new Map<string, CallReport>();
  private readonly now: () => number;
  private readonly remembered: RememberedUser;
  private readonly name: string;
  private readonly providerState: ProviderState;
  private stopped = false;
  private readonly input: ProviderInput;

  constructor(private readonly options: EngineOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.selection = options.lineSelection;
    this.configured = options.configured;
    this.accountKey = options.configured.manualAccountId;
    this.name = wordingOf(options.provider).name;
    this.providerState = options.providerState ?? memoryState();
    let memoryUser: string | null = null;
    this.remembered = options.rememberedUser ?? { get: () => memoryUser, set: (u) => void (memoryUser = u) };
    this.onListenerError = (event, error) => options.log.error('engine listener threw', { event: String(event), error });
    this.input = createProviderInput(options.log.child('provider-input'));
    this.auth = createProviderAuth({
      provider: options.provider.id,
      wording: wordingOf(options.provider),
      credential: options.configured.credential,
      identify: (accessToken) => this.configured.account.signedInUser(this.identifyContext(accessToken)),
      store: options.store,
      openUrl: options.openUrl,
      logger: options.log.child('auth'),
      now: options.now,
      signInTimeoutMs: options.signInTimeoutMs,
    });
    this.tracker = createCallTracker({ lineFilter: ALL_LINES, now: this.now, logger: options.log.child('calls') });
    this.tracker.subscribe((notice) => this.emit('notice', notice));
    this.last = this.compute();
    this.auth.tokens.onState((status) => this.authChanged(status));
  }

  status(): EngineStatus {
    return this.last;
  }

  get providerId(): string {
    return this.options.provider.id;
  }

  onStatus(listener: (status: EngineStatus) => void): () => void {
    return this.on('status', listener);
  }

  onNotice(listener: (notice: CallNotice) => void): () => void {
    return this.on('notice', listener);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.offNetworkProblem ??= onNetworkProblem(() => this.refresh());
    await this.restoreSaved(this.remembered.get());
    this.refresh();
  }

  /**
   * Reads the saved sign-in. A keychain that refuses (locked at login) is tried again on unlock,
   * resume, Retry, before a browser sign-in, and every ATTENTION_RETRY_MS (docs/security.md#keychain).
   */
  private async restoreSaved(user: string | null): Promise<void> {
    const status = await this.auth.restore(user);
    // Signed out with a message: a sign-in may be saved but could not be read (none saved: no message).
    this.unrestored = status.state === 'signed-out' && status.message !== null && !this.stopped ? { user } : null;
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    this.restoreTimer = null;
    if (this.unrestored) {
      this.restoreTimer = setTimeout(() => void this.retryRestore(), this.options.attentionRetryMs ?? ATTENTION_RETRY_MS);
      this.restoreTimer.unref?.();
    }
  }

  /** True when the saved sign-in could be read now. */
  private async retryRestore(): Promise<boolean> {
    const pending = this.unrestored;
    if (!pending || this.stopped || this.auth.tokens.current.state !== 'signed-out') return false;
    await this.restoreSaved(pending.user);
    this.refresh();
    return this.unrestored === null && this.status().state !== 'signed-out';
  }

  async stop(timeoutMs = 3_000): Promise<void> {
    this.stopped = true;
    this.cancelAttentionRetry();
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    this.restoreTimer = null;
    this.unrestored = null;
    const session = this.session;
    this.session = null;
    // With secrets in memory, what a provider keeps for the next start (a websocket and its
    // signing secret) could not be used by it: quitting removes it instead of leaving it behind.
    if (session?.forget && this.options.store.kind === 'memory') await session.forget(timeoutMs);
    else await session?.stop(timeoutMs);
    await this.auth.dispose();
    this.offNetworkProblem?.();
    this.offNetworkProblem = null;
    this.refresh();
  }

  resume(): void {
    void this.retryRestore();
    if (this.needsAttention()) void this.restartSession('resume');
    else this.session?.resume();
  }

  online(): void {
    if (this.needsAttention()) void this.restartSession('online');
    else this.session?.online();
  }

  /** The user's Retry (tray, window): a stopped session is replaced; otherwise like online(). */
  retry(): void {
    // The user asked: the network port may ask for proxy credentials again (docs/network.md#desktop).
    networkPort().retryRequested?.();
    void this.retryRestore();
    if (this.needsAttention()) void this.restartSession('retry');
    else this.session?.online();
  }

  async signIn(): Promise<void> {
    this.stopped = false;
    // The keychain may be unlocked by now: the saved sign-in spares the browser.
    if (await this.retryRestore()) return;
    const outcome = await this.auth.signIn();
    if (!outcome.ok) throw new SignInError(outcome.reason, outcome.message);
    if (outcome.status.user) this.remembered.set(outcome.status.user);
    // Signing in again is a way out: the stopped session goes, a new one starts with the new tokens.
    if (this.needsAttention()) await this.restartSession('sign-in');
  }

  cancelSignIn(): void {
    void this.auth.cancelSignIn().catch((error: unknown) => this.options.log.warn('cancel sign-in failed', { error }));
  }

  async signOut(): Promise<void> {
    this.cancelAttentionRetry();
    this.unrestored = null;
    await this.disconnect({ forget: true });
    await this.auth.signOut();
    this.remembered.set(null);
    this.refresh();
  }

  /**
   * The provider's settings changed. False when they change how to sign in (another client id,
   * server, redirect or key): the caller builds a new engine and the user signs in again.
   * Otherwise the sign-in is kept — even one held only in memory — and the session is replaced
   * with one that uses the new settings (which also leads out of needs-attention).
   */
  reconfigure(configured: ConfiguredProvider): boolean {
    if (!sameSignIn(this.configured.credential, configured.credential)) return false;
    const manualBefore = this.configured.manualAccountId;
    this.configured = configured;
    if (configured.manualAccountId !== null || manualBefore !== null) this.accountKey = configured.manualAccountId;
    if (!this.stopped && this.auth.tokens.current.state === 'signed-in') void this.restartSession('settings');
    return true;
  }

  setLineSelection(selection: LineSelection): void {
    this.selection = selection;
    void this.applyLineSelection().catch((error: unknown) => this.options.log.warn('could not apply the line selection', { error }));
    // A provider whose subscription depends on the choice widens or narrows it now, not at the next reconnect.
    this.session?.setLineSelection?.(selection);
  }

  async listLines() {
    const { lines, mine } = await this.configured.account.lines(this.context());
    const refs = this.input.lines(lines);
    const kept = new Set(refs.map((l) => l.id));
    return { lines: refs, mine: mine.filter((id) => kept.has(id)) };
  }

  async detectAccountKey(): Promise<string | null> {
    const result = await this.configured.account.accountId(this.context());
    if (!result.ok) return null;
    this.accountKey = result.accountId;
    return result.accountId;
  }

  history() {
    return this.tracker.history();
  }

  async recentCalls(request: RecentCallsRequest): Promise<RecentCallsResult> {
    const live = request.cursor ? [] : this.tracker.history();
    let provider: Awaited<ReturnType<ProviderSession['recentCalls']>> = { items: [], nextCursor: null };
    let warning: string | null = null;
    if (this.session) {
      try {
        const end = new Date(this.now());
        provider = await this.session.recentCalls({ start: new Date(end.getTime() - this.options.provider.historyWindowMs), end, pageSize: request.limit, cursor: request.cursor });
      } catch (error) {
        this.options.log.warn('recent calls: provider history unavailable', { error });
        warning = `${this.name} call history could not be loaded; showing the calls Ringtray saw.`;
      }
    }
    const items = mergeCalls(live, this.input.summaries(provider.items)).filter((row) => matchesRecentCallsSearch(row, request));
    return { items, nextCursor: provider.nextCursor, warning };
  }

  async callDetails(callId: string): Promise<{ summary: ReturnType<CallTracker['history']>[number] | null; report: ReportLookup }> {
    const summary = this.tracker.history().find((row) => row.callId === callId) ?? null;
    const cached = this.reports.get(callId);
    if (cached) return { summary, report: { state: 'ready', report: cached } };
    if (summary && (summary.outcome === 'ringing' || summary.outcome === 'in-progress')) return { summary, report: { state: 'pending' } };
    if (!this.session) return { summary, report: { state: 'error', message: 'Sign in to load call reports.' } };
    try {
      const fetched = await this.session.fetchReport(callId);
      const report = fetched && this.input.report(fetched);
      if (!report) return { summary, report: { state: 'pending' } };
      this.remember(report);
      return { summary, report: { state: 'ready', report } };
    } catch (error) {
      this.options.log.warn('call report could not be loaded', { callId, error });
      return { summary, report: { state: 'error', message: `${this.name} did not return the call report. Check the connection and try again.` } };
    }
  }

  /** For tests and benchmarks, which know the provider they run and name its session type. */
  currentSession<S extends ProviderSession = ProviderSession>(): S | null {
    return this.session as S | null;
  }

  // ── internals ─────────────────────────────────────────────────────────

  private authChanged(status: AuthStatus): void {
    if (status.state === 'signed-in' && status.user) this.remembered.set(status.user);
    if (status.state === 'signed-in') this.connect();
    else if (status.state === 'signed-out' || status.state === 'needs-sign-in') void this.disconnect();
    this.refresh();
  }

  /** A session stopped for good, or none could be built: only replacing it helps. */
  private needsAttention(): boolean {
    if (this.stopped || this.auth.tokens.current.state !== 'signed-in') return false;
    return this.engineProblem !== null || this.session?.connectionState().state === 'failed';
  }

  /** Stops the stopped session (its leftovers go to the next one) and starts a new one. */
  private restartSession(reason: string): Promise<void> {
    this.restarting ??= (async () => {
      this.options.log.info('starting a new session after a stop', { reason });
      this.cancelAttentionRetry();
      await this.disconnect();
      this.engineProblem = null;
      this.refresh();
      if (this.auth.tokens.current.state === 'signed-in') this.connect();
      await this.connecting;
    })().finally(() => {
      this.restarting = null;
      this.refresh();
    });
    return this.restarting;
  }

  /** While a session needs attention, one slow retry is planned; any other state cancels it. */
  private planAttentionRetry(): void {
    if (!this.needsAttention() || this.restarting) {
      if (!this.restarting) this.cancelAttentionRetry();
      return;
    }
    if (this.attentionTimer) return;
    const base = this.options.attentionRetryMs ?? ATTENTION_RETRY_MS;
    const random = this.options.random ?? Math.random;
    const delay = Math.round(base * (1 - ATTENTION_RETRY_JITTER + 2 * ATTENTION_RETRY_JITTER * random()));
    this.retryAt = this.now() + delay;
    this.attentionTimer = setTimeout(() => {
      this.attentionTimer = null;
      this.retryAt = null;
      void this.restartSession('automatic');
    }, delay);
    this.attentionTimer.unref?.();
  }

  private cancelAttentionRetry(): void {
    if (this.attentionTimer) clearTimeout(this.attentionTimer);
    this.attentionTimer = null;
    this.retryAt = null;
  }

  private connect(): void {
    if (this.session || this.connecting || this.stopped) return;
    this.connecting = this.openSession()
      .catch((error: unknown) => {
        this.options.log.error('could not start the provider session', { provider: this.options.provider.id, error });
        this.engineProblem = engineProblem(`Ringtray could not start its connection to ${this.name}: choose Retry; if it keeps happening, send the log to support.`, null);
      })
      .finally(() => {
        this.connecting = null;
        this.refresh();
      });
  }

  private async openSession(): Promise<void> {
    const { log, provider } = this.options;
    const { configured } = this;
    if (this.stopped || this.auth.tokens.current.state !== 'signed-in') return;
    this.engineProblem = null;
    // Account id, lines and the provider's own set-up run in parallel (GoTo's cold start stays 4
    // round trips); the session waits for the id and the line filter only where it needs them.
    const accountId = this.accountKey ?? (() => this.discoverKey());
    const lines = this.applyLineSelection();
    const session = configured.createSession({
      ...this.context(),
      log: log.child(provider.id),
      accountId,
      beforeSubscribe: () => lines,
      lineSelection: this.selection,
      now: this.now,
      tuning: this.options.session ?? {},
      state: this.providerState,
      secrets: this.options.store,
      leftovers: this.takeLeftover(),
      wantsReport: (callId) => this.tracker.wantsReport(provider.id, callId),
    });
    session.on('event', (raw) => {
      const event = this.input.event(raw);
      if (event) this.tracker.handle(event);
    });
    session.on('report', (raw) => {
      const report = this.input.report(raw);
      if (!report) return;
      this.remember(report);
      this.tracker.addReport(report);
    });
    session.on('state', () => this.refresh());
    this.session = session;
    session.start();
  }

  /** A failed discovery stops the session with the sentence that says what to set. */
  private async discoverKey(): Promise<string> {
    const result = await this.configured.account.accountId(this.context());
    if (!result.ok) throw new FatalConnectionError(result.message, 'misconfigured');
    this.accountKey = result.accountId;
    return result.accountId;
  }

  private async disconnect(options: { forget?: boolean } = {}): Promise<void> {
    await this.connecting;
    const session = this.session;
    this.session = null;
    const user = this.auth.tokens.current.user ?? this.remembered.get();
    if (options.forget && session?.forget) await session.forget();
    else await session?.stop();
    const resources = session?.leftovers?.() ?? null;
    if (resources !== null) this.leftover = { user, resources };
  }

  /** The leftovers of the same user's last session; another user's cannot be touched (they expire). */
  private takeLeftover(): unknown {
    const leftover = this.leftover;
    this.leftover = null;
    if (!leftover || leftover.user !== (this.auth.tokens.current.user ?? null)) return null;
    return leftover.resources;
  }

  private async applyLineSelection(): Promise<void> {
    let filter: LineFilter;
    if (this.selection.mode === 'all') filter = ALL_LINES;
    else if (this.selection.mode === 'chosen') filter = { mode: 'lines', lineIds: this.selection.lineIds };
    else {
      try {
        this.myLines = (await this.listLines()).mine;
      } catch (error) {
        // Never miss a call because the line list failed: watch every line until it loads.
        this.options.log.warn('could not read your lines; showing calls on all lines', { error });
      }
      filter = this.myLines ? { mode: 'lines', lineIds: this.myLines } : ALL_LINES;
    }
    this.tracker.setLineFilter(filter);
  }

  private context(): ProviderContext {
    const tokens = this.auth.tokens;
    return { tokens, request: (req) => authorizedRequest(tokens, req), log: this.options.log };
  }

  /** Right after the code exchange the token manager has no session yet: the fresh token is used as is. */
  private identifyContext(accessToken: string): ProviderContext {
    const tokens = { getAccessToken: async () => accessToken, forceRefresh: async () => accessToken };
    return { tokens, request: (req) => authorizedRequest(tokens, req), log: this.options.log };
  }

  private remember(report: CallReport): void {
    this.reports.set(report.callId, report);
    if (this.reports.size > REPORT_CACHE_SIZE) this.reports.delete(this.reports.keys().next().value as string);
  }

  private compute(): EngineStatus {
    const derived = this.stopped && !this.session
      ? { state: 'offline' as const, message: 'Ringtray has stopped.', problem: null }
      : deriveStatus({
          auth: this.auth.tokens.current,
          connection: this.session?.connectionState() ?? null,
          engineProblem: this.engineProblem,
          provider: this.name,
          retryAt: this.retryAt === null ? null : new Date(this.retryAt).toISOString(),
          network: currentNetworkProblem(),
        });
    return { ...derived, at: new Date(this.now()).toISOString(), demo: this.options.demo ?? false };
  }

  private refresh(): void {
    this.planAttentionRetry();
    const next = this.compute();
    if (next.state === this.last.state && next.message === this.last.message && next.problem?.retryAt === this.last.problem?.retryAt && next.problem?.kind === this.last.problem?.kind) return;
    this.last = next;
    this.emit('status', next);
  }
}

/** Two credentials sign in the same way: the tokens of one are good for the other. */
function sameSignIn(a: CredentialProfile, b: CredentialProfile): boolean {
  if (a.kind === 'oauth' && b.kind === 'oauth') {
    const { clientSecretFromEnv: _a, ...restA } = a;
    const { clientSecretFromEnv: _b, ...restB } = b;
    return isDeepStrictEqual(restA, restB) && (a.clientSecretFromEnv === null) === (b.clientSecretFromEnv === null);
  }
  return isDeepStrictEqual(a, b);
}
