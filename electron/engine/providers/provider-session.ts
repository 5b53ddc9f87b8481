import type { CallEvent, CallReport, CallSummary, ProviderId } from '../../../shared/calls';
import type { LineSelection } from '../../../shared/settings';
import type { ConnectionManagerState } from '../transport/connection-manager';
import type { ConnectionProblem } from '../transport/transport-errors';

// The provider seam (docs/architecture.md#the-shape). A provider session turns credentials into a stream
// of normalized CallEvents and CallReports plus connection states; the call tracker and every
// sink downstream know nothing of the provider.
//
// It fits the three providers Ringtray targets, each on the shared ConnectionManager:
// - GoTo (goto-session.ts): dial = create/reuse a notification channel and connect to its
//   channelURL; afterOpen = subscribe call events + reports; control frames extend or replace
//   the channel (make before break); after a gap, re-read active calls and report summaries.
// - RingCentral (docs/providers/ringcentral.md): dial = POST /oauth/wstoken (single use, fresh per connect,
//   plus `wsc` for session recovery); afterOpen = await ConnectionDetails, then the
//   ClientRequest subscription unless recoveryState is "Successful"; telephony session events
//   map to CallEvents keyed by telephonySessionId; an app Heartbeat via `send()`.
// - Dialpad (docs/providers/dialpad.md): dial = GET /api/v2/websockets/{id} for a fresh hourly URL (persisted
//   ids, recreate only on 404); a timer from the JWT's `exp` calls replace(); payloads (JSON or
//   HS256 JWT) map to CallEvents keyed by master_call_id.

export interface ProviderConnectionState {
  state: ConnectionManagerState;
  /** A sentence for the user when the state needs attention. */
  message: string | null;
  /** In `failed`: why the connection stopped for good (the ConnectionManager's `problem`). */
  problem: ConnectionProblem | null;
}

export interface ProviderSessionEvents {
  event: (event: CallEvent) => void;
  report: (report: CallReport) => void;
  state: (state: ProviderConnectionState) => void;
}

export interface RecentCallsPageRequest {
  start: Date;
  end: Date;
  pageSize: number;
  cursor: string | null;
}

export interface ProviderSession {
  readonly provider: ProviderId;
  on<K extends keyof ProviderSessionEvents>(event: K, listener: ProviderSessionEvents[K]): () => void;
  /** Idempotent. Connects and keeps connecting (backoff) until stop(). */
  start(): void;
  /** Idempotent. Closes the socket at once, then removes remote resources within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
  /**
   * Sign-out: stop(), then delete what the provider keeps for the next start (remote resources,
   * remembered ids), within `timeoutMs`. Absent: stop() already removes everything.
   */
  forget?(timeoutMs?: number): Promise<void>;
  /** After stop(): remote resources it could not remove in time, handed to the same user's next session. */
  leftovers?(): unknown;
  /** After sleep: reconnect even if the socket says OPEN. */
  resume(): void;
  /** The network is back: skip the backoff wait. */
  online(): void;
  /** The user's line choice changed; for a provider whose subscription follows it (RingCentral's "all lines"). */
  setLineSelection?(selection: LineSelection): void;
  connectionState(): ProviderConnectionState;
  /** The provider's call history, one page at a time. */
  recentCalls(request: RecentCallsPageRequest): Promise<{ items: CallSummary[]; nextCursor: string | null }>;
  /** The after-call report, or null while the provider has not built it yet. */
  fetchReport(callId: string): Promise<CallReport | null>;
}
