/**
 * GoTo's notification channel, kept alive (docs/providers/goto.md#notification-channel;
 * docs/reliability.md#the-socket). The ConnectionManager owns the socket; this file owns the channel around it:
 *
 *   dial       → reuse the current channel, or create one (first start, channel gone, replace)
 *   afterOpen  → subscribe that channel to Call Events (every 207 entry checked) and to Call
 *                Events Report, in parallel, once per channel
 *   live       → the channel becomes current; a replaced channel is deleted in the background
 *   frames     → call-state → CallEvent; REPORT_SUMMARY → fetch the report (retry while 404);
 *                WEBSOCKET_REFRESH_REQUIRED → extend; WEBSOCKET_TO_BE_CLOSED → replace
 *   backstop   → extend at expiresAt − max(2 min, 10 % of lifetime) in case a control frame is
 *                lost; extend answering 404 → the channel is gone → replace
 *   gap        → re-read active calls and report summaries since the gap began
 *   stop       → socket closed at once; a channel create or subscribe still in flight is waited
 *                for (its answer would otherwise leave a channel nobody deletes); subscriptions
 *                and channels deleted, all within the one timeout; what could not be deleted (no token after a revoked refresh token, no network)
 *                is handed over by `leftoverChannels()`
 *   previous   → the next session of the same user gets those channels: the first dial checks
 *                them (extend): one alive is reused (re-subscribed), the others are deleted, so
 *                nothing is left on the server but what is in use
 *
 * Cold start is 4 sequential round trips: token, {account key ‖ lines ‖ channel}, socket,
 * subscriptions (both in parallel).
 */
import type { CallEvent, CallReport, CallSummary } from '../../../../shared/calls';
import type { AccessTokenSource } from '../../auth/token-manager';
import { HttpError } from '../../http/http-errors';
import { silentLogger, type Logger } from '../../log/logger';
import type { ProviderConnectionState, ProviderSession, ProviderSessionEvents, RecentCallsPageRequest } from '../provider-session';
import { ConnectionManager, type ConnectionManagerOptions } from '../../transport/connection-manager';
import { InFlight } from '../../transport/in-flight';
import { TimerSet, type TimerHandle } from '../../transport/timer-set';
import { FatalConnectionError, type ErrorClass } from '../../transport/transport-errors';
import { TypedEvents } from '../../events/typed-events';
import { createReportFetchQueue } from '../../reports/report-fetch-queue';
import { SubscriptionFailedError, type GotoApi, type GotoChannel } from './goto-api';
import { backfillGap } from './goto-backfill';
import { parseGotoFrame } from './goto-frames';
import { toCallReport, toCallSummary } from './goto-report';

/** Calls seen open on the socket, remembered to chase after a gap; bounded (oldest forgotten). */
const OPEN_CALLS_REMEMBERED = 5_000;
/** Ends held for a gap's re-read, and ends waiting for their call's report, at most (each). */
const ENDS_HELD_MAX = 1_000;
/** Used when the server does not say (GoTo has been seen to give 1200 and 10800 s). */
const FALLBACK_LIFETIME_S = 1200;
const EXTEND_RETRY_MS = 30_000;
/**
 * Report fetches in flight at once. GoTo allows 10 requests a second per API and announces the
 * report of every call of the account, so a call centre's burst queues instead of pressing that
 * limit (docs/reliability.md#report-fetches).
 */
export const GOTO_REPORT_FETCHES = 3;
/** GET …/reports/{id} answers 404 for a short while after the call ends (docs/providers/goto.md#call-events-report): about two minutes of retries. */
const REPORT_RETRY_DELAYS_MS: readonly number[] = [0, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000];

export interface GotoSessionOptions {
  api: GotoApi;
  /**
   * The account key, or its discovery in flight: the channel is created while /users/v1/me is
   * still answering, and only the subscriptions wait for it (cold start stays at 4 sequential
   * round trips: token, {account key ‖ lines ‖ channel}, socket, subscriptions).
   */
  accountKey: string | (() => Promise<string>);
  /** Awaited before subscribing, e.g. loading the user's lines so the line filter is set before any call arrives. */
  beforeSubscribe?: () => Promise<void>;
  tokens: Pick<AccessTokenSource, 'forceRefresh'>;
  log?: Logger;
  /** GoTo's channel nickname, a label of ours. */
  nickname?: string;
  /** Socket timings and backoff; tests shorten them. */
  connection?: Partial<Omit<ConnectionManagerOptions, 'dial' | 'classify' | 'onAuthError' | 'onChannelGone' | 'afterOpen'>>;
  reportRetryDelaysMs?: readonly number[];
  now?: () => number;
  /** Channels an earlier session of the same user could not delete (see leftoverChannels()). */
  previousChannels?: readonly GotoChannel[];
  /** False: a call seen only on lines nobody here watches; its report is not fetched. */
  wantsReport?: (callId: string) => boolean;
}

interface ChannelRecord {
  channel: GotoChannel;
  expiresAt: number;
  subscribed: boolean;
  gone: boolean;
  extendTimer: TimerHandle | null;
}

export interface GotoSessionStats {
  callStates: number;
  reportSummaries: number;
  controls: number;
  malformed: number;
  ignored: number;
  channelsCreated: number;
  extensions: number;
  backfills: number;
}

export class GotoSession extends TypedEvents<ProviderSessionEvents> implements ProviderSession {
  readonly provider = 'goto' as const;
  readonly connection: ConnectionManager;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timers = new TimerSet();
  private readonly reports;
  private readonly byGeneration = new Map<number, ChannelRecord>();
  private readonly open = new Set<ChannelRecord>();
  private current: ChannelRecord | null = null;
  private dialed: ChannelRecord | null = null;
  private running = false;
  /** Known once discovery answered; subscriptions, history and backfill need it. */
  private accountKey: string | null = null;
  private accountKeyInFlight: Promise<string> | null = null;
  private backfillRunning: Promise<void> | null = null;
  /** Calls whose frames said "not over yet", oldest first. */
  private readonly openCalls = new Set<string>();
  /**
   * While a gap's re-read runs: the ends of calls that were open before the gap, or never heard of
   * (rang in the gap), held back. Such a call may have been answered unseen in the gap, and GoTo's
   * end frame does not say whether it was; the re-read (an active call with a connected line, a
   * summary) or, failing that, the call's report decides (docs/reliability.md, "Every call closed").
   */
  private heldEnds: { openBefore: Set<string>; events: CallEvent[] } | null = null;
  /**
   * Ends that arrive in a gap, before its re-read starts: a new socket carries call frames once its
   * Call Events subscription holds, while it is still finishing its setup (the Call Events Report
   * subscription) and not live yet. They join the re-read's held ends.
   */
  private gapEnds: CallEvent[] = [];
  /** The start of a gap that closed while a re-read was running: read once that one is done. */
  private backfillAgainSince: Date | null = null;
  /**
   * Ends left to their call's report (a call the gap's re-read did not see): if the report never
   * comes, the end itself closes the call, so no call stays open (docs/reliability.md, "Every call
   * closed"). Bounded: past the limit the oldest end closes its call at once.
   */
  private endsAwaitingReport = new Map<string, CallEvent>();
  private previous: GotoChannel[];
  private readonly undeleted = new Set<ChannelRecord>();
  /** Dials (create or adopt a channel) and subscribing: stop() waits for their answers. */
  private readonly inFlight = new InFlight();
  /** stop() is waiting for in-flight answers: a channel they bring goes into its cleanup. */
  private stopWaiting = false;
  private readonly counters: GotoSessionStats = { callStates: 0, reportSummaries: 0, controls: 0, malformed: 0, ignored: 0, channelsCreated: 0, extensions: 0, backfills: 0 };

  constructor(private readonly options: GotoSessionOptions) {
    super();
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
    if (typeof options.accountKey === 'string') this.accountKey = options.accountKey;
    this.previous = [...(options.previousChannels ?? [])];
    this.onListenerError = (event, error) => this.log.error('goto session listener threw', { event: String(event), error });
    this.reports = createReportFetchQueue({
      fetch: (callId) => this.fetchReport(callId),
      onReport: (report) => {
        this.endsAwaitingReport.delete(report.callId);
        this.emit('report', report);
      },
      onGiveUp: (callId) => {
        const end = this.endsAwaitingReport.get(callId);
        if (!end || !this.running) return;
        this.endsAwaitingReport.delete(callId);
        this.emit('event', end);
      },
      log: this.log,
      concurrency: GOTO_REPORT_FETCHES,
      delaysMs: options.reportRetryDelaysMs ?? REPORT_RETRY_DELAYS_MS,
    });
    this.connection = new ConnectionManager({
      ...options.connection,
      logger: this.log,
      now: this.now,
      dial: ({ replacing }) => this.inFlight.track(this.dial(replacing)),
      afterOpen: (generation) => this.inFlight.track(this.afterOpen(generation)),
      classify: (error) => this.classify(error),
      onAuthError: async () => {
        await options.tokens.forceRefresh();
      },
      onChannelGone: async () => {
        if (this.dialed) this.dialed.gone = true;
        if (this.current) this.current.gone = true;
      },
    });
    this.connection.on('live', (generation) => this.becameLive(generation));
    this.connection.on('message', (text, generation) => this.received(text, generation));
    this.connection.on('close', (info) => this.byGeneration.delete(info.generation));
    this.connection.on('gap', ({ since }) => this.startBackfill(since));
    this.connection.on('state', (change) => {
      // Failed is a fatal stop (a 403, no account key): nothing will use these channels, so
      // they are deleted now rather than left to expire on GoTo's side.
      if (change.state === 'failed') for (const record of [...this.open]) this.retire(record);
      if (change.state === 'failed') this.current = this.dialed = null;
      // No socket will go live to start a re-read: ends held for it are released now.
      if (change.state === 'failed') this.releaseHeldEnds(this.gapEnds.splice(0), new Set());
      this.emit('state', this.connectionState());
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.reports.start();
    // Discovery runs beside the channel's creation; the subscriptions await it (or retry it).
    this.resolveAccountKey().catch(() => undefined);
    this.connection.start();
  }

  /** The account key; a failed discovery is tried again by the next connection attempt. */
  private resolveAccountKey(): Promise<string> {
    if (this.accountKey) return Promise.resolve(this.accountKey);
    const discover = this.options.accountKey as () => Promise<string>;
    this.accountKeyInFlight ??= discover().then(
      (key) => (this.accountKey = key),
      (error: unknown) => {
        this.accountKeyInFlight = null;
        throw error;
      },
    );
    return this.accountKeyInFlight;
  }

  async stop(timeoutMs = 3_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.connection.stop();
    this.reports.stop();
    this.timers.cancelAll();
    this.current = this.dialed = null;
    this.byGeneration.clear();
    this.gapEnds = [];
    this.backfillAgainSince = null;
    this.endsAwaitingReport.clear();
    // Quit must never hang (docs/reliability.md#quit-and-stop: ≤ 3 s): waiting for answers in
    // flight, each request and the whole cleanup share the one timeout.
    const startedAt = performance.now();
    this.stopWaiting = true;
    const answered = await this.inFlight.settled(timeoutMs);
    this.stopWaiting = false;
    if (!answered) this.log.warn('stop: a channel request had not answered in time', { timeoutMs });
    const records = [...this.open];
    this.open.clear();
    if (records.length === 0) return;
    const left = Math.max(1, timeoutMs - (performance.now() - startedAt));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)));
    for (const r of records) this.undeleted.add(r);
    const cleanup = Promise.allSettled(records.map((r) => this.removeChannel(r, left)));
    const outcome = await Promise.race([cleanup.then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.log.warn('stop: channel cleanup did not finish in time', { timeoutMs });
  }

  resume(): void {
    this.connection.resume();
    // After sleep the channel may have expired while we were away: check the backstop now.
    const record = this.current;
    if (record && this.now() >= record.expiresAt - this.margin(record)) void this.extend(record);
  }

  online(): void {
    this.connection.online();
  }

  connectionState(): ProviderConnectionState {
    return { state: this.connection.state, message: this.connection.stateMessage, problem: this.connection.problem };
  }

  async recentCalls(request: RecentCallsPageRequest): Promise<{ items: CallSummary[]; nextCursor: string | null }> {
    const page = await this.options.api.listReportSummaries({
      accountKey: await this.resolveAccountKey(),
      start: request.start,
      end: request.end,
      pageSize: request.pageSize,
      pageMarker: request.cursor ?? undefined,
    });
    return { items: page.items.flatMap((row) => toCallSummary(row) ?? []), nextCursor: page.nextPageMarker };
  }

  async fetchReport(callId: string): Promise<CallReport | null> {
    const report = await this.options.api.getReport(callId);
    return report ? toCallReport(report) : null;
  }

  stats(): GotoSessionStats & { openChannels: number; timers: number; reportTimers: number } {
    return { ...this.counters, openChannels: this.open.size, timers: this.timers.size, reportTimers: this.reports.timers() };
  }

  // ── channel lifecycle ───────────────────────────────────────────────────

  private async dial(replacing: boolean): Promise<{ url: string }> {
    const adopted = this.previous.length > 0 ? await this.adoptPrevious() : null;
    const reuse = adopted ?? (!replacing && this.current && !this.current.gone ? this.current : null);
    const record = reuse ?? (await this.createChannel().catch((error: unknown) => {
      throw refusedAsFatal(error);
    }));
    this.dialed = record;
    return { url: record.channel.url };
  }

  private async afterOpen(generation: number): Promise<void> {
    const record = this.dialed;
    if (!record) throw new Error('socket opened without a channel');
    this.byGeneration.set(generation, record);
    if (record.subscribed) return;
    const [accountKey] = await Promise.all([this.resolveAccountKey(), this.options.beforeSubscribe?.()]);
    // stop() ran while the account key or the lines were loading: its cleanup has this channel.
    if (!this.running) throw new Error('stopped');
    await Promise.all([
      this.options.api.subscribeCallEvents(record.channel.id, accountKey),
      this.options.api.subscribeReports(record.channel.id, accountKey),
    ]).catch((error: unknown) => {
      throw refusedAsFatal(error);
    });
    record.subscribed = true;
  }

  /** A channel whose create or check answered after stop(): into stop()'s cleanup, or deleted now. */
  private landedAfterStop(record: ChannelRecord): Error {
    if (this.stopWaiting) this.open.add(record);
    else {
      this.undeleted.add(record);
      void this.removeChannel(record, 3_000);
    }
    return new Error('stopped');
  }

  private async createChannel(): Promise<ChannelRecord> {
    const channel = await this.options.api.createChannel(this.options.nickname ?? 'ringtray');
    this.counters.channelsCreated += 1;
    const record: ChannelRecord = { channel, expiresAt: this.expiry(channel.lifetimeSeconds), subscribed: false, gone: false, extendTimer: null };
    // stop() ran while the channel was being created: remove it rather than leak it.
    if (!this.running) throw this.landedAfterStop(record);
    this.open.add(record);
    this.log.info('goto: channel created', { channelId: channel.id, lifetimeSeconds: channel.lifetimeSeconds });
    return record;
  }

  private becameLive(generation: number): void {
    const record = this.byGeneration.get(generation);
    if (!record) return;
    const previous = this.current;
    this.current = record;
    this.scheduleExtend(record);
    if (previous && previous !== record) {
      // Make before break: the new channel is subscribed and live, now the old one goes.
      this.retire(previous);
    }
    // Channels created by attempts that failed before going live are not worth keeping.
    for (const other of this.open) if (other !== record && other !== this.dialed && ![...this.byGeneration.values()].includes(other)) this.retire(other);
  }

  private retire(record: ChannelRecord): void {
    this.timers.cancel(record.extendTimer);
    this.open.delete(record);
    void this.removeChannel(record, 10_000);
  }

  /**
   * After stop(): the channels that could not be deleted (their removal failed or had not finished
   * by the timeout). GoTo keeps them until their lifetime ends; the next session of the same user
   * takes them over (previousChannels) instead of leaving them there.
   */
  leftoverChannels(): GotoChannel[] {
    return [...this.undeleted].map((r) => r.channel);
  }

  /** ProviderSession.leftovers: the channels above, or null when every one was removed. */
  leftovers(): GotoChannel[] | null {
    const channels = this.leftoverChannels();
    return channels.length > 0 ? channels : null;
  }

  /**
   * The first dial after a re-sign-in: an earlier channel that GoTo still extends is reused (and
   * subscribed again: its subscriptions may be half removed); the others are deleted; a 404 means
   * GoTo already dropped it.
   */
  private async adoptPrevious(): Promise<ChannelRecord | null> {
    const candidates = this.previous;
    this.previous = [];
    let adopted: ChannelRecord | null = null;
    for (const channel of candidates) {
      const record: ChannelRecord = { channel, expiresAt: 0, subscribed: true, gone: false, extendTimer: null };
      if (!adopted) {
        try {
          const lifetime = await this.options.api.extendChannel(channel);
          record.channel = { ...channel, lifetimeSeconds: lifetime ?? channel.lifetimeSeconds };
          record.expiresAt = this.expiry(record.channel.lifetimeSeconds);
          record.subscribed = false;
          if (!this.running) throw this.landedAfterStop(record);
          this.open.add(record);
          adopted = record;
          this.log.info('goto: reusing the channel of the previous session', { channelId: channel.id });
          continue;
        } catch (error) {
          if (!this.running) throw error;
          if (error instanceof HttpError && (error.status === 404 || error.status === 410)) continue;
          this.log.warn('goto: the previous session’s channel did not answer; deleting it', { channelId: channel.id, error });
        }
      }
      void this.removeChannel(record, 10_000);
    }
    return adopted;
  }

  private async removeChannel(record: ChannelRecord, timeoutMs: number): Promise<void> {
    const { api } = this.options;
    const { accountKey } = this;
    const id = record.channel.id;
    // Without an account key nothing was subscribed: deleting the channel is enough.
    if (accountKey && record.subscribed) {
      await Promise.allSettled([api.unsubscribeCallEvents(id, accountKey, timeoutMs), api.unsubscribeReports(id, accountKey, timeoutMs)]);
    }
    try {
      await api.deleteChannel(record.channel, timeoutMs);
      this.undeleted.delete(record);
    } catch (error) {
      this.log.warn('goto: could not delete a channel', { channelId: id, error });
    }
  }

  private expiry(lifetimeSeconds: number | null): number {
    return this.now() + (lifetimeSeconds ?? FALLBACK_LIFETIME_S) * 1000;
  }

  private margin(record: ChannelRecord): number {
    const lifetimeMs = (record.channel.lifetimeSeconds ?? FALLBACK_LIFETIME_S) * 1000;
    return Math.min(Math.max(120_000, lifetimeMs * 0.1), lifetimeMs / 2);
  }

  private scheduleExtend(record: ChannelRecord, inMs?: number): void {
    this.timers.cancel(record.extendTimer);
    const wait = inMs ?? Math.max(0, record.expiresAt - this.margin(record) - this.now());
    record.extendTimer = this.timers.after(wait, () => void this.extend(record));
  }

  private async extend(record: ChannelRecord): Promise<void> {
    if (!this.running || record.gone || !this.open.has(record)) return;
    try {
      const lifetime = await this.options.api.extendChannel(record.channel);
      if (lifetime) record.channel = { ...record.channel, lifetimeSeconds: lifetime };
      record.expiresAt = this.expiry(record.channel.lifetimeSeconds);
      this.counters.extensions += 1;
      this.log.info('goto: channel extended', { channelId: record.channel.id, lifetimeSeconds: record.channel.lifetimeSeconds });
      if (this.running) this.scheduleExtend(record);
    } catch (error) {
      if (!this.running) return;
      if (error instanceof HttpError && (error.status === 404 || error.status === 410)) {
        this.log.warn('goto: channel is gone, building a new one', { channelId: record.channel.id });
        record.gone = true;
        if (record === this.current) this.connection.replace('channel-gone');
        return;
      }
      this.log.warn('goto: extending the channel failed, will retry', { channelId: record.channel.id, error });
      this.scheduleExtend(record, Math.min(EXTEND_RETRY_MS, Math.max(1_000, record.expiresAt - this.now())));
    }
  }

  // ── frames ────────────────────────────────────────────────────────────────

  private received(text: string, generation: number): void {
    const frame = parseGotoFrame(text);
    switch (frame.kind) {
      case 'call-state':
        this.counters.callStates += 1;
        if (frame.event.ended && this.connection.inGap) {
          this.gapEnds.push(frame.event);
          // Bounded: a gap that never closes (a subscription failing again and again) releases
          // its oldest ends to their reports rather than holding them without end.
          if (this.gapEnds.length > ENDS_HELD_MAX) this.releaseHeldEnds(this.gapEnds.splice(0, 1), new Set());
          return;
        }
        if (frame.event.ended && this.heldEnds && (this.heldEnds.openBefore.has(frame.event.callId) || !this.openCalls.has(frame.event.callId))) {
          this.heldEnds.events.push(frame.event);
          return;
        }
        this.noteCall(frame.event.callId, frame.event.ended);
        this.emit('event', frame.event);
        return;
      case 'report-summary':
        this.counters.reportSummaries += 1;
        this.openCalls.delete(frame.callId);
        // GoTo sends every call of the account: only the watched ones are worth a report fetch.
        if (this.options.wantsReport?.(frame.callId) !== false) this.reports.request(frame.callId);
        return;
      case 'control': {
        this.counters.controls += 1;
        const record = this.byGeneration.get(generation);
        this.log.info('goto: control message', { type: frame.type, channelId: record?.channel.id });
        if (!record || record !== this.current) return;
        if (frame.control === 'refresh-required') void this.extend(record);
        else if (frame.control === 'to-be-closed') {
          // GoTo closes this channel soon: never dial it again, even if the replacement has to
          // wait (429) past the close.
          record.gone = true;
          this.connection.replace('to-be-closed');
        }
        return;
      }
      case 'malformed':
        this.counters.malformed += 1;
        this.log.debug('goto: dropped a malformed frame', { reason: frame.reason });
        return;
      case 'ignored':
        this.counters.ignored += 1;
        return;
    }
  }

  private startBackfill(since: Date): void {
    const accountKey = this.accountKey;
    const early = this.gapEnds.splice(0);
    if (this.backfillRunning || !accountKey) {
      // A re-read still running holds these ends too; without an account key their reports decide.
      if (this.heldEnds) this.heldEnds.events.push(...early);
      else this.releaseHeldEnds(early, new Set());
      // This gap began after the running re-read had asked for its lists: it is read again once
      // that one is done, from the earliest such gap (a call whose summary was sent while the
      // socket was down is found only by reading).
      if (this.backfillRunning && accountKey && (this.backfillAgainSince === null || since < this.backfillAgainSince)) this.backfillAgainSince = since;
      return;
    }
    this.counters.backfills += 1;
    // Only calls known open when the re-read starts: one that starts meanwhile is not in its lists.
    const openBefore = [...this.openCalls];
    const held = { openBefore: new Set(openBefore), events: early };
    this.heldEnds = held;
    let seenByReread = new Set<string>();
    this.backfillRunning = backfillGap(
      { api: this.options.api, accountKey, fetchReport: (id) => this.fetchReport(id), log: this.log, now: this.now },
      since,
      (event) => {
        if (!this.running) return;
        this.noteCall(event.callId, event.ended);
        this.emit('event', event);
      },
    )
      .then(({ seen, ...counts }) => {
        seenByReread = seen;
        // A call we saw open that GoTo neither lists as active nor has summarized yet ended in
        // the gap before being indexed: its report (retried while 404) closes it.
        if (!this.running) return;
        const chased = openBefore.filter((id) => this.openCalls.has(id) && !seen.has(id));
        for (const id of chased) {
          this.openCalls.delete(id);
          if (this.options.wantsReport?.(id) === false) continue;
          // Its end frame was lost in the gap: if the report never comes, an end that says only
          // "over" closes it (the tracker infers missed or ended from what it saw of the call).
          this.awaitReport({ provider: 'goto', callId: id, direction: 'unknown', sequence: null, at: new Date(this.now()).toISOString(), caller: null, legs: [], ended: true, origin: 'backfill' });
          this.reports.request(id);
        }
        this.log.info('goto: gap re-read', { since: since.toISOString(), ...counts, chased: chased.length });
      })
      .catch((error: unknown) => this.log.warn('goto: could not re-read calls after a gap', { error }))
      .finally(() => {
        this.backfillRunning = null;
        if (this.heldEnds === held) this.heldEnds = null;
        this.releaseHeldEnds(held.events, seenByReread);
        const again = this.backfillAgainSince;
        this.backfillAgainSince = null;
        if (again && this.running) this.startBackfill(again);
      });
  }

  /**
   * Ends held during a re-read: a call the re-read saw (active or summarized) is known now, so its
   * end closes it rightly; one it did not see is left to its report, which says whether it was
   * answered (the re-read's chase, or a request here; a call asked for twice is fetched once).
   */
  private releaseHeldEnds(events: CallEvent[], seen: Set<string>): void {
    if (!this.running) return;
    for (const event of events) {
      if (seen.has(event.callId) || this.options.wantsReport?.(event.callId) === false) {
        this.noteCall(event.callId, true);
        this.emit('event', event);
      } else {
        this.openCalls.delete(event.callId);
        this.awaitReport(event);
        this.reports.request(event.callId);
      }
    }
  }

  /** Keeps the end that closes a call if its report is given up (a later, truer end replaces it). */
  private awaitReport(end: CallEvent): void {
    this.endsAwaitingReport.delete(end.callId);
    this.endsAwaitingReport.set(end.callId, end);
    if (this.endsAwaitingReport.size <= ENDS_HELD_MAX) return;
    const [oldestId, oldest] = this.endsAwaitingReport.entries().next().value as [string, CallEvent];
    this.endsAwaitingReport.delete(oldestId);
    this.emit('event', oldest);
  }

  private noteCall(callId: string, ended: boolean): void {
    this.openCalls.delete(callId);
    if (ended) return;
    this.openCalls.add(callId);
    if (this.openCalls.size > OPEN_CALLS_REMEMBERED) this.openCalls.delete(this.openCalls.values().next().value as string);
  }

  private classify(error: unknown): ErrorClass | undefined {
    if (error instanceof SubscriptionFailedError) return 'transient';
    return undefined;
  }
}

/**
 * A 403 from GoTo will not heal by retrying: the account or the OAuth client lacks a right.
 * It becomes a fatal error whose message tells the user what to fix.
 */
function refusedAsFatal(error: unknown): unknown {
  const forbidden =
    (error instanceof SubscriptionFailedError && error.failures.some((f) => f.status === 403 || f.status === 401)) ||
    (error instanceof HttpError && error.status === 403);
  if (!forbidden) return error;
  return new FatalConnectionError(
    'GoTo refused to send call events for this account (403). Subscribing needs an admin of the GoTo Connect account and an OAuth client with the call-events.v1.notifications.manage and cr.v1.read scopes.',
  );
}
