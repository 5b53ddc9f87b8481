// What can go wrong with a socket, as typed errors, and the default answer to "what now?"
// (docs/reliability.md#error-classes-decide-the-path). A provider passes its own `classify` for its
// own errors; whatever it leaves undecided (returns undefined) falls through to these defaults.
import type { ProblemKind } from '../../../shared/status';
import { HttpError } from '../http/http-errors';

export type ErrorClass = 'transient' | 'auth' | 'channel-gone' | 'fatal';

/** The server answered the WebSocket upgrade with a plain HTTP status (ws 'unexpected-response'). */
export class UpgradeRejectedError extends Error {
  override readonly name = 'UpgradeRejectedError';
  constructor(
    readonly status: number,
    /** From Retry-After on 429/503, seconds. */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(`WebSocket upgrade answered ${status}${retryAfterSeconds !== undefined ? ` (retry after ${retryAfterSeconds} s)` : ''}`);
  }
}

/** An open socket closed (by the server, the network, or our own liveness check). */
export class SocketClosedError extends Error {
  override readonly name = 'SocketClosedError';
  constructor(
    readonly code: number,
    readonly reason: string,
    /** What closed it, e.g. `server`, `pong-timeout`, `suspended`, `error: …`. */
    readonly cause_: string,
  ) {
    super(`socket closed (${code}${reason ? ` ${reason}` : ''}; ${cause_})`);
  }
}

/** No open socket (or no `afterOpen` readiness) within the connect timeout. */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  constructor(readonly phase: 'dial' | 'connect' | 'ready', ms: number) {
    super(`${phase} did not finish within ${ms} ms`);
  }
}

/**
 * A provider throws this from `dial` (or a hook) when retrying cannot help: bad config, no scope.
 * The message is the sentence the user sees: what is wrong and what to do.
 */
export class FatalConnectionError extends Error {
  override readonly name = 'FatalConnectionError';
  constructor(
    message: string,
    /** Which ways out apply (docs/architecture.md#failures-are-states). */
    readonly kind: ProblemKind = 'refused',
  ) {
    super(message);
  }
}

/** Why a connection stopped for good: retrying on the backoff cannot cure it. */
export interface ConnectionProblem {
  kind: ProblemKind;
  /** The provider's own sentence (a FatalConnectionError), or null when only `error` says why. */
  sentence: string | null;
  /** The REST or upgrade status behind it, if any. */
  status: number | null;
  error: unknown;
}

/**
 * Defaults: 401 → auth (refresh once); 404/410 → channel-gone (the URL or channel no longer exists,
 * build a new one); 403 and other 4xx from REST → fatal (scope or config: retrying cannot help);
 * network, timeouts, 408/429/5xx, closes and anything unknown → transient (keep trying with backoff:
 * a tray app that gives up silently loses calls).
 */
export function defaultClassify(error: unknown): ErrorClass {
  if (error instanceof FatalConnectionError) return 'fatal';
  if (error instanceof HttpError) return classifyStatus(error.status, error.transient, 'rest');
  if (error instanceof UpgradeRejectedError) return classifyStatus(error.status, false, 'upgrade');
  return 'transient';
}

function classifyStatus(status: number | undefined, transient: boolean, where: 'rest' | 'upgrade'): ErrorClass {
  if (status === undefined || transient) return 'transient';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  if (status === 401) return 'auth';
  if (status === 404 || status === 410) return 'channel-gone';
  // An upgrade refused with another 4xx most likely means the URL went stale (single-use
  // RingCentral ws token, expired Dialpad JWT): a fresh URL is the cure, not a stop.
  if (where === 'upgrade') return status === 403 ? 'auth' : 'channel-gone';
  if (status >= 400) return 'fatal';
  return 'transient';
}

/** Retry-After in ms, if the error carries one. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (error instanceof HttpError && error.details.retryAfterSeconds !== undefined) return error.details.retryAfterSeconds * 1000;
  if (error instanceof UpgradeRejectedError && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  return undefined;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
