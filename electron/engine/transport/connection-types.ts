// The connection manager's public vocabulary: what it asks of a provider (options, dial) and
// what it tells (events). Kept apart so connection-manager.ts reads as the state machine.
import type { Logger } from '../log/logger';
import type { BackoffOptions } from './backoff';
import type { DialTarget } from './open-socket';
import type { ErrorClass } from './transport-errors';

export type { DialTarget } from './open-socket';
/** `failed`: stopped by an error retrying cannot cure (see `ConnectionManager.problem`); start() again to leave it. */
export type ConnectionManagerState = 'connecting' | 'live' | 'reconnecting' | 'failed' | 'stopped';

export interface DialAttempt {
  /** 1 for the first try after a socket was live, then 2, 3 … while attempts fail. */
  attempt: number;
  /** `start`, `retry`, `resume`, `online`, `replace`, or the reason given to reconnectNow/replace. */
  reason: string;
  /** True when a live socket stays open while this one is built (make before break). */
  replacing: boolean;
  /** Aborted when the attempt is abandoned (stop, timeout, resume). */
  signal: AbortSignal;
}

export interface CloseInfo {
  generation: number;
  code: number;
  reason: string;
  /** `server`, `pong-timeout`, `suspended`, `resume`, `replaced`, `stopped`, `error: …`, or a reconnectNow reason. */
  cause: string;
  uptimeMs: number;
}

export interface StateChange {
  state: ConnectionManagerState;
  previous: ConnectionManagerState;
  /** Why, for the user, when the state needs attention (failed). */
  message: string | null;
  failures: number;
}

export interface FailureInfo {
  error: unknown;
  errorClass: ErrorClass;
  failures: number;
  /** How long until the next attempt. */
  delayMs: number;
}

export interface ConnectionEvents {
  state: (change: StateChange) => void;
  /** The socket opened (afterOpen may still be running; its frames are delivered already). */
  open: (generation: number) => void;
  /** The socket became the current one (after afterOpen; after a replace, the old one is closing). */
  live: (generation: number) => void;
  message: (text: string, generation: number) => void;
  close: (info: CloseInfo) => void;
  /** With `drainReplaced`: a replaced socket finished closing; it delivers nothing more. */
  drained: (generation: number) => void;
  gap: (info: { since: Date; generation: number }) => void;
  failure: (info: FailureInfo) => void;
}

export interface ConnectionManagerOptions {
  dial: (attempt: DialAttempt) => Promise<DialTarget>;
  /** The provider's classification of its own errors; `undefined` falls back to `defaultClassify`. */
  classify?: (error: unknown) => ErrorClass | undefined;
  /** Runs before the dial that follows an `auth` failure (refresh the token once). */
  onAuthError?: (error: unknown, signal: AbortSignal) => Promise<void>;
  /** Runs before the dial that follows a `channel-gone` failure (create a new channel). */
  onChannelGone?: (error: unknown, signal: AbortSignal) => Promise<void>;
  /** Runs once a socket is open, before it counts as live (subscribe, await a welcome frame). */
  afterOpen?: (generation: number, signal: AbortSignal) => Promise<void>;
  /**
   * A replaced socket keeps delivering the frames still on their way until its close handshake
   * ends (then `drained`), instead of dropping them: for a server that sends every event on every
   * open socket, whose old socket may still carry events the new one never gets.
   */
  drainReplaced?: boolean;
  /** Deliver binary frames (decoded as UTF-8) instead of counting and dropping them. */
  acceptBinary?: boolean;
  /** Largest frame accepted, bytes; bigger → ws closes with 1009 (default 1 MiB). */
  maxPayload?: number;
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  suspendToleranceMs?: number;
  /** From creating the socket to live (open + afterOpen). */
  connectTimeoutMs?: number;
  /** For the recovery hook + dial together. */
  dialTimeoutMs?: number;
  /** A live socket lost sooner than this counts against the short-lived budget (default 1 s). */
  shortLivedMs?: number;
  /** More short-lived sockets than this within the window → losses back off as failures (default 5). */
  shortLivedBudget?: number;
  /** Default 60 s. */
  shortLivedWindowMs?: number;
  reconnectingAfterFailures?: number;
  closeTimeoutMs?: number;
  backoff?: BackoffOptions;
  now?: () => number;
  logger?: Logger;
}

export interface ConnectionStats {
  generation: number;
  opened: number;
  staleFramesDropped: number;
  binaryFramesDropped: number;
  failures: number;
  /** Over the short-lived budget: lost sockets back off as failures. */
  throttled: boolean;
}
