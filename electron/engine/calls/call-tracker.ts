/**
 * The one owner of call state (docs/architecture.md#one-owner-per-resource): provider CallEvents in,
 * CallNotices out. Pure and synchronous — no timers, no I/O, an injected clock — so every rule
 * below is testable by feeding events.
 *
 * One state machine per call (key: provider + callId):
 *
 *   (new) ──inbound/unknown, a LINE leg RINGING on a watched line, nothing connected yet──▶ rang   → `ringing`
 *   rang ──any LINE leg connected/held──▶ answered                                                → `answered`
 *   rang/answered/open ──ended──▶ gone: `ended` if any LINE leg was ever connected, else `missed`
 *
 * Rules, and the edge choices behind them:
 * - Exactly one `ringing` per call: duplicates, reconnect replays, backfill of a call already seen
 *   and out-of-order frames cannot ring twice. Frames whose sequence number is ≤ the highest seen
 *   are stale and ignored (a late STARTING after ACTIVE must not ring). Sequence numbers are the
 *   only order used; GoTo's state.id changes across reconnects (docs/providers/goto.md#facts-seen-live) and is never looked at.
 * - A call that is already connected never rings (ACTIVE before its lost STARTING).
 * - Exactly one terminal notice (`missed` or `ended`) per watched call; ended ids are remembered
 *   (bounded) so late or duplicate frames neither resurrect nor re-ring them. An `ended` event is
 *   applied whatever its sequence: ending a call is always safe.
 * - A call is watched once any of its LINE legs is on a watched line, and stays watched.
 *   Terminal notices and history rows exist only for watched calls.
 * - Rang on a non-watched line, answered on a watched one: no `ringing`/`answered` (nobody here
 *   was asked to pick up), but the call is watched from then on and ends with `ended`.
 * - `missed` also covers calls we only learn about at their end (backfill after a gap: an
 *   inbound call whose events name a watched line and no connected LINE).
 * - Every call closed (docs/reliability.md, "Every call closed"): a report closes its call first,
 *   whatever told us about the call before — an open call gets its terminal notice (`answered` +
 *   `ended` if the report says it was answered, else `missed`), and a call never seen at all
 *   (it rang and ended in a gap whose re-read came before GoTo indexed it) gets its one `missed`
 *   or `ended` before the `report`. A report for a call already closed adds nothing but itself.
 * - A call learned of only after it ended (first event already ended, a re-read batch in which it
 *   ends, or only its report) carries `late: true` on its terminal notice and history row, so the
 *   toast and the JSON line can say so.
 * - `answered` is only emitted after `ringing` (it dismisses the toast), with the connected line
 *   (a watched one if any) — possibly a colleague's line in a ring group.
 * - Outbound calls never ring, never get `answered`, never `missed`; a watched outbound call
 *   ends with one `ended` notice (history outcome `other`; its report fills in the outcome).
 * - The caller is merged field by field across frames, so an ENDING frame with no participants
 *   keeps the caller seen earlier (docs/providers/goto.md#facts-seen-live).
 * - Memory: calls leave the open map when they end; `maxOpenCalls` evicts the least recently
 *   active call (its ENDING was lost) silently into the ended set; history keeps `historySize` rows.
 * - Changing the line filter applies to events from then on; calls already rung run to their end.
 */
import type { CallDirection, CallEvent, CallNotice, CallNoticeType, CallReport, CallSummary, LineRef, Party } from '../../../shared/calls';
import { type Logger, silentLogger } from '../log/logger';
import { CallHistory } from './call-history';
import { ALL_LINES, compileLineFilter, type LineFilter, type LineMatcher } from './line-filter';
import { RecentIds } from './recent-ids';

export interface CallTrackerOptions {
  lineFilter?: LineFilter;
  historySize?: number;
  maxOpenCalls?: number;
  /** How many ended/reported call ids are remembered to drop late frames. */
  endedMemory?: number;
  /** Milliseconds since the epoch; notices carry it as `at`. */
  now?: () => number;
  logger?: Logger;
}

export interface TrackerStats {
  events: number;
  notices: number;
  /** Sequence ≤ the highest already applied. */
  stale: number;
  /** Frames for a call that already ended (or was evicted). */
  afterEnd: number;
  /** Events without a usable callId/provider. */
  rejected: number;
  evicted: number;
  duplicateReports: number;
  listenerErrors: number;
}

export interface CallTracker {
  handle(event: CallEvent): CallNotice[];
  /** Backfill: per call, events in sequence order; a call that ended within the batch does not ring. */
  handleBatch(events: readonly CallEvent[]): CallNotice[];
  addReport(report: CallReport): CallNotice[];
  setLineFilter(filter: LineFilter): void;
  /**
   * Whether a call's report is worth fetching: not for a call seen only on lines nobody here
   * watches; yes for a watched call, and for one never seen (it may have rung on a watched line
   * in a gap, and its report is the only news of it).
   */
  wantsReport(provider: CallEvent['provider'], callId: string): boolean;
  history(): CallSummary[];
  openCallCount(): number;
  subscribe(listener: (notice: CallNotice) => void): () => void;
  stats(): TrackerStats;
}

interface OpenCall {
  provider: CallEvent['provider'];
  callId: string;
  direction: CallDirection;
  caller: Party | null;
  lastSeq: number | null;
  watched: boolean;
  rang: boolean;
  answered: boolean;
  everConnected: boolean;
  ringLine: LineRef | null;
  connectedLine: LineRef | null;
  watchedLine: LineRef | null;
  startedAt: string;
  bypass: boolean | undefined;
  /** First heard of when it was already over. */
  late: boolean;
}

const NO_PARTY: Party = { name: null, number: null };

export function createCallTracker(options: CallTrackerOptions = {}): CallTracker {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const maxOpen = options.maxOpenCalls ?? 10_000;
  const open = new Map<string, OpenCall>();
  const ended = new RecentIds(options.endedMemory ?? 20_000);
  const reported = new RecentIds(options.endedMemory ?? 20_000);
  const history = new CallHistory(options.historySize ?? 500);
  const listeners = new Set<(notice: CallNotice) => void>();
  let filter = options.lineFilter ?? ALL_LINES;
  let watched: LineMatcher = compileLineFilter(filter);
  const stats: TrackerStats = { events: 0, notices: 0, stale: 0, afterEnd: 0, rejected: 0, evicted: 0, duplicateReports: 0, listenerErrors: 0 };

  const notice = (type: CallNoticeType, call: OpenCall, line: LineRef | null): CallNotice => {
    const n: CallNotice = { type, provider: call.provider, callId: call.callId, direction: call.direction, caller: { ...(call.caller ?? NO_PARTY) }, line, at: new Date(now()).toISOString() };
    if (call.bypass !== undefined) n.bypassDoNotDisturb = call.bypass;
    if (call.late && (type === 'missed' || type === 'ended')) n.late = true;
    return n;
  };

  const publish = (notices: CallNotice[]): CallNotice[] => {
    stats.notices += notices.length;
    for (const n of notices) {
      for (const listener of listeners) {
        try {
          listener(n);
        } catch (error) {
          stats.listenerErrors += 1;
          logger.error('call notice listener threw', { error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    return notices;
  };

  const updateRow = (key: string, call: OpenCall, outcome: CallSummary['outcome'], endedAt: string | null): void => {
    if (!call.watched) return;
    const row = history.get(key);
    const late = call.late || row?.late ? { late: true as const } : {};
    history.put(key, {
      ...late,
      provider: call.provider,
      callId: call.callId,
      direction: call.direction,
      caller: { ...(call.caller ?? row?.caller ?? NO_PARTY) },
      line: call.ringLine ?? call.connectedLine ?? call.watchedLine,
      startedAt: row?.startedAt ?? call.startedAt,
      endedAt,
      outcome,
    });
  };

  const apply = (event: CallEvent, suppressRinging: boolean): CallNotice[] => {
    stats.events += 1;
    if (typeof event?.callId !== 'string' || event.callId === '' || typeof event.provider !== 'string' || !Array.isArray(event.legs)) {
      stats.rejected += 1;
      logger.debug('call event rejected', { callId: typeof event?.callId === 'string' ? event.callId : null });
      return [];
    }
    const key = `${event.provider}:${event.callId}`;
    if (ended.has(key)) {
      stats.afterEnd += 1;
      return [];
    }
    let call = open.get(key);
    if (!call) {
      call = {
        provider: event.provider,
        callId: event.callId,
        direction: event.direction,
        caller: null,
        lastSeq: null,
        watched: false,
        rang: false,
        answered: false,
        everConnected: false,
        ringLine: null,
        connectedLine: null,
        watchedLine: null,
        startedAt: event.at,
        bypass: undefined,
        late: event.ended || suppressRinging,
      };
    } else if (!event.ended && event.sequence !== null && call.lastSeq !== null && event.sequence <= call.lastSeq) {
      stats.stale += 1;
      return [];
    }
    // Most recently active last, so eviction takes the call that has been silent longest.
    open.delete(key);
    open.set(key, call);
    if (open.size > maxOpen) evictOldest();

    if (event.sequence !== null && (call.lastSeq === null || event.sequence > call.lastSeq)) call.lastSeq = event.sequence;
    if (call.direction === 'unknown' && event.direction !== 'unknown') call.direction = event.direction;
    if (event.caller) {
      call.caller = { name: event.caller.name ?? call.caller?.name ?? null, number: event.caller.number ?? call.caller?.number ?? null };
    }
    if (event.bypassDoNotDisturb !== undefined) call.bypass = event.bypassDoNotDisturb;

    const wasWatched = call.watched;
    let ringLeg: LineRef | null = null;
    for (const leg of event.legs) {
      const isWatched = watched(leg.line.id);
      if (isWatched) {
        call.watched = true;
        call.watchedLine ??= leg.line;
      }
      if (leg.status === 'connected' || leg.status === 'held') {
        call.everConnected = true;
        if (!call.connectedLine || (isWatched && !watched(call.connectedLine.id))) call.connectedLine = leg.line;
      } else if (leg.status === 'ringing' && isWatched && ringLeg === null) {
        ringLeg = leg.line;
      }
    }

    const out: CallNotice[] = [];
    if (!call.rang && ringLeg && !call.everConnected && !event.ended && call.direction !== 'outbound' && !suppressRinging) {
      call.rang = true;
      call.ringLine = ringLeg;
      out.push(notice('ringing', call, ringLeg));
    }
    if (call.rang && !call.answered && call.everConnected) {
      call.answered = true;
      out.push(notice('answered', call, call.connectedLine));
    }
    if (event.ended) {
      open.delete(key);
      ended.add(key);
      if (call.watched) {
        const inferred = !call.everConnected && (call.rang || call.direction === 'inbound');
        const missed = call.direction !== 'outbound' && (event.endedAs ? event.endedAs === 'missed' : inferred);
        out.push(notice(missed ? 'missed' : 'ended', call, call.ringLine ?? call.connectedLine ?? call.watchedLine));
        const outcome = missed ? 'missed' : call.direction === 'outbound' || !call.everConnected ? 'other' : 'answered';
        updateRow(key, call, outcome, event.at);
      }
    } else if (call.watched && (!wasWatched || out.length > 0)) {
      updateRow(key, call, call.everConnected ? 'in-progress' : call.rang ? 'ringing' : 'in-progress', null);
    }
    return out;
  };

  const evictOldest = (): void => {
    const oldest = open.keys().next();
    if (oldest.done) return;
    const call = open.get(oldest.value);
    open.delete(oldest.value);
    ended.add(oldest.value);
    stats.evicted += 1;
    if (call?.watched) updateRow(oldest.value, call, 'other', null);
    logger.debug('open call evicted', { callId: oldest.value });
  };

  return {
    handle: (event) => publish(apply(event, false)),

    handleBatch(events) {
      const groups = new Map<string, CallEvent[]>();
      for (const e of events) {
        const k = `${e?.provider}:${e?.callId}`;
        const g = groups.get(k);
        if (g) g.push(e);
        else groups.set(k, [e]);
      }
      const out: CallNotice[] = [];
      for (const group of groups.values()) {
        group.sort((a, b) => (a.sequence !== null && b.sequence !== null ? a.sequence - b.sequence : 0));
        // Seen only after it was over (ringing then ended in the same backfill): no late toast, just `missed`.
        const endsHere = group.some((e) => e.ended);
        for (const e of group) out.push(...apply(e, endsHere));
      }
      return publish(out);
    },

    addReport(report) {
      const key = `${report.provider}:${report.callId}`;
      if (reported.has(key)) {
        stats.duplicateReports += 1;
        return [];
      }
      // The report proves the call is over: close it first if nothing else did.
      const closing = ended.has(key) ? [] : apply(endedEventFromReport(report, now), true);
      const row = history.get(key);
      // A report for a call we never saw is shown only if it names a watched line (backfill after a gap).
      const onWatchedLine = filter.mode === 'all' || report.participants.some((p) => p.kind === 'line' && watched(p.lineId ?? p.id));
      if (!row && !onWatchedLine) return publish(closing);
      reported.add(key);
      const caller: Party = { name: report.caller.name ?? row?.caller.name ?? null, number: report.caller.number ?? row?.caller.number ?? null };
      history.put(key, {
        ...(row?.late ? { late: true as const } : {}),
        provider: report.provider,
        callId: report.callId,
        direction: report.direction !== 'unknown' ? report.direction : (row?.direction ?? 'unknown'),
        caller,
        line: row?.line ?? null,
        startedAt: row?.startedAt ?? report.startedAt ?? report.endedAt ?? new Date(now()).toISOString(),
        endedAt: report.endedAt ?? row?.endedAt ?? null,
        outcome: report.outcome,
      });
      const n: CallNotice = { type: 'report', provider: report.provider, callId: report.callId, direction: report.direction, caller, line: row?.line ?? null, at: new Date(now()).toISOString(), report };
      return publish([...closing, n]);
    },

    wantsReport(provider, callId) {
      if (filter.mode === 'all') return true;
      const key = `${provider}:${callId}`;
      const call = open.get(key);
      if (call) return call.watched;
      if (history.get(key)) return true;
      return !ended.has(key);
    },

    setLineFilter(next) {
      filter = next;
      watched = compileLineFilter(next);
    },
    history: () => history.list(),
    openCallCount: () => open.size,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    stats: () => ({ ...stats }),
  };
}

/** What a report says about its call, as the ended event that closes it. */
function endedEventFromReport(report: CallReport, now: () => number): CallEvent {
  const answered = report.answeredAt !== null || report.outcome === 'answered';
  const legs = report.participants
    .filter((p) => p.kind === 'line')
    .map((p) => ({ line: { id: p.lineId ?? p.id, name: p.name, number: p.number, extension: p.extension }, status: answered ? ('connected' as const) : ('other' as const) }));
  return {
    provider: report.provider,
    callId: report.callId,
    direction: report.direction,
    sequence: null,
    at: report.endedAt ?? new Date(now()).toISOString(),
    caller: report.caller.name || report.caller.number ? report.caller : null,
    legs,
    ended: true,
    origin: 'backfill',
  };
}
