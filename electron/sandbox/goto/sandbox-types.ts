// The public face of the GoTo sandbox: what tests, the headless `--demo`, the desktop demo and the
// benchmarks may use. Everything here is plain data or functions; nothing depends on Electron.
import type { Logger } from '../../engine/log/logger';
import type { SubscriptionEntryFault } from './api-deps';
import type { CallPhase, CallRecord, EndOptions } from './call-book';
import type { GeneratorOptions } from './call-generator';
import type { SandboxLine, SandboxPerson } from './fixtures';
import type { ControlMessageFormat, GarbageKind } from './frames';
import type { HttpDelay, HttpFault } from '../common/http-faults';
import type { SandboxTls } from '../common/local-server';
import type { OAuthBackend, OAuthClient, TokenFault } from '../common/oauth-backend';
import type { ChannelSubscriptions } from './subscriptions';

export interface GotoSandboxOptions {
  logger?: Logger;
  /** Listening port on 127.0.0.1; default 0 (random). */
  port?: number;
  /** Serve HTTPS and WSS with this key and certificate (tests behind a proxy / with a company CA). */
  tls?: SandboxTls;
  /** The demo OAuth client; defaults `ringtray-demo` / `ringtray-demo-secret` (public sandbox values). */
  clientId?: string;
  clientSecret?: string;
  /** Registered redirect URIs; default `['http://127.0.0.1:12021/app/redirect']` (GoTo's guide). */
  redirectUris?: string[];
  /** More OAuth clients, e.g. a second app in a test. */
  extraClients?: OAuthClient[];
  accessTokenLifetimeSeconds?: number;
  rotateRefreshTokens?: boolean;
  /** The signed-in user; default `alex.morgan@example.com`. */
  principal?: string;
  accountKey?: string;
  /** The account's lines; default fixtures (2 owned by `principal`, 3 by colleagues). */
  lines?: SandboxLine[];
  /** Seconds; default 10800 (docs/providers/goto.md#notification-channel: seen 1200 and 10800). */
  channelLifetimeSeconds?: number;
  /** Seconds before expiry that REFRESH_REQUIRED is sent; default 600, or lifetime/2 below 1200 s. */
  refreshLeadSeconds?: number;
  /** After WEBSOCKET_TO_BE_CLOSED the socket closes and the channel is retired this much later; default 5000 ms. */
  toBeClosedGraceMs?: number;
  /** Default `envelope`. */
  controlMessageFormat?: ControlMessageFormat;
  /** A report is readable this long after its call ends (404 before); default 1500 ms. */
  reportDelayMs?: number;
  /**
   * A call's summary is indexed (listed by report-summaries, announced by REPORT_SUMMARY) this long
   * after it ends; default 0. The report itself follows reportDelayMs.
   */
  summaryIndexDelayMs?: number;
  /** Answered calls' reports carry aiAnalysis; default true. */
  aiAnalysis?: boolean;
  /** Largest client→server WebSocket message; default 64 KiB. */
  maxPayloadBytes?: number;
  /** Ended calls (and reports) kept for backfill and browsing; default 5000. */
  retainCalls?: number;
  /** GoTo's 10 requests/s per API: over it → 429 with Retry-After: 1. Default off. */
  rateLimitPerSecond?: number;
}

export interface CallHandle {
  readonly id: string;
  readonly phase: CallPhase;
  /** Ringing → ACTIVE with the LINE CONNECTED. Throws if the call is not ringing. */
  answer(): void;
  /** → ENDING; a never-answered inbound call is a missed call. Throws if already ended. */
  end(options?: EndOptions): void;
  /** The call as the sandbox holds it (all contents sent so far). */
  record(): CallRecord;
}

export interface SandboxCalls {
  ringInbound(options?: { lineId?: string; caller?: SandboxPerson; ivr?: boolean }): CallHandle;
  placeOutbound(options?: { lineId?: string; callee?: SandboxPerson }): CallHandle;
  get(id: string): CallRecord | undefined;
  active(): CallRecord[];
  startGenerator(options: GeneratorOptions): void;
  stopGenerator(): void;
  readonly generatorRunning: boolean;
  readonly generated: number;
}

export interface SandboxFaults {
  /** Destroys every socket's TCP connection (no close frame). Channels stay. */
  dropSockets(): void;
  /**
   * On: the sockets open now stop answering pings and stop receiving frames; TCP stays up. New
   * sockets are healthy, unless `newSockets` is set: then every socket stays silent until off.
   */
  halfOpen(on: boolean, options?: { newSockets?: boolean }): void;
  /**
   * On: every socket accepted from now on is dropped (TCP destroyed) `afterMs` after it opened
   * (default 10 ms): a server or middlebox that accepts and drops. Off: new sockets stay.
   */
  acceptAndDrop(on: boolean, options?: { afterMs?: number }): void;
  /** Sends WEBSOCKET_REFRESH_REQUIRED to one channel or all. */
  refreshRequired(channelId?: string): void;
  /** Sends WEBSOCKET_TO_BE_CLOSED, then after graceMs closes the socket and retires the channel (later calls 404). */
  toBeClosed(channelId?: string, options?: { graceMs?: number }): void;
  /** Ends one channel or all as if the lifetime ran out: socket closed, channel deleted. */
  expireChannel(channelId?: string): void;
  /** Every access token (OAuth-issued and issueAccessToken) now answers 401. */
  expireAccessTokens(): void;
  /** Next refresh → invalid_grant. */
  revokeRefreshTokens(): void;
  failTokenRequests(fault: TokenFault): void;
  failHttp(fault: HttpFault): void;
  /** The next matching requests are answered for real, but only after `delayMs`. */
  delayHttp(delay: HttpDelay): void;
  /** Answers every request a delayHttp still holds, now. */
  releaseHttpDelays(): void;
  /** The next `times` call-events subscription entries fail with this status/errorCode (207 still). */
  failSubscriptions(fault: SubscriptionEntryFault): void;
  sendGarbage(kind: GarbageKind, options?: { channelId?: string; bytes?: number }): void;
  /** The next `n` call-state frames are each sent twice. */
  duplicateNextFrames(n: number): void;
  /** Forgets pending HTTP/subscription/duplicate faults and ends half-open and accept-and-drop. */
  clear(): void;
}

export interface SandboxStats {
  openSockets: number;
  liveChannels: number;
  activeCalls: number;
  /** Per route, e.g. `POST /notification-channel/v1/channels/:nickname`, `POST /oauth/token`, `unmatched`. */
  requests: Record<string, number>;
  framesSent: number;
  framesDropped: number;
  callFramesSent: number;
  reportFramesSent: number;
  controlFramesSent: number;
  connectionsAccepted: number;
  upgradesRejected: number;
  pingsReceived: number;
  pongsSent: number;
  messagesReceived: number;
}

export interface ChannelInfo extends ChannelSubscriptions {
  id: string;
  nickname: string;
  principal: string;
  lifetimeSeconds: number;
  expiresAt: string;
  connected: boolean;
}

export interface GotoSandbox {
  /** `http://127.0.0.1:PORT`: both the OAuth base URL and the API base URL. */
  readonly url: string;
  readonly port: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: string[];
  readonly principal: string;
  readonly accountKey: string;
  /** Every line of the account. */
  readonly lines: SandboxLine[];
  /** The signed-in user's lines (what /users/v1/lines answers). */
  readonly userLines: SandboxLine[];
  readonly oauth: OAuthBackend;
  /** A valid access token without the OAuth dance, for tests; another principal tests ownership rules. */
  issueAccessToken(options?: { principal?: string; lifetimeSeconds?: number }): string;
  readonly calls: SandboxCalls;
  readonly faults: SandboxFaults;
  /** A snapshot. */
  readonly stats: SandboxStats;
  channels(): ChannelInfo[];
  setReportDelay(ms: number): void;
  /** See GotoSandboxOptions.summaryIndexDelayMs; applies to calls that end from now on. */
  setSummaryIndexDelay(ms: number): void;
  /** Resolves once `condition` is true (polled); rejects after timeoutMs (default 5000). */
  waitFor(condition: () => boolean | Promise<boolean>, options?: { timeoutMs?: number; intervalMs?: number; message?: string }): Promise<void>;
  /** Closes servers, sockets and timers. Idempotent. */
  close(): Promise<void>;
}
