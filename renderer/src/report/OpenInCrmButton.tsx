import { useState } from 'react';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { Icon } from '../icons/Icon';

/** Opens the caller in the CRM (main builds and checks the link; the renderer never navigates). */
export function OpenInCrmButton({ number }: { number: string }) {
  const api = useRingtrayApi();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = () => {
    setBusy(true);
    setProblem(null);
    api
      .openCrm(number)
      .then(
        (result) => setProblem(result.opened ? null : (result.reason ?? 'The CRM link could not be opened.')),
        (error: unknown) => setProblem(errorMessage(error)),
      )
      .finally(() => setBusy(false));
  };

  return (
    <div className="crm-action">
      <button type="button" className="button button-primary" onClick={open} disabled={busy}>
        <Icon name="external" />
        Open in CRM
      </button>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
