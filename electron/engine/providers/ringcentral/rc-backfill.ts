// After a gap the gateway could not replay (recovery Failed, too late, a new session after
// WSG-902/903), calls may have rung unseen (docs/providers/ringcentral.md, "Session recovery"):
// (1) active calls — each one's current telephony session, so a call still ringing rings now
// (RingCentral's own client re-subscribes without this step); (2) the call log since the gap
// began, so a call that rang and ended unseen gets its one terminal notice. Call-log records
// appear seconds after a call ends, so the log is read again after `logRereadDelaysMs`. The
// tracker dedupes everything against what it already saw.
import type { CallEvent } from '../../../../shared/calls';
import type { Logger } from '../../log/logger';
import { TimerSet } from '../../transport/timer-set';
import type { RcApi, RcScope } from './rc-api';
import { rcCallEvent, type RcEventContext } from './rc-call-events';
import { endedEventFrom, parseCallLogRecord } from './rc-call-log';

const LOOKBACK_MS = 2 * 60_000;
const MAX_PAGES = 5;
/** Telephony sessions read at once: a burst of active calls must not flood the API. */
const SESSION_READS_AT_ONCE = 3;

export interface BackfillDeps {
  api: Pick<RcApi, 'activeCalls' | 'telephonySession' | 'callLog'>;
  scope: () => RcScope;
  ourExtension: RcEventContext['ourExtension'];
  log: Logger;
  emit(event: CallEvent): void;
  now: () => number;
}

async function readActiveCalls(deps: BackfillDeps): Promise<number> {
  const ids = await deps.api.activeCalls(deps.scope());
  let emitted = 0;
  for (let i = 0; i < ids.length; i += SESSION_READS_AT_ONCE) {
    const bodies = await Promise.all(ids.slice(i, i + SESSION_READS_AT_ONCE).map((id) => deps.api.telephonySession(id).catch(() => null)));
    for (const body of bodies) {
      if (body === null) continue; // ended meanwhile: the call log has it
      const r = rcCallEvent(body, { ourExtension: deps.ourExtension, origin: 'backfill', now: deps.now });
      if (r.ok) {
        deps.emit(r.event);
        emitted += 1;
      }
    }
  }
  return emitted;
}

async function readCallLogSince(deps: BackfillDeps, since: Date): Promise<number> {
  let emitted = 0;
  const dateFrom = new Date(since.getTime() - LOOKBACK_MS);
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const res = await deps.api.callLog({ scope: deps.scope(), dateFrom, page });
    for (const raw of res.records) {
      const record = parseCallLogRecord(raw);
      const event = record ? endedEventFrom(record) : null;
      if (event && (event.legs.length === 0 || event.legs.some((l) => deps.ourExtension(l.line.id)))) {
        deps.emit(event);
        emitted += 1;
      }
    }
    if (!res.hasMore) break;
  }
  return emitted;
}

/** Runs one backfill and its later call-log re-reads; `stop()` cancels what has not run. */
export function createBackfill(deps: BackfillDeps & { logRereadDelaysMs: readonly number[] }) {
  const timers = new TimerSet();
  let stopped = false;
  const reread = (since: Date, index: number): void => {
    const delay = deps.logRereadDelaysMs[index];
    if (delay === undefined) return;
    timers.after(delay, () => {
      if (stopped) return;
      readCallLogSince(deps, since)
        .then((n) => deps.log.debug('ringcentral: call log re-read', { ended: n }))
        .catch((error: unknown) => deps.log.warn('ringcentral: call log re-read failed', { error }))
        .finally(() => reread(since, index + 1));
    });
  };
  return {
    async run(since: Date): Promise<{ active: number; ended: number }> {
      const active = await readActiveCalls(deps);
      const ended = await readCallLogSince(deps, since);
      if (!stopped) reread(since, 0);
      return { active, ended };
    },
    stop(): void {
      stopped = true;
      timers.cancelAll();
    },
    timers: (): number => timers.size,
  };
}
