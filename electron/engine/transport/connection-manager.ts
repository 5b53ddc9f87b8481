/**
 * The one owner of a provider's real-time socket (docs/architecture.md#one-owner-per-resource;
 * docs/reliability.md#the-socket). It knows nothing about any one provider: the provider
 * gives it `dial()` (fetch a fresh URL each time: GoTo's channelURL, RingCentral's single-use
 * ws-token URL, Dialpad's hourly URL), hooks for auth/channel recovery, and listens to its events.
 *
 * States (`state` event):
 *   stopped ──start()──▶ connecting ──socket open + afterOpen()──▶ live
 *   live ──socket lost (server close, pong timeout, sleep)──▶ connecting ──▶ live (+ `gap`)
 *   connecting ──3rd consecutive failure──▶ reconnecting ──success──▶ live
 *   any ──fatal error (403 scope, bad config, 401 again after a refresh)──▶ failed (`problem` says why)
 *   failed ──start()──▶ connecting (a way out: retry, sign-in, settings, resume, network back)
 *   any ──stop()──▶ stopped
 *
 * One attempt at a time (single flight): an attempt runs the recovery hook if the last failure
 * asked for one (auth → refresh once; channel-gone → new channel), calls `dial`, opens the socket,
 * awaits `afterOpen` (subscribe, wait for a welcome frame) and then the socket is `live`. A failure
 * is classified (transient → backoff; auth/channel-gone → hook on the next attempt; fatal → failed)
 * and the next attempt waits `backoff.next()` (the first retry at once, then growing; a server's
 * Retry-After is the wait itself).
 *
 * Backoff (docs/reliability.md, "The socket"): going live resets the failure count, and losing a
 * live socket retries at once (0–250 ms jitter) every time, however soon after the previous
 * fault, so a network that flaps every few seconds costs each time the same fraction of a
 * second. Only attempts that fail to go live escalate. A server that accepts and then drops at
 * once would make that a tight loop, so live sockets that die within `shortLivedMs` are counted:
 * more than `shortLivedBudget` of them within `shortLivedWindowMs` and such losses back off as
 * failures, until a socket outlives `shortLivedMs` again. A socket that is being replaced
 * (make before break) and closes on the server's schedule is not a failure at all.
 *
 * Every socket gets a generation id; frames from a socket that is no longer current are counted
 * and dropped. `replace()` is make-before-break (GoTo WEBSOCKET_TO_BE_CLOSED): the old socket
 * stays current until the new one is live, frames of both are delivered during the overlap (the
 * tracker dedupes), and the old one is closed only then. With `drainReplaced` the old one's frames
 * are delivered until its close handshake ends (`drained`), so none still on the wire is lost. After a socket was lost and another is
 * live again, `gap({since})` tells the provider to re-read active calls and report summaries.
 */
import type WebSocket from 'ws';
import { HttpError } from '../http/http-errors';
import { silentLogger } from '../log/logger';
import { createBackoff } from './backoff';
import type { ConnectionEvents, ConnectionManagerOptions, ConnectionManagerState, ConnectionStats } from './connection-types';
import { type DeathCause, LivenessMonitor } from './liveness';
import { connectionFor, type Connection } from '../net/network';
import { type DialTarget, insecureSocketUrl, openSocket, rawLength, rawToText } from './open-socket';
import { TimerSet, type TimerHandle } from './timer-set';
import {
  type ConnectionProblem,
  ConnectTimeoutError,
  FatalConnectionError,
  SocketClosedError,
  UpgradeRejectedError,
  defaultClassify,
  type ErrorClass,
  messageOf,
  retryAfterMsOf,
} from './transport-errors';
import { TypedEvents } from '../events/typed-events';

export type * from './connection-types';

interface Sock {
  ws: WebSocket | null;
  generation: number;
  openedAt: number | null;
  /** When it became the live socket (after afterOpen). */
  liveAt: number | null;
  lastAliveAt: number;
  retired: boolean;
  /** Retired by a replacement and still delivering until closed (drainReplaced). */
  draining: boolean;
  lastError: Error | null;
  liveness: LivenessMonitor | null;
}

interface Attempt {
  reason: string;
  /** The recovery this attempt owes (kept if the attempt is abandoned before it ran). */
  recover: { kind: 'auth' | 'channel-gone'; error: unknown } | null;
  recovered: boolean;
  controller: AbortController;
  timer: TimerHandle | null;
  sock: Sock | null;
  done: boolean;
}

export class ConnectionManager extends TypedEvents<ConnectionEvents> {
  private readonly o: Required<Omit<ConnectionManagerOptions, 'classify' | 'onAuthError' | 'onChannelGone' | 'afterOpen' | 'backoff'>>;
  /** A replacement was asked for and is not live yet: the old socket closing is expected. */
  private replacing = false;
  /** When recent live sockets died young (within shortLivedMs); at most budget + 1 entries. */
  private readonly shortLived: number[] = [];
  /** Over the short-lived budget: lost live sockets back off as failures until one lasts. */
  private throttled = false;
  private readonly timers = new TimerSet();
  private readonly backoff;
  private running = false;
  private tearingDown = false;
  private current: ConnectionManagerState = 'stopped';
  private message: string | null = null;
  private fatal: ConnectionProblem | null = null;
  private active: Sock | null = null;
  private pending: Attempt | null = null;
  private wait: TimerHandle | null = null;
  private readonly closing = new Set<Sock>();
  private recover: { kind: 'auth' | 'channel-gone'; error: unknown } | null = null;
  private authRetried = false;
  private gapSince: number | null = null;
  private generationSeq = 0;
  private readonly counters = { opened: 0, staleFramesDropped: 0, binaryFramesDropped: 0 };

  constructor(private readonly options: ConnectionManagerOptions) {
    super();
    const logger = options.logger ?? silentLogger;
    this.o = {
      dial: options.dial,
      acceptBinary: options.acceptBinary ?? false,
      drainReplaced: options.drainReplaced ?? false,
      maxPayload: options.maxPayload ?? 1024 * 1024,
      pingIntervalMs: options.pingIntervalMs ?? 10_000,
      // 10 s + 4 s: a socket that went silent right after a pong is found 14 s later, which leaves
      // the reconnect (0–250 ms) inside the 15 s from silence to live again.
      pongTimeoutMs: options.pongTimeoutMs ?? 4_000,
      suspendToleranceMs: options.suspendToleranceMs ?? 5_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      dialTimeoutMs: options.dialTimeoutMs ?? 30_000,
      shortLivedMs: options.shortLivedMs ?? 1_000,
      shortLivedBudget: options.shortLivedBudget ?? 5,
      shortLivedWindowMs: options.shortLivedWindowMs ?? 60_000,
      reconnectingAfterFailures: options.reconnectingAfterFailures ?? 3,
      closeTimeoutMs: options.closeTimeoutMs ?? 2_000,
      now: options.now ?? Date.now,
      logger,
    };
    this.backoff = createBackoff(options.backoff);
    this.onListenerError = (event, error) => logger.error('connection listener threw', { event, error: messageOf(error) });
  }

  get state(): ConnectionManagerState {
    return this.current;
  }

  /** The generation of the live socket, or null. */
  get generation(): number | null {
    return this.active?.generation ?? null;
  }

  /**
   * A live socket was lost and none has gone live since: frames now come only from a socket that
   * is not live yet (subscribed, still finishing its setup); `gap` follows when it goes live.
   */
  get inGap(): boolean {
    return this.gapSince !== null;
  }

  get stateMessage(): string | null {
    return this.message;
  }

  /** In `failed`: why the connection stopped for good; null in every other state. */
  get problem(): ConnectionProblem | null {
    return this.fatal;
  }

  start(): void {
    if (this.running || this.tearingDown) return;
    this.running = true;
    this.fatal = null;
    this.backoff.reset();
    this.authRetried = false;
    this.recover = null;
    this.gapSince = null;
    this.replacing = false;
    this.throttled = false;
    this.shortLived.length = 0;
    this.begin('start');
  }

  /** Closes everything; afterwards no socket is held and no timer runs. */
  stop(): void {
    if (!this.running && this.current === 'stopped') return;
    this.teardown('stopped');
    this.setState('stopped', null);
  }

  /** After sleep: the socket may say OPEN and be dead, so always build a new one now. */
  resume(): void {
    if (!this.running) return;
    this.abandonPending();
    if (this.active) this.dropActive('resume', 1006, '');
    this.cancelWait();
    this.begin('resume');
  }

  /** The network came back: a retry waiting in backoff goes now. */
  online(): void {
    if (!this.running || !this.wait) return;
    this.cancelWait();
    this.begin('online');
  }

  /** Drop the current socket (if any) and connect again at once. */
  reconnectNow(reason: string): void {
    if (!this.running) return;
    if (this.active) this.dropActive(reason, 1006, '');
    if (this.pending) return;
    this.cancelWait();
    this.begin(reason);
  }

  /** Make before break: build a new socket while the current one keeps delivering. */
  replace(reason = 'replace'): void {
    if (!this.running) return;
    if (this.active) this.replacing = true;
    if (this.pending || this.wait) return;
    this.begin(reason);
  }

  /**
   * Sends a text frame on the live socket, or — with `generation` — on that socket only, which may
   * also be the one still in afterOpen (a provider that subscribes over the socket itself).
   */
  send(text: string, generation?: number): boolean {
    const pending = this.pending?.sock;
    const sock = generation !== undefined && pending?.generation === generation && !pending.retired ? pending : this.active;
    const ws = sock?.ws;
    if (!ws || ws.readyState !== ws.OPEN) return false;
    if (generation !== undefined && generation !== sock?.generation) return false;
    ws.send(text);
    return true;
  }

  stats(): ConnectionStats {
    return { generation: this.generationSeq, failures: this.backoff.failures, throttled: this.throttled, ...this.counters };
  }

  /** For tests and diagnostics: what this manager holds right now. */
  debugResources(): { sockets: number; closing: number; timers: number; attempting: boolean } {
    const sockets = (this.active ? 1 : 0) + (this.pending?.sock && !this.pending.sock.retired ? 1 : 0);
    return { sockets, closing: this.closing.size, timers: this.timers.size, attempting: this.pending !== null };
  }

  // ── attempts ─────────────────────────────────────────────────────────────

  private begin(reason: string): void {
    if (!this.running || this.pending) return;
    const attempt: Attempt = { reason, recover: this.recover, recovered: false, controller: new AbortController(), timer: null, sock: null, done: false };
    this.recover = null;
    this.pending = attempt;
    if (!this.active) this.setState(this.connectingState(), null);
    void this.run(attempt);
  }

  private async run(att: Attempt): Promise<void> {
    if (att.done) return; // a state listener stopped us already
    const recover = att.recover;
    att.timer = this.timers.after(this.o.dialTimeoutMs, () => this.fail(att, new ConnectTimeoutError('dial', this.o.dialTimeoutMs)));
    let target: DialTarget;
    let connection: Connection;
    try {
      const hook = recover?.kind === 'auth' ? this.options.onAuthError : recover ? this.options.onChannelGone : undefined;
      if (hook && recover) await hook(recover.error, att.controller.signal);
      att.recovered = true;
      if (att.done) return;
      target = await this.o.dial({
        attempt: this.backoff.failures + 1,
        reason: att.reason,
        replacing: this.active !== null,
        signal: att.controller.signal,
      });
      if (att.done) return;
      const refused = insecureSocketUrl(target.url);
      if (refused) throw refused;
      // Direct or through the proxy: asked per attempt, so a changed system setting applies at once.
      connection = await connectionFor(new URL(target.url), 'socket');
    } catch (error) {
      this.fail(att, error);
      return;
    }
    if (att.done) return;
    this.timers.cancel(att.timer);
    att.timer = this.timers.after(this.o.connectTimeoutMs, () =>
      this.fail(att, new ConnectTimeoutError(att.sock?.openedAt ? 'ready' : 'connect', this.o.connectTimeoutMs)),
    );
    this.connect(att, target, connection);
  }

  private connect(att: Attempt, target: DialTarget, connection: Connection): void {
    const sock: Sock = { ws: null, generation: ++this.generationSeq, openedAt: null, liveAt: null, lastAliveAt: this.o.now(), retired: false, draining: false, lastError: null, liveness: null };
    att.sock = sock;
    const ws = openSocket(target, { maxPayload: this.o.maxPayload, closeTimeoutMs: this.o.closeTimeoutMs, connection }, {
      open: () => void this.opened(att, sock),
      message: (data, isBinary) => this.received(sock, data, isBinary),
      pong: () => {
        sock.lastAliveAt = this.o.now();
        sock.liveness?.pong();
      },
      error: (error) => {
        sock.lastError ??= error;
      },
      close: (code, reason) => this.closed(att, sock, code, reason),
    });
    if (ws instanceof Error) return this.fail(att, ws);
    sock.ws = ws;
  }

  private async opened(att: Attempt, sock: Sock): Promise<void> {
    if (att.done || sock.retired) return;
    sock.openedAt = sock.lastAliveAt = this.o.now();
    this.counters.opened += 1;
    this.emit('open', sock.generation);
    if (att.done || sock.retired) return; // an 'open' listener stopped or resumed us
    if (this.options.afterOpen) {
      try {
        await this.options.afterOpen(sock.generation, att.controller.signal);
      } catch (error) {
        this.fail(att, error);
        return;
      }
      if (att.done || sock.retired) return;
    }
    this.timers.cancel(att.timer);
    att.done = true;
    this.pending = null;
    const old = this.active;
    this.active = sock;
    // Make before break: the old socket is closed only now that the new one is live.
    if (old) {
      old.draining = this.o.drainReplaced;
      this.retire(old, 'replaced', true);
    }
    sock.liveness = new LivenessMonitor(this.timers, this.o, this.o.now, {
      ping: () => {
        const ws = sock.ws;
        if (!ws || ws.readyState !== ws.OPEN) return false;
        ws.ping();
        return true;
      },
      dead: (cause: DeathCause) => this.livenessLost(sock, cause),
    });
    sock.liveness.start();
    this.authRetried = false;
    this.replacing = false;
    sock.liveAt = this.o.now();
    // Going live ends the failure streak, unless the server keeps dropping us at once.
    if (!this.throttled) this.backoff.reset();
    this.setState('live', null);
    this.emit('live', sock.generation);
    if (this.gapSince !== null && this.active === sock) {
      const since = new Date(this.gapSince);
      this.gapSince = null;
      this.emit('gap', { since, generation: sock.generation });
    }
  }

  private received(sock: Sock, data: WebSocket.RawData, isBinary: boolean): void {
    if (sock.retired && !sock.draining) {
      this.counters.staleFramesDropped += 1;
      return;
    }
    sock.lastAliveAt = this.o.now();
    if (isBinary && !this.o.acceptBinary) {
      this.counters.binaryFramesDropped += 1;
      this.o.logger.debug('binary frame dropped', { generation: sock.generation, bytes: rawLength(data) });
      return;
    }
    this.emit('message', rawToText(data), sock.generation);
  }

  private closed(att: Attempt, sock: Sock, code: number, reason: string): void {
    this.closing.delete(sock);
    if (sock.retired) {
      if (sock.draining) {
        sock.draining = false;
        this.emit('drained', sock.generation);
      }
      return;
    }
    const cause = sock.lastError ? `error: ${sock.lastError.message}` : 'server';
    if (sock === this.active) {
      this.dropActive(cause, code, reason, true);
    } else if (att === this.pending) {
      this.fail(att, sock.lastError ?? new SocketClosedError(code, reason, 'closed before live'));
    }
  }

  private livenessLost(sock: Sock, cause: DeathCause): void {
    if (sock !== this.active) return;
    this.o.logger.info('socket presumed dead', { generation: sock.generation, cause });
    this.dropActive(cause, 1006, '', true);
  }

  /** The live socket is gone. With `retry`, schedule the next attempt through the backoff. */
  private dropActive(cause: string, code: number, reason: string, retry = false): void {
    const sock = this.active;
    if (!sock) return;
    this.active = null;
    this.retire(sock, cause, false);
    const now = this.o.now();
    const uptimeMs = now - (sock.openedAt ?? now);
    // The socket may have been dead since its last sign of life (half-open, asleep).
    this.gapSince ??= sock.lastAliveAt;
    this.emit('close', { generation: sock.generation, code, reason, cause, uptimeMs });
    if (!retry || !this.running) return;
    if (this.pending || (this.replacing && this.wait)) {
      // A replacement is already on its way (or waiting out a Retry-After): it becomes the
      // reconnect, and the old socket closing on schedule is not one more failure.
      this.setState(this.connectingState(), null);
      return;
    }
    this.replacing = false;
    this.lost(new SocketClosedError(code, reason, cause), now - (sock.liveAt ?? now));
  }

  /** A live socket was lost: retry at once, unless live sockets keep dying young (see the header). */
  private lost(error: SocketClosedError, liveMs: number): void {
    const now = this.o.now();
    if (liveMs < this.o.shortLivedMs) {
      this.shortLived.push(now);
      while (this.shortLived.length > 0 && (now - (this.shortLived[0] as number) > this.o.shortLivedWindowMs || this.shortLived.length > this.o.shortLivedBudget + 1)) {
        this.shortLived.shift();
      }
      if (this.shortLived.length > this.o.shortLivedBudget) this.throttled = true;
    } else {
      this.throttled = false;
      this.backoff.reset();
    }
    if (this.throttled) {
      this.failed(error);
      return;
    }
    this.schedule(error, 'transient', this.backoff.firstRetry());
  }

  private fail(att: Attempt, error: unknown): void {
    if (att.done) return;
    att.done = true;
    if (this.pending === att) this.pending = null;
    this.timers.cancel(att.timer);
    att.controller.abort();
    const sock = att.sock;
    if (sock && !sock.retired) {
      this.retire(sock, 'failed', false);
      if (sock.openedAt !== null) {
        this.emit('close', { generation: sock.generation, code: 1006, reason: '', cause: `failed: ${messageOf(error)}`, uptimeMs: this.o.now() - sock.openedAt });
      }
    }
    if (this.running) this.failed(error);
  }

  private failed(error: unknown): void {
    let errorClass = this.options.classify?.(error) ?? defaultClassify(error);
    let reason = messageOf(error);
    let unauthorized = false;
    if (errorClass === 'auth' && this.authRetried) {
      errorClass = 'fatal';
      unauthorized = true;
      reason = `still unauthorized after refreshing the token (${reason})`;
    }
    if (errorClass === 'fatal') {
      this.o.logger.warn('connection stopped', { error: reason });
      this.emit('failure', { error, errorClass, failures: this.backoff.failures, delayMs: -1 });
      this.teardown('fatal');
      this.fatal = problemOf(error, unauthorized);
      this.setState('failed', reason);
      return;
    }
    if (errorClass === 'auth') this.authRetried = true;
    if (errorClass === 'auth' || errorClass === 'channel-gone') this.recover = { kind: errorClass, error };
    this.schedule(error, errorClass, this.backoff.next(retryAfterMsOf(error)));
  }

  /** Tells listeners and plans the next attempt in `delayMs`. */
  private schedule(error: unknown, errorClass: ErrorClass, delayMs: number): void {
    this.o.logger.info('connection attempt failed', { error: messageOf(error), errorClass, failures: this.backoff.failures, delayMs });
    if (!this.active) this.setState(this.connectingState(), null);
    this.emit('failure', { error, errorClass, failures: this.backoff.failures, delayMs });
    // Listeners may have called stop(), resume() or online() meanwhile.
    if (!this.running || this.pending || this.wait) return;
    this.wait = this.timers.after(delayMs, () => {
      this.wait = null;
      this.begin('retry');
    });
  }

  // ── teardown ─────────────────────────────────────────────────────────────

  private retire(sock: Sock, why: string, polite: boolean): void {
    if (sock.retired) return;
    sock.retired = true;
    sock.liveness?.stop();
    const ws = sock.ws;
    if (!ws || ws.readyState === ws.CLOSED) {
      if (sock.draining) {
        sock.draining = false;
        this.emit('drained', sock.generation);
      }
      return;
    }
    this.closing.add(sock);
    if (polite && ws.readyState === ws.OPEN) ws.close(1000, why);
    else ws.terminate();
  }

  private abandonPending(): void {
    const att = this.pending;
    if (!att) return;
    att.done = true;
    this.pending = null;
    this.timers.cancel(att.timer);
    att.controller.abort();
    // An auth refresh or new channel interrupted by resume() is still owed to the next attempt.
    if (att.recover && !att.recovered) this.recover ??= att.recover;
    const sock = att.sock;
    if (sock && !sock.retired) {
      this.retire(sock, 'abandoned', false);
      if (sock.openedAt !== null) {
        this.emit('close', { generation: sock.generation, code: 1006, reason: '', cause: 'abandoned', uptimeMs: this.o.now() - sock.openedAt });
      }
    }
  }

  private cancelWait(): void {
    this.timers.cancel(this.wait);
    this.wait = null;
  }

  private teardown(cause: string): void {
    this.running = false;
    this.tearingDown = true;
    this.abandonPending();
    if (this.active) this.dropActive(cause, 1000, '');
    this.tearingDown = false;
    for (const sock of this.closing) if (sock.ws && sock.ws.readyState !== sock.ws.CLOSED) sock.ws.terminate();
    this.timers.cancelAll();
    this.wait = null;
    this.recover = null;
    this.gapSince = null;
    this.replacing = false;
  }

  private connectingState(): ConnectionManagerState {
    return this.backoff.failures >= this.o.reconnectingAfterFailures ? 'reconnecting' : 'connecting';
  }

  private setState(state: ConnectionManagerState, message: string | null): void {
    if (state !== 'failed') this.fatal = null;
    if (state === this.current && message === this.message) return;
    const previous = this.current;
    this.current = state;
    this.message = message;
    this.emit('state', { state, previous, message, failures: this.backoff.failures });
  }
}

function problemOf(error: unknown, unauthorized: boolean): ConnectionProblem {
  const status = error instanceof HttpError || error instanceof UpgradeRejectedError ? (error.status ?? null) : null;
  if (error instanceof FatalConnectionError) return { kind: unauthorized ? 'unauthorized' : error.kind, sentence: error.message, status, error };
  return { kind: unauthorized ? 'unauthorized' : 'refused', sentence: null, status, error };
}
