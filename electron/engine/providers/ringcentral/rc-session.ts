/**
 * RingCentral's WebSocket gateway, kept alive (docs/providers/ringcentral.md, "The gateway" and
 * "Session recovery"; docs/reliability.md, "The socket"). The ConnectionManager owns the socket;
 * this file owns the gateway session around it:
 *
 *   dial       → a fresh ws token for every connection (one token = one connection), plus
 *                `wsc=<token>` when the last session can still be recovered
 *   afterOpen  → wait for ConnectionDetails; recoveryState Successful → keep the subscription;
 *                otherwise subscribe (ClientRequest) and, after a failed recovery, re-read
 *   frames     → telephony session events → CallEvents, deduped by session + sequence, an
 *                end that overtook an earlier event of its call held a moment for it (rc-event-order.ts);
 *                `wsc` with the highest sequence kept; Error WSG-902/903 → reconnect now
 *   live       → Heartbeat after idle; a replacement before absoluteTimeout (make before break)
 *   gap        → recovered with replay: nothing to do; else active calls + call log since the gap
 *   stop       → a subscribe still waiting for its reply keeps its socket open until the reply
 *                comes (its id is the only way to delete it) or the budget runs out; then the
 *                socket closes and every subscription is deleted, all within the one timeout
 *
 * Frames are handled the moment they arrive — also before afterOpen has finished — so events a
 * successful recovery replays in the same read as ConnectionDetails are never lost.
 */
import { randomUUID } from 'node:crypto';
import type { CallEvent, CallReport, CallSummary } from '../../../../shared/calls';
import type { LineSelection } from '../../../../shared/settings';
import type { AccessTokenSource } from '../../auth/token-manager';
import { RecentIds } from '../../calls/recent-ids';
import { TypedEvents } from '../../events/typed-events';
import { HttpError } from '../../http/http-errors';
import { silentLogger, type Logger } from '../../log/logger';
import { createReportFetchQueue } from '../../reports/report-fetch-queue';
import type { ProviderConnectionState, ProviderSession, ProviderSessionEvents, RecentCallsPageRequest } from '../provider-session';
import { ConnectionManager, type ConnectionManagerOptions } from '../../transport/connection-manager';
import { InFlight } from '../../transport/in-flight';
import { TimerSet, type TimerHandle } from '../../transport/timer-set';
import { FatalConnectionError, type ErrorClass } from '../../transport/transport-errors';
import type { RcApi, RcScope } from './rc-api';
import { createBackfill } from './rc-backfill';
import { createEventOrder } from './rc-event-order';
import { rcCallEvent } from './rc-call-events';
import { parseCallLogRecord, toCallReport, toCallSummary } from './rc-call-log';
import { ACCOUNT_TELEPHONY_FILTER, OWN_TELEPHONY_FILTER, heartbeatFrame, parseRcFrame, subscribeFrame, type ConnectionDetails, type Wsc } from './rc-frames';

/**
 * Report fetches in flight at once. The call log is in RingCentral's "Heavy" rate-limit group (10
 * requests a minute per user, then a minute's penalty), so reports are fetched only for watched
 * calls and two at a time (docs/reliability.md#report-fetches, docs/providers/ringcentral.md#reports-and-recent-calls).
 */
const RC_REPORT_FETCHES = 2;
/** A call-log record appears some seconds after the call ends: asked for again with growing delays. */
const REPORT_RETRY_DELAYS_MS: readonly number[] = [2_000, 3_000, 5_000, 10_000, 20_000, 40_000, 60_000];
/** Reports kept for the report window, which asks for a call's report again when it opens. */
const REPORTS_KEPT = 200;

export const ALL_LINES_NOT_ALLOWED_MESSAGE =
  'RingCentral did not allow calls of other extensions (that needs an admin user and the app permission to read company calls); Ringtray shows the calls of your own extension.';

export interface RcSessionOptions {
  api: RcApi;
  tokens: Pick<AccessTokenSource, 'forceRefresh'>;
  /** The signed-in user's extension id, or its discovery in flight. */
  extensionId: string | (() => Promise<string>);
  /** Awaited before subscribing (the engine loads the user's lines so the line filter is set before any call). */
  beforeSubscribe?: () => Promise<void>;
  /** "All lines" chosen: subscribe to every extension of the account (admins only). `lineSelection` wins when given. */
  allLines?: boolean;
  /**
   * The user's line choice: "all", or chosen lines that include another extension, need the
   * account-wide subscription; setLineSelection() changes it while running.
   */
  lineSelection?: LineSelection;
  /** Whether a call on this extension is one the user watches (reports are fetched only for those); default: from the line choice, else their own. */
  watched?: (extensionId: string) => boolean;
  log?: Logger;
  connection?: Partial<Omit<ConnectionManagerOptions, 'dial' | 'classify' | 'onAuthError' | 'onChannelGone' | 'afterOpen'>>;
  /** App Heartbeat after this long without sending; default 60 s. */
  heartbeatIdleMs?: number;
  /** Open the next connection this long before absoluteTimeout; default 10 % of it, 1–10 min. */
  replaceLeadMs?: number;
  /** Call-log re-reads after a gap (records appear late); default 5, 15, 45 s. */
  logRereadDelaysMs?: readonly number[];
  reportRetryDelaysMs?: readonly number[];
  /** How long an event that ends a call waits for an earlier event of the same call still missing; default 300 ms. */
  reorderHoldMs?: number;
  now?: () => number;
}

interface SockState {
  generation: number;
  usedWsc: boolean;
  details: ConnectionDetails | null;
  detailsArrived: (() => void) | null;
  replies: Map<string, { resolve: (reply: { status: number; body: unknown }) => void; reject: (error: Error) => void }>;
  wsc: Wsc | null;
  subscriptionId: string | null;
  /** What this socket's subscription covers (a recovered one keeps the scope it had). */
  scope: RcScope | null;
  recovered: boolean;
}

export interface RcSessionStats {
  notifications: number;
  duplicates: number;
  malformed: number;
  ignored: number;
  subscriptions: number;
  recoveriesSuccessful: number;
  recoveriesFailed: number;
  backfills: number;
  heartbeats: number;
  errorFrames: number;
  replacements: number;
}

export class RingCentralSession extends TypedEvents<ProviderSessionEvents> implements ProviderSession {
  readonly provider = 'ringcentral' as const;
  readonly connection: ConnectionManager;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timers = new TimerSet();
  private readonly socks = new Map<number, SockState>();
  private readonly seen = new RecentIds(5_000);
  private readonly reports;
  private readonly backfill;
  private readonly order;
  private dialed: { usedWsc: boolean } | null = null;
  private liveGen: number | null = null;
  /** The session to recover after a drop: the wsc with the highest sequence, and until when. */
  private recovery: { wsc: Wsc; until: number } | null = null;
  /** The scope of the subscription in force (which parties are ours, which call log to read). */
  private scope: RcScope;
  private scopeMessage: string | null = null;
  private selection: LineSelection | null;
  /** The account-wide subscription was refused: own extension until the line choice changes. */
  private accountRefused = false;
  /** A live re-subscription for a changed line choice, and whether another change came meanwhile. */
  private rescoping: Promise<void> | null = null;
  private rescopeAgain = false;
  private extensionId: string | null = null;
  private extensionInFlight: Promise<string> | null = null;
  private running = false;
  private lastSentAt = 0;
  private heartbeatTimer: TimerHandle | null = null;
  private replaceTimer: TimerHandle | null = null;
  private readonly subscriptionIds = new Set<string>();
  /** Subscribe requests sent on a socket and not yet answered: stop() waits for their replies. */
  private readonly inFlight = new InFlight();
  private readonly counters: RcSessionStats = { notifications: 0, duplicates: 0, malformed: 0, ignored: 0, subscriptions: 0, recoveriesSuccessful: 0, recoveriesFailed: 0, backfills: 0, heartbeats: 0, errorFrames: 0, replacements: 0 };

  constructor(private readonly options: RcSessionOptions) {
    super();
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.selection = options.lineSelection ?? null;
    this.scope = this.targetScope();
    if (typeof options.extensionId === 'string') this.extensionId = options.extensionId;
    this.onListenerError = (event, error) => this.log.error('ringcentral session listener threw', { event: String(event), error });
    this.reports = createReportFetchQueue({
      fetch: (callId) => this.fetchReport(callId),
      onReport: (report) => this.emit('report', report),
      log: this.log,
      concurrency: RC_REPORT_FETCHES,
      delaysMs: options.reportRetryDelaysMs ?? REPORT_RETRY_DELAYS_MS,
      keepReports: REPORTS_KEPT,
    });
    this.backfill = createBackfill({
      api: options.api,
      // The scope in force when a backfill runs ("all lines" may have been refused meanwhile).
      scope: () => this.scope,
      ourExtension: (id) => this.ourExtension(id),
      log: this.log,
      emit: (event) => {
        if (this.running) this.emit('event', event);
      },
      now: this.now,
      logRereadDelaysMs: options.logRereadDelaysMs ?? [5_000, 15_000, 45_000],
    });
    this.order = createEventOrder({ holdMs: options.reorderHoldMs ?? 300, timers: this.timers, deliver: (e) => this.deliver(e) });
    this.connection = new ConnectionManager({
      ...options.connection,
      logger: this.log,
      now: this.now,
      dial: async ({ replacing, signal }) => {
        if (!this.running) throw new Error('stopped');
        await this.resolveExtension();
        // One ws token per connection, never reused: RingCentral may refuse a second use, and
        // two sockets sharing one token kick each other off.
        const token = await options.api.wsToken(signal);
        const url = new URL(token.uri);
        url.searchParams.set('access_token', token.ws_access_token);
        // A replacement starts a fresh session; a reconnect recovers the old one while it can.
        const recovery = !replacing && this.recovery && this.now() < this.recovery.until ? this.recovery : null;
        if (recovery) url.searchParams.set('wsc', recovery.wsc.token);
        this.dialed = { usedWsc: recovery !== null };
        return { url: url.toString() };
      },
      afterOpen: (generation, signal) => this.afterOpen(generation, signal),
      classify: (error) => this.classify(error),
      onAuthError: async () => {
        await options.tokens.forceRefresh();
      },
    });
    this.connection.on('open', (generation) => {
      this.socks.set(generation, { generation, usedWsc: this.dialed?.usedWsc ?? false, details: null, detailsArrived: null, replies: new Map(), wsc: null, subscriptionId: null, scope: null, recovered: false });
    });
    this.connection.on('message', (text, generation) => this.received(text, generation));
    this.connection.on('live', (generation) => this.becameLive(generation));
    this.connection.on('close', (info) => this.closed(info.generation));
    this.connection.on('gap', ({ since, generation }) => this.gap(since, generation));
    this.connection.on('state', () => this.emit('state', this.connectionState()));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.reports.start();
    this.resolveExtension().catch(() => undefined);
    this.connection.start();
  }

  async stop(timeoutMs = 3_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.reports.stop();
    this.backfill.stop();
    // Quit never hangs (docs/reliability.md: ≤ 3 s): the wait for a subscribe reply, each delete
    // and the whole cleanup share the one timeout.
    const startedAt = performance.now();
    // RingCentral answers a subscribe on the socket that sent it: the subscription exists on the
    // server before its reply, and only the reply says which id to delete. So a subscribe in
    // flight keeps its socket open until it is answered (or the budget is spent).
    if (!(await this.inFlight.settled(timeoutMs))) this.log.warn('ringcentral: a subscribe reply had not come by stop\'s deadline', { timeoutMs });
    this.connection.stop();
    this.order.clear();
    this.timers.cancelAll();
    this.socks.clear();
    this.recovery = null;
    const ids = [...this.subscriptionIds];
    this.subscriptionIds.clear();
    if (ids.length === 0) return;
    const left = Math.max(1, timeoutMs - (performance.now() - startedAt));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)));
    const cleanup = Promise.allSettled(ids.map((id) => this.options.api.deleteSubscription(id, left)));
    const outcome = await Promise.race([cleanup.then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.log.warn('ringcentral: subscription cleanup did not finish in time', { timeoutMs });
  }

  resume(): void {
    this.connection.resume();
  }

  online(): void {
    this.connection.online();
  }

  /**
   * The user changed which lines they watch. A wider or narrower subscription is needed at once,
   * not at the next reconnect: the live socket subscribes again with the new filter, and
   * RingCentral replaces the old subscription with it (one per connection), so the user's own
   * calls keep coming throughout. Not live: the next subscribe uses it.
   */
  setLineSelection(selection: LineSelection): void {
    this.selection = selection;
    this.accountRefused = false;
    if (this.running) this.rescope();
  }

  connectionState(): ProviderConnectionState {
    const state = this.connection.state;
    return { state, message: this.connection.stateMessage ?? (state === 'live' ? this.scopeMessage : null), problem: this.connection.problem };
  }

  async recentCalls(request: RecentCallsPageRequest): Promise<{ items: CallSummary[]; nextCursor: string | null }> {
    const page = request.cursor ? Number(request.cursor) : 1;
    if (!Number.isInteger(page) || page < 1 || page > 1000) throw new Error('Invalid recent-calls cursor.');
    const res = await this.options.api.callLog({ scope: this.scope, dateFrom: request.start, dateTo: request.end, perPage: Math.min(Math.max(request.pageSize, 1), 250), page });
    const items = res.records.flatMap((raw) => {
      const record = parseCallLogRecord(raw);
      const summary = record ? toCallSummary(record) : null;
      return summary ? [summary] : [];
    });
    return { items, nextCursor: res.hasMore ? String(page + 1) : null };
  }

  async fetchReport(callId: string): Promise<CallReport | null> {
    const cached = this.reports.cached(callId);
    if (cached) return cached;
    // A telephony session lives within a day; a week back covers any call still on screen.
    const res = await this.options.api.callLog({ scope: this.scope, dateFrom: new Date(this.now() - 7 * 86_400_000), telephonySessionId: callId, detailed: true, perPage: 1 });
    const record = res.records.map(parseCallLogRecord).find((r) => r !== null);
    if (!record) return null;
    const report = toCallReport(record);
    this.reports.remember(report);
    return report;
  }

  stats(): RcSessionStats & { timers: number; reportTimers: number; subscriptionIds: number } {
    return { ...this.counters, timers: this.timers.size + this.backfill.timers(), reportTimers: this.reports.timers(), subscriptionIds: this.subscriptionIds.size };
  }

  // ── connection phases ──────────────────────────────────────────────────

  private resolveExtension(): Promise<string> {
    if (this.extensionId) return Promise.resolve(this.extensionId);
    const discover = this.options.extensionId as () => Promise<string>;
    this.extensionInFlight ??= discover().then(
      (id) => (this.extensionId = id),
      (error: unknown) => {
        this.extensionInFlight = null;
        throw error;
      },
    );
    return this.extensionInFlight;
  }

  private ourExtension(id: string): boolean {
    return this.scope === 'account' || id === this.extensionId;
  }

  /** The subscription the line choice needs (before the extension id is known, chosen lines count as others'). */
  private targetScope(): RcScope {
    const selection = this.selection;
    const wanted: RcScope = !selection
      ? this.options.allLines
        ? 'account'
        : 'extension'
      : selection.mode === 'all' || (selection.mode === 'chosen' && selection.lineIds.some((id) => id !== this.extensionId))
        ? 'account'
        : 'extension';
    return wanted === 'account' && this.accountRefused ? 'extension' : wanted;
  }

  private isWatched(extensionId: string): boolean {
    if (this.options.watched) return this.options.watched(extensionId);
    const selection = this.selection;
    if (selection?.mode === 'all') return true;
    if (selection?.mode === 'chosen') return selection.lineIds.includes(extensionId);
    return extensionId === this.extensionId;
  }

  private setScopeMessage(message: string | null): void {
    if (message === this.scopeMessage) return;
    this.scopeMessage = message;
    this.emit('state', this.connectionState());
  }

  /** The live socket's subscription to the scope the line choice needs, one change at a time. */
  private rescope(): void {
    if (this.rescoping) {
      this.rescopeAgain = true;
      return;
    }
    const gen = this.liveGen;
    const sock = gen === null ? undefined : this.socks.get(gen);
    if (!sock || sock.scope === this.targetScope()) {
      if (this.targetScope() === 'extension' && !this.accountRefused) this.setScopeMessage(null);
      return;
    }
    const controller = new AbortController();
    this.rescoping = this.inFlight
      .track(this.subscribe(sock, controller.signal))
      .then(() => this.log.info('ringcentral: subscription changed for the line choice', { scope: sock.scope }))
      .catch((error: unknown) => this.log.warn('ringcentral: could not change the subscription; the next connection will', { error }))
      .finally(() => {
        this.rescoping = null;
        if (this.rescopeAgain && this.running) {
          this.rescopeAgain = false;
          this.rescope();
        }
      });
  }

  private async afterOpen(generation: number, signal: AbortSignal): Promise<void> {
    const sock = this.socks.get(generation);
    if (!sock) throw new Error('socket opened without its state');
    // Nothing may be sent before ConnectionDetails.
    if (!sock.details) {
      await new Promise<void>((resolve, reject) => {
        sock.detailsArrived = resolve;
        signal.addEventListener('abort', () => reject(new Error('aborted while waiting for ConnectionDetails')), { once: true });
      });
    }
    const details = sock.details!;
    if (sock.usedWsc && details.recoveryState === 'Successful') {
      sock.recovered = true;
      sock.scope = this.scope;
      this.counters.recoveriesSuccessful += 1;
      this.log.info('ringcentral: session recovered', { generation });
      return;
    }
    if (sock.usedWsc) {
      this.counters.recoveriesFailed += 1;
      this.log.info('ringcentral: recovery failed, subscribing again', { code: details.recoveryErrorCode });
    }
    await this.options.beforeSubscribe?.();
    // stop() ran while the lines were loading: subscribe nothing it would have to delete.
    if (!this.running) throw new Error('stopped');
    await this.inFlight.track(this.subscribe(sock, signal));
  }

  private async subscribe(sock: SockState, signal: AbortSignal): Promise<void> {
    for (;;) {
      const scope = this.targetScope();
      const filter = scope === 'account' ? ACCOUNT_TELEPHONY_FILTER : OWN_TELEPHONY_FILTER;
      const reply = await this.request(sock, subscribeFrame(randomUUID(), filter), signal);
      if (reply.status >= 200 && reply.status < 300) {
        const id = (reply.body as { id?: unknown } | null)?.id;
        const previous = sock.subscriptionId;
        if (typeof id === 'string' && id.length <= 200) {
          sock.subscriptionId = id;
          this.subscriptionIds.add(id);
        }
        // A second subscription on one connection replaces the first; should the gateway keep
        // both, the old one is deleted (its duplicates would be dropped anyway).
        if (previous && previous !== sock.subscriptionId) this.dropSubscription(previous);
        sock.scope = scope;
        this.scope = scope;
        if (!this.accountRefused) this.setScopeMessage(null);
        this.counters.subscriptions += 1;
        return;
      }
      if (reply.status === 403 && scope === 'account') {
        // "All lines" needs rights this user does not have: their own calls still ring, with a sentence why.
        this.log.warn('ringcentral: account-wide subscription refused; using the user\'s extension');
        this.accountRefused = true;
        this.setScopeMessage(ALL_LINES_NOT_ALLOWED_MESSAGE);
        // Live already (a changed line choice): the own-extension subscription stays as it is.
        if (sock.scope === 'extension') return;
        continue;
      }
      if (reply.status === 401 || reply.status === 403) {
        throw new FatalConnectionError(
          'RingCentral refused the call-event subscription (403). The RingCentral app needs the WebSocket Subscriptions and Call Control permissions; see the set-up steps.',
        );
      }
      throw new SubscribeFailedError(reply.status);
    }
  }

  private request(sock: SockState, frame: string, signal: AbortSignal): Promise<{ status: number; body: unknown }> {
    const messageId = (JSON.parse(frame) as [{ messageId: string }])[0].messageId;
    return new Promise((resolve, reject) => {
      sock.replies.set(messageId, { resolve, reject });
      signal.addEventListener('abort', () => reject(new Error('aborted while subscribing')), { once: true });
      if (!this.send(frame, sock.generation)) reject(new Error('socket closed before subscribing'));
    });
  }

  private send(text: string, generation: number): boolean {
    const ok = this.connection.send(text, generation);
    if (ok) this.lastSentAt = this.now();
    return ok;
  }

  private becameLive(generation: number): void {
    if (!this.running) return; // live while stop() waited for a subscribe reply
    const previous = this.liveGen;
    this.liveGen = generation;
    const sock = this.socks.get(generation);
    if (previous !== null && previous !== generation) {
      // Make before break done: the replaced session's subscription goes now.
      const old = this.socks.get(previous);
      if (old?.subscriptionId && old.subscriptionId !== sock?.subscriptionId) this.dropSubscription(old.subscriptionId);
      this.socks.delete(previous);
    }
    this.scheduleHeartbeat();
    this.scheduleReplace(sock?.details ?? null);
    // The line choice may have changed while this socket was subscribing or recovering.
    this.rescope();
  }

  private closed(generation: number): void {
    const sock = this.socks.get(generation);
    // A request on this socket will never be answered now.
    for (const pending of sock?.replies.values() ?? []) pending.reject(new Error('socket closed before the reply'));
    sock?.replies.clear();
    if (generation === this.liveGen) {
      this.liveGen = null;
      this.timers.cancel(this.heartbeatTimer);
      this.timers.cancel(this.replaceTimer);
      const timeoutS = sock?.details?.recoveryTimeoutS;
      // Recover only well inside the server's window; a late attempt would fail anyway.
      if (sock?.wsc && timeoutS) this.recovery = { wsc: sock.wsc, until: this.now() + timeoutS * 1000 * 0.9 };
    }
    if (generation !== this.liveGen) this.socks.delete(generation);
  }

  private gap(since: Date, generation: number): void {
    if (!this.running) return;
    const sock = this.socks.get(generation);
    if (sock?.recovered) return; // the gateway replayed what we missed
    this.counters.backfills += 1;
    this.backfill
      .run(since)
      .then((counts) => this.log.info('ringcentral: gap re-read', { since: since.toISOString(), ...counts }))
      .catch((error: unknown) => this.log.warn('ringcentral: could not re-read calls after a gap', { error }));
  }

  private scheduleHeartbeat(): void {
    this.timers.cancel(this.heartbeatTimer);
    const idleMs = this.options.heartbeatIdleMs ?? 60_000;
    const wait = Math.max(0, this.lastSentAt + idleMs - this.now());
    this.heartbeatTimer = this.timers.after(wait, () => {
      const gen = this.liveGen;
      if (gen === null) return;
      if (this.now() - this.lastSentAt >= idleMs && this.send(heartbeatFrame(randomUUID()), gen)) this.counters.heartbeats += 1;
      this.scheduleHeartbeat();
    });
  }

  private scheduleReplace(details: ConnectionDetails | null): void {
    this.timers.cancel(this.replaceTimer);
    const absoluteMs = (details?.absoluteTimeoutS ?? 86_400) * 1000;
    const lead = this.options.replaceLeadMs ?? Math.min(600_000, Math.max(60_000, absoluteMs * 0.1));
    this.replaceTimer = this.timers.after(Math.max(0, absoluteMs - Math.min(lead, absoluteMs / 2)), () => {
      this.counters.replacements += 1;
      this.log.info('ringcentral: replacing the connection before its absolute timeout');
      this.connection.replace('absolute-timeout');
    });
  }

  private dropSubscription(id: string): void {
    this.subscriptionIds.delete(id);
    this.options.api.deleteSubscription(id, 10_000).catch((error: unknown) => this.log.debug('ringcentral: could not delete a replaced subscription', { error }));
  }

  // ── frames ───────────────────────────────────────────────────────────────

  private received(text: string, generation: number): void {
    const sock = this.socks.get(generation);
    const frame = parseRcFrame(text);
    if (frame.kind === 'malformed') {
      this.counters.malformed += 1;
      this.log.debug('ringcentral: dropped a malformed frame', { reason: frame.reason });
      return;
    }
    if (frame.kind === 'ignored') {
      this.counters.ignored += 1;
      return;
    }
    if (sock && frame.wsc && (!sock.wsc || frame.wsc.sequence >= sock.wsc.sequence)) sock.wsc = frame.wsc;
    switch (frame.kind) {
      case 'connection-details':
        if (!sock || sock.details) return;
        sock.details = frame.details;
        sock.detailsArrived?.();
        return;
      case 'client-request':
        sock?.replies.get(frame.messageId)?.resolve({ status: frame.status, body: frame.body });
        sock?.replies.delete(frame.messageId);
        return;
      case 'heartbeat':
        return;
      case 'error':
        this.counters.errorFrames += 1;
        this.log.info('ringcentral: gateway error frame', { errorCode: frame.errorCode });
        if (frame.errorCode === 'WSG-902' || frame.errorCode === 'WSG-903') {
          // The gateway ends this session: reconnect now, without trying to recover it.
          if (generation === this.liveGen) this.recovery = null;
          this.connection.reconnectNow(frame.errorCode);
        }
        return;
      case 'notification':
        this.notification(frame.body);
        return;
    }
  }

  private notification(body: unknown): void {
    // stop() may keep a socket open for a subscribe reply: what else comes on it is not for us any more.
    if (!this.running) return;
    this.counters.notifications += 1;
    const r = rcCallEvent(body, { ourExtension: (id) => this.ourExtension(id), origin: 'live', now: this.now });
    if (!r.ok) {
      this.counters.ignored += 1;
      this.log.debug('ringcentral: notification skipped', { reason: r.reason });
      return;
    }
    const e = r.event;
    // The same event can come twice: a duplicated frame, a replay, two subscriptions during a replacement.
    if (e.sequence !== null) {
      const key = `${e.callId}:${e.sequence}`;
      if (this.seen.has(key)) {
        this.counters.duplicates += 1;
        return;
      }
      this.seen.add(key);
    }
    this.order.push(e);
  }

  private deliver(e: CallEvent): void {
    if (!this.running) return;
    this.emit('event', e);
    // The call log is in the "Heavy" rate-limit group: reports only for calls the user watches.
    if (e.ended && e.legs.some((l) => this.isWatched(l.line.id))) this.reports.request(e.callId);
  }

  private classify(error: unknown): ErrorClass | undefined {
    if (error instanceof SubscribeFailedError) return 'transient';
    if (error instanceof HttpError && error.status === 403) return 'fatal';
    return undefined;
  }
}

class SubscribeFailedError extends Error {
  override readonly name = 'SubscribeFailedError';
  constructor(readonly status: number) {
    super(`RingCentral answered the subscription with ${status}`);
  }
}
