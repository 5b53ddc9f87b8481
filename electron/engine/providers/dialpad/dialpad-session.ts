/**
 * Dialpad's event socket, kept alive without a gap (docs/providers/dialpad.md). The
 * ConnectionManager owns the socket; this file owns what Dialpad adds around it:
 *
 *   dial      → the remembered websocket + call subscription (GET both; made again only on 404)
 *               and the fresh websocket_url GET /websockets/{id} hands out
 *   live      → read the URL's JWT exp; at exp − min(5 min, lead × lifetime) replace(): the next
 *               URL's socket opens while the old one still delivers, then the old one closes
 *               (make before break), so an hourly renewal leaves no gap
 *   frames    → verified (HS256 with our secret) or parsed, deduplicated across the overlap and
 *               against Dialpad's duplicates, and mapped to CallEvents (dialpad-call-events.ts)
 *   gap       → (a drop, a half-open socket, the server's own hourly close) re-read the call list
 *               since the gap began: every call that ended unseen gets its one terminal notice
 *   stop      → socket closed; the websocket and subscription stay for the next start.
 *               forget() (sign-out) deletes both.
 */
import type { CallReport, CallSummary } from '../../../../shared/calls';
import { TypedEvents } from '../../events/typed-events';
import { HttpError } from '../../http/http-errors';
import { silentLogger, type Logger } from '../../log/logger';
import { RecentIds } from '../../calls/recent-ids';
import { createReportFetchQueue } from '../../reports/report-fetch-queue';
import { ConnectionManager, type ConnectionManagerOptions } from '../../transport/connection-manager';
import { TimerSet, type TimerHandle } from '../../transport/timer-set';
import { FatalConnectionError, UpgradeRejectedError, type ErrorClass } from '../../transport/transport-errors';
import type { ProviderConnectionState, ProviderSession, ProviderSessionEvents, RecentCallsPageRequest } from '../provider-session';
import type { DialpadApi } from './dialpad-api';
import { CallEventMapper } from './dialpad-call-events';
import { callKey, decodeFrame } from './dialpad-frames';
import { OldestSocketFirst } from './oldest-socket-first';
import { createResourceKeeper, type DialpadResourceMemory, type ReadyWebsocket } from './dialpad-resources';
import { groupByCall, toCallReport, toCallSummary } from './dialpad-report';
import type { DialpadCall } from './dialpad-schemas';
import { renewalDelay, urlExpiry } from './url-expiry';
import type { SecretStore } from '../../secrets/secret-store';

/** When a URL's exp cannot be read, renew as if it were Dialpad's documented hour. */
const FALLBACK_LIFETIME_MS = 3600_000;
/** A call that ended in a gap may have started long before it; the list filters by start time. */
const BACKFILL_LOOKBACK_MS = 4 * 3600_000;
const MAX_BACKFILL_PAGES = 20;
/**
 * Report fetches in flight at once. Dialpad's API limit (20 requests a second) is shared by the
 * whole company, every colleague's desktop included (docs/reliability.md#report-fetches,
 * docs/providers/dialpad.md#reports).
 */
const DIALPAD_REPORT_FETCHES = 2;
export const CALL_LIST_FORBIDDEN_MESSAGE =
  'Dialpad refused to list calls (403): listing call history needs a company admin API key or an OAuth app with the calls:list scope. Live calls still ring; calls missed while the connection was down cannot be recovered and the recent-calls list shows only calls seen here.';

export interface DialpadSessionOptions {
  api: DialpadApi;
  memory: DialpadResourceMemory;
  secrets: SecretStore;
  /** The signed-in user's id (the subscription target), or its discovery. */
  userId: string | (() => Promise<string>);
  /** OAuth: refresh once after a 401. Absent for an API key (a refused key is fatal). */
  forceRefresh?: () => Promise<unknown>;
  log?: Logger;
  connection?: Partial<Omit<ConnectionManagerOptions, 'dial' | 'classify' | 'onAuthError' | 'onChannelGone' | 'afterOpen'>>;
  /** Fraction of a URL's lifetime to renew before its exp (capped at 5 min). */
  renewLeadFraction?: number;
  /** How long a queue call with no open leg waits for its next leg before it counts as ended. */
  legSettleMs?: number;
  /** Delays before asking for the after-call record (Dialpad lists a call shortly after it ends). */
  reportDelaysMs?: readonly number[];
  now?: () => number;
}

export interface DialpadSessionStats {
  frames: number;
  callEvents: number;
  duplicates: number;
  badSignatures: number;
  malformed: number;
  renewals: number;
  backfills: number;
  backfilledCalls: number;
  websocketsCreated: number;
  subscriptionsCreated: number;
}

interface Dialed extends ReadyWebsocket {
  expiresAt: number;
  lifetimeMs: number;
}

export class DialpadSession extends TypedEvents<ProviderSessionEvents> implements ProviderSession {
  readonly provider = 'dialpad' as const;
  readonly connection: ConnectionManager;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timers = new TimerSet();
  private readonly resources;
  private readonly mapper: CallEventMapper;
  private readonly seen = new RecentIds(5_000);
  private readonly byGeneration = new Map<number, Dialed>();
  private readonly lastLeg = new Map<string, string>();
  private readonly order: OldestSocketFirst;
  private readonly reports;
  private dialed: Dialed | null = null;
  private renewal: TimerHandle | null = null;
  private inbox: Promise<void> = Promise.resolve();
  private running = false;
  private userId: string | null;
  private userIdInFlight: Promise<string> | null = null;
  private historyMessage: string | null = null;
  private backfillRunning: Promise<void> | null = null;
  private readonly counters = { frames: 0, callEvents: 0, duplicates: 0, badSignatures: 0, malformed: 0, renewals: 0, backfills: 0, backfilledCalls: 0 };

  constructor(private readonly options: DialpadSessionOptions) {
    super();
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.userId = typeof options.userId === 'string' ? options.userId : null;
    this.onListenerError = (event, error) => this.log.error('dialpad session listener threw', { event: String(event), error });
    this.reports = createReportFetchQueue({
      fetch: (callId) => this.fetchReport(callId),
      onReport: (report) => this.emit('report', report),
      log: this.log,
      concurrency: DIALPAD_REPORT_FETCHES,
      // Dialpad lists a call shortly after it ends.
      delaysMs: options.reportDelaysMs ?? [1_500, 10_000],
    });
    this.resources = createResourceKeeper({ api: options.api, memory: options.memory, secrets: options.secrets, userId: () => this.resolveUserId(), log: this.log });
    this.mapper = new CallEventMapper({
      userId: () => this.userId,
      settleMs: options.legSettleMs ?? 3_000,
      now: this.now,
      emit: (event) => {
        if (!this.running) return;
        this.emit('event', event);
        if (event.ended && event.origin === 'live') this.reports.request(event.callId);
      },
    });
    this.order = new OldestSocketFirst((text, generation) => this.received(text, generation), this.log);
    this.connection = new ConnectionManager({
      ...options.connection,
      // An event may still be on its way on the old URL's socket when the new one goes live.
      drainReplaced: true,
      logger: this.log,
      now: this.now,
      dial: async () => {
        const ready = await this.resources.ready().catch((error: unknown) => {
          throw refusedAsFatal(error, !options.forceRefresh);
        });
        const receivedAt = this.now();
        const expiry = urlExpiry(ready.url, receivedAt) ?? { expiresAt: receivedAt + FALLBACK_LIFETIME_MS, lifetimeMs: FALLBACK_LIFETIME_MS };
        this.dialed = { ...ready, ...expiry };
        return { url: ready.url };
      },
      afterOpen: async (generation) => {
        if (!this.dialed) throw new Error('socket opened without a websocket');
        this.byGeneration.set(generation, this.dialed);
      },
      classify: (error) => this.classify(error),
      onAuthError: async () => {
        await options.forceRefresh?.();
      },
    });
    this.connection.on('live', (generation) => this.scheduleRenewal(generation));
    this.connection.on('open', (generation) => this.order.opened(generation));
    this.connection.on('message', (text, generation) => this.order.frame(text, generation));
    this.connection.on('close', (info) => this.socketEnded(info.generation));
    this.connection.on('drained', (generation) => this.socketEnded(generation));
    this.connection.on('gap', ({ since }) => this.startBackfill(since));
    this.connection.on('state', () => this.emit('state', this.connectionState()));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.reports.start();
    this.resolveUserId().catch(() => undefined);
    this.connection.start();
  }

  /** Quit: the socket closes; the websocket and subscription stay for the next start. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.connection.stop();
    this.mapper.stop();
    this.reports.stop();
    this.timers.cancelAll();
    this.byGeneration.clear();
    this.order.reset();
    this.dialed = null;
    await this.inbox;
  }

  /** Sign-out: stop, then delete the websocket and subscription at Dialpad and the secret here. */
  async forget(timeoutMs = 3_000): Promise<void> {
    await this.stop();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.resources.forget(timeoutMs), deadline]);
    clearTimeout(timer);
  }

  resume(): void {
    this.connection.resume();
  }

  online(): void {
    this.connection.online();
  }

  connectionState(): ProviderConnectionState {
    return { state: this.connection.state, message: this.connection.stateMessage ?? this.historyMessageIfLive(this.connection.state), problem: this.connection.problem };
  }

  async recentCalls(request: RecentCallsPageRequest): Promise<{ items: CallSummary[]; nextCursor: string | null }> {
    const page = await this.options.api.listCalls({
      startedAfter: request.start.getTime(),
      startedBefore: request.end.getTime(),
      targetId: await this.resolveUserId(),
      cursor: request.cursor,
    });
    const items: CallSummary[] = [];
    for (const [key, legs] of groupByCall(page.items)) {
      this.rememberLegs(key, legs);
      const summary = toCallSummary(legs);
      if (summary) items.push(summary);
    }
    return { items, nextCursor: page.cursor };
  }

  async fetchReport(callId: string): Promise<CallReport | null> {
    const call = await this.options.api.getCall(this.lastLeg.get(callId) ?? callId);
    return call ? toCallReport([call]) : null;
  }

  stats(): DialpadSessionStats & { openCalls: number; timers: number } {
    return { ...this.counters, ...this.resources.counters, openCalls: this.mapper.openCount, timers: this.timers.size + this.reports.timers() };
  }

  // ── URL renewal ────────────────────────────────────────────────────────────

  private scheduleRenewal(generation: number): void {
    const dialed = this.byGeneration.get(generation);
    this.timers.cancel(this.renewal);
    this.renewal = null;
    if (!dialed || !this.running) return;
    const delay = renewalDelay(dialed, this.now(), this.options.renewLeadFraction ?? 0.1);
    this.renewal = this.timers.after(delay, () => {
      this.renewal = null;
      if (!this.running || this.connection.generation !== generation) return;
      this.counters.renewals += 1;
      this.log.info('dialpad: renewing the websocket URL before it expires', { websocketId: dialed.websocketId });
      this.connection.replace('url-renewal');
    });
  }

  // ── frames ─────────────────────────────────────────────────────────────────

  /** Frames of newer sockets that waited for this one follow now; its secret is needed no more. */
  private socketEnded(generation: number): void {
    this.order.ended(generation);
    this.byGeneration.delete(generation);
  }

  private received(text: string, generation: number): void {
    this.counters.frames += 1;
    // The secret of the websocket this socket belongs to, read now: the socket may close before
    // the frame is verified.
    const secret = this.byGeneration.get(generation)?.secret ?? this.dialed?.secret ?? null;
    // One chain keeps events in arrival order although verifying is asynchronous.
    this.inbox = this.inbox.then(async () => {
      const frame = await decodeFrame(text, secret);
      if (!this.running) return;
      if (frame.kind === 'bad-signature') {
        this.counters.badSignatures += 1;
        this.log.warn('dialpad: dropped an event with a bad signature');
        return;
      }
      if (frame.kind === 'malformed') {
        this.counters.malformed += 1;
        this.log.debug('dialpad: dropped a frame that is not a call event', { reason: frame.reason });
        return;
      }
      const call = frame.call;
      // The overlap of two sockets during a renewal, and Dialpad's own repeats, deliver the same
      // leg state twice: the second copy is dropped here.
      const id = `${call.call_id}|${call.state}|${call.date_connected ?? ''}|${call.date_ended ?? ''}`;
      if (this.seen.has(id)) {
        this.counters.duplicates += 1;
        return;
      }
      this.seen.add(id);
      this.counters.callEvents += 1;
      this.rememberLegs(callKey(call), [call]);
      this.mapper.apply(call);
    });
  }

  private rememberLegs(key: string, legs: DialpadCall[]): void {
    const last = legs.find((l) => l.date_connected !== null) ?? legs[legs.length - 1];
    if (!last) return;
    this.lastLeg.delete(key);
    this.lastLeg.set(key, last.call_id);
    if (this.lastLeg.size > 2_000) this.lastLeg.delete(this.lastLeg.keys().next().value as string);
  }

  // ── gaps ───────────────────────────────────────────────────────────────────

  private startBackfill(since: Date): void {
    if (this.backfillRunning) return;
    this.counters.backfills += 1;
    this.backfillRunning = this.backfill(since.getTime())
      .catch((error: unknown) => {
        if (error instanceof HttpError && error.status === 403) {
          this.historyMessage = CALL_LIST_FORBIDDEN_MESSAGE;
          this.log.warn('dialpad: the call list was refused (403); going on without history');
          this.emit('state', this.connectionState());
          return;
        }
        this.log.warn('dialpad: could not re-read calls after a gap', { error });
      })
      .finally(() => {
        this.backfillRunning = null;
      });
  }

  private async backfill(since: number): Promise<void> {
    const userId = await this.resolveUserId();
    // Frames already received are applied first, so a call seen live is not ended twice.
    await this.inbox;
    const rows: DialpadCall[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < MAX_BACKFILL_PAGES; page += 1) {
      const res = await this.options.api.listCalls({ startedAfter: since - BACKFILL_LOOKBACK_MS, targetId: userId, cursor });
      rows.push(...res.items);
      if (!res.cursor) break;
      cursor = res.cursor;
    }
    await this.inbox;
    if (!this.running) return;
    let ended = 0;
    for (const [key, legs] of groupByCall(rows)) {
      // Only calls that ended since the gap began (a minute's slack for clocks).
      if (!legs.some((l) => (l.date_ended ?? 0) >= since - 60_000)) continue;
      this.rememberLegs(key, legs);
      if (this.mapper.endFromHistory(key, legs)) ended += 1;
    }
    this.counters.backfilledCalls += ended;
    this.historyMessage = null;
    this.log.info('dialpad: gap re-read', { since: new Date(since).toISOString(), rows: rows.length, ended });
  }

  private historyMessageIfLive(state: string): string | null {
    return state === 'live' ? this.historyMessage : null;
  }

  private resolveUserId(): Promise<string> {
    if (this.userId) return Promise.resolve(this.userId);
    const discover = this.options.userId as () => Promise<string>;
    this.userIdInFlight ??= discover().then(
      (id) => (this.userId = id),
      (error: unknown) => {
        this.userIdInFlight = null;
        throw error;
      },
    );
    return this.userIdInFlight;
  }

  private classify(error: unknown): ErrorClass | undefined {
    // The socket refused a URL: it expired or went stale. Every dial fetches a fresh one, so this
    // is a plain retry (the first one at once), not a token problem.
    if (error instanceof UpgradeRejectedError && [401, 403, 404].includes(error.status)) return 'transient';
    return undefined;
  }
}

/** A 403, or a refused API key, will not heal by retrying: say what to fix. */
function refusedAsFatal(error: unknown, apiKey: boolean): unknown {
  if (!(error instanceof HttpError)) return error;
  if (error.status === 401 && apiKey) {
    return new FatalConnectionError('Dialpad refused the API key (401): it may have been revoked. Enter a new key in Settings or set RINGTRAY_DIALPAD_API_KEY.', 'misconfigured');
  }
  if (error.status === 403) {
    return new FatalConnectionError('Dialpad refused to set up call events (403): the API key or OAuth app needs access to websockets and call event subscriptions for this user.');
  }
  return error;
}
