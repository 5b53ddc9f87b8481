import { formatDuration } from '../format/format-time';
import type { LivePhase } from './live-phase';
import { useNow } from './use-now';

const TEXT: Record<LivePhase, string> = {
  ringing: 'Ringing',
  connected: 'Connected',
  ended: 'Call ended',
  missed: 'Missed call',
  unknown: 'Status unknown',
};

interface Props {
  phase: LivePhase;
  /** When the call was answered (the answered notice's time), for the running timer. */
  connectedAt: string | null;
}

/** The call's live state, announced politely as it changes (ringing → connected → ended). */
export function LiveStatus({ phase, connectedAt }: Props) {
  const now = useNow(1_000, phase === 'connected' && connectedAt != null);
  const since = connectedAt ? Date.parse(connectedAt) : Number.NaN;
  const running = phase === 'connected' && Number.isFinite(since) ? formatDuration(Math.max(0, (now - since) / 1_000)) : null;
  return (
    <p className={`live-status phase-${phase}`} role="status" aria-live="polite">
      <span className="live-dot" aria-hidden="true" />
      <span className="live-text">{TEXT[phase]}</span>
      {running && (
        <span className="live-timer" aria-hidden="true">
          {running}
        </span>
      )}
    </p>
  );
}
