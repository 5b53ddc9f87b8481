import { useState } from 'react';
import type { AppStatusView } from '../../../shared/ipc/api';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';

type Problem = NonNullable<AppStatusView['problem']>;

/**
 * Needs-attention (docs/architecture.md#failures-are-states): what is wrong and what to do, with
 * the ways out the problem lists as real buttons (reachable by Tab, activated by Enter/Space).
 */
export function ProblemBanner({ problem }: { problem: Problem }) {
  const api = useRingtrayApi();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    action()
      .catch((error: unknown) => setFailure(errorMessage(error)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="banner banner-warn problem-banner" role="alert">
      <p>{problem.message}</p>
      <div className="problem-actions">
        {problem.actions.includes('retry') && (
          <button type="button" disabled={busy} onClick={() => run(() => api.retryConnection())}>
            Retry now
          </button>
        )}
        {problem.actions.includes('sign-in') && (
          <button type="button" disabled={busy} onClick={() => run(() => api.signIn())}>
            Sign in again
          </button>
        )}
      </div>
      {failure && <p className="header-error">{failure}</p>}
    </div>
  );
}
