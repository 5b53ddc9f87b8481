import type { CallNotice, CallReport, CallSummary, LineRef } from '../../shared/calls';
import type { RecentCallsSearch } from '../../shared/recent-calls-search';
import type { LineSelection } from '../../shared/settings';
import type { AppStatus } from '../../shared/status';

// What the rest of the app sees of the engine. The desktop shell (tray, toasts, windows, IPC)
// and headless mode both drive the same engine through this interface; neither knows about
// sockets, channels or tokens.


export interface RecentCallsRequest extends RecentCallsSearch {
  cursor: string | null;
  limit: number;
}

export interface RecentCallsResult {
  items: CallSummary[];
  nextCursor: string | null;
  warning: string | null;
}

export type ReportLookup = { state: 'ready'; report: CallReport } | { state: 'pending' } | { state: 'error'; message: string };

export interface EngineStatus extends AppStatus {
  demo: boolean;
}

export interface RingtrayEngine {
  status(): EngineStatus;
  onStatus(listener: (status: EngineStatus) => void): () => void;
  /** Every call notice: ringing, answered, missed, ended, report. */
  onNotice(listener: (notice: CallNotice) => void): () => void;

  /** Resumes a stored session (refresh token in the keychain), or stays signed-out. */
  start(): Promise<void>;
  /** Quit: removes subscriptions and the channel, bounded by `timeoutMs` (default 3 s). */
  stop(timeoutMs?: number): Promise<void>;
  /** After sleep: reconnect even if the socket says it is open; re-check token and channel. */
  resume(): void;
  /** The network is back: retry now instead of waiting out the backoff (and a stopped session). */
  online(): void;
  /** The user asked to retry: a session stopped for good (needs-attention) is replaced now. */
  retry(): void;

  /** Browser sign-in through the loopback redirect; resolves when signed in (or rejects with a user-facing message). */
  signIn(): Promise<void>;
  cancelSignIn(): void;
  signOut(): Promise<void>;

  setLineSelection(selection: LineSelection): void;
  /** The account's lines and which of them are the signed-in user's. */
  listLines(): Promise<{ lines: LineRef[]; mine: string[] }>;
  detectAccountKey(): Promise<string | null>;

  /** What the engine saw live, newest first (bounded). */
  history(): CallSummary[];
  /** Local history merged with the provider's report summaries, paged. */
  recentCalls(request: RecentCallsRequest): Promise<RecentCallsResult>;
  /** The live summary (if any) and the after-call report for one call. */
  callDetails(callId: string): Promise<{ summary: CallSummary | null; report: ReportLookup }>;
}
