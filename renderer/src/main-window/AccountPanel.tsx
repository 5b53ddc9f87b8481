import { useState } from 'react';
import type { AppStatusView } from '../../../shared/ipc/api';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { useActiveProviderNames } from '../providers/use-providers';
import { needsSignIn, statusText } from '../status/status-labels';

/** Under the settings: who is connected, and the way to disconnect. */
export function AccountPanel({ status }: { status: AppStatusView | null }) {
  const api = useRingtrayApi();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const provider = useActiveProviderNames();
  if (!status || needsSignIn(status.state)) return null;

  const signOut = () => {
    setBusy(true);
    setError(null);
    api
      .signOut()
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <section className="settings-section" aria-labelledby="account-heading">
      <h3 id="account-heading">Account</h3>
      <div className="account-row">
        <p>
          {status.demo ? 'Running the demo sandbox.' : `Signed in to ${provider?.displayName ?? 'your phone system'}.`} {statusText(status.state, provider).detail}.
        </p>
        <button type="button" className="button" onClick={signOut} disabled={busy}>
          {status.demo ? 'Leave the demo' : 'Sign out'}
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
