// The call domain every provider is normalized into (design.md, "The shape"): a provider adapter
// turns its frames into `CallEvent`s; the call tracker turns those into `CallNotice`s; the sinks
// (toasts, tray, windows, history, headless output) only ever see notices.

export const PROVIDER_IDS = ['goto', 'ringcentral', 'dialpad'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type CallDirection = 'inbound' | 'outbound' | 'unknown';

/** The other party of a call, as far as the provider told us. */
export interface Party {
  name: string | null;
  number: string | null;
}

/** A line (or extension/user) of the signed-in account. */
export interface LineRef {
  id: string;
  name: string | null;
  number: string | null;
  extension: string | null;
}

/** What a provider says about one of the account's lines in one event. */
export type LegStatus = 'ringing' | 'connected' | 'held' | 'other' | 'gone';

export interface LineLeg {
  line: LineRef;
  status: LegStatus;
}

/** One normalized provider event about one call. */
export interface CallEvent {
  provider: ProviderId;
  /** Provider call id (GoTo conversationSpaceId, RingCentral telephonySessionId, Dialpad master call id). */
  callId: string;
  direction: CallDirection;
  /** Per-call order when the provider gives one (GoTo state.sequenceNumber, RingCentral sequence). */
  sequence: number | null;
  /** The provider's time of the event, ISO-8601 UTC. */
  at: string;
  /** The external party, when this event names it (GoTo ENDING frames may not). */
  caller: Party | null;
  /** The account's lines involved in this event. */
  legs: LineLeg[];
  /** True when the provider says the call is over. */
  ended: boolean;
  /**
   * On an ended event, when the provider says outright how the call ended (RingCentral: VoiceMail
   * or missedCall → missed; transferred away → ended). Without it the tracker decides from the legs.
   */
  endedAs?: 'missed' | 'ended';
  /** Provider-specific: the caller asked to ring through Do Not Disturb. */
  bypassDoNotDisturb?: boolean;
  /** `live` from the socket; `backfill` re-read after a gap. */
  origin: 'live' | 'backfill';
}

export type CallNoticeType = 'ringing' | 'answered' | 'missed' | 'ended' | 'report';

export interface CallNotice {
  type: CallNoticeType;
  provider: ProviderId;
  callId: string;
  direction: CallDirection;
  caller: Party;
  /** The watched line the call rang on (or was answered on), if known. */
  line: LineRef | null;
  /** When the notice was produced, ISO-8601 UTC. */
  at: string;
  bypassDoNotDisturb?: boolean;
  /**
   * On `missed`/`ended`: Ringtray learned of the call only after it had ended (it rang and ended
   * while the connection was down, and a re-read or its report told us). Absent otherwise.
   */
  late?: true;
  /** Present on `report` notices. */
  report?: CallReport;
}

export type CallOutcome = 'answered' | 'missed' | 'voicemail' | 'abandoned' | 'other';

/** The after-call report, normalized from the provider's report API (GoTo Call Events Report). */
export interface CallReport {
  provider: ProviderId;
  callId: string;
  direction: CallDirection;
  startedAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  outcome: CallOutcome;
  /** The provider's own outcome word, e.g. GoTo's callerOutcome. */
  outcomeDetail: string | null;
  caller: Party;
  participants: ReportParticipant[];
  timeline: ReportState[];
  ai: { summary: string | null; topics: string[] } | null;
}

export interface ReportParticipant {
  id: string;
  kind: 'external' | 'line' | 'other';
  name: string | null;
  number: string | null;
  extension: string | null;
  /** For `line` participants: the provider's line id (matches LineRef.id). */
  lineId: string | null;
}

export interface ReportState {
  type: string;
  at: string | null;
}

/** A row of the recent-calls list (local history merged with the provider's report summaries). */
export interface CallSummary {
  provider: ProviderId;
  callId: string;
  direction: CallDirection;
  caller: Party;
  line: LineRef | null;
  startedAt: string;
  endedAt: string | null;
  outcome: CallOutcome | 'ringing' | 'in-progress';
  /** Learned of only after it ended (see CallNotice.late). */
  late?: true;
}
