import type { AppStatusView } from '../../../shared/ipc/api';
import { useActiveProviderNames } from '../providers/use-providers';
import { needsSignIn, statusText } from './status-labels';

/** The connection state as a coloured pill plus a sentence: always visible in the header. */
export function StatusPill({ status }: { status: AppStatusView | null }) {
  const provider = useActiveProviderNames();
  if (!status) {
    return (
      <span className="status-pill tone-off" role="status">
        <span className="status-dot" aria-hidden="true" />
        Starting…
      </span>
    );
  }
  const text = statusText(status.state, provider);
  // The engine's own sentence is more specific ("retrying in 8 s"); sign-in problems are shown
  // in full on the sign-in screen, so the header keeps its short line for those.
  const detail = (!needsSignIn(status.state) && status.message) || text.detail;
  return (
    <span className="status-line" role="status" aria-live="polite">
      <span className={`status-pill tone-${text.tone}`}>
        <span className="status-dot" aria-hidden="true" />
        {text.label}
      </span>
      <span className="status-detail" title={detail}>
        {detail}
      </span>
    </span>
  );
}
