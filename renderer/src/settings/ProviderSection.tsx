import { useState } from 'react';
import type { SettingsView } from '../../../shared/ipc/api';
import type { Settings } from '../../../shared/settings';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { FormField } from './FormField';
import { PlainTextInput } from './PlainTextInput';
import type { FieldKey } from './validate-settings';

interface Props {
  view: SettingsView;
  draft: Settings;
  secret: string;
  errorFor: (key: FieldKey) => string | undefined;
  update: (key: FieldKey, change: (settings: Settings) => Settings) => void;
  touch: (key: FieldKey) => void;
  changeSecret: (value: string) => void;
}

function secretNote(view: SettingsView): string {
  if (!view.hasClientSecret) return 'No client secret stored yet.';
  return view.secretStorage === 'keychain'
    ? 'A client secret is stored in the OS keychain. Type a new one only to replace it.'
    : 'A client secret is stored in memory only: it is forgotten when Ringtray quits.';
}

/** The GoTo OAuth client and account: what sign-in needs. */
export function ProviderSection({ view, draft, secret, errorFor, update, touch, changeSecret }: Props) {
  const api = useRingtrayApi();
  const [detect, setDetect] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });

  const setGoto = (key: FieldKey, field: keyof Settings['goto'], value: string) =>
    update(key, (s) => ({ ...s, goto: { ...s.goto, [field]: value } }));

  const detectKey = () => {
    setDetect({ busy: true, message: null });
    api.detectAccountKey().then(
      (result) => {
        if (result.accountKey) setGoto('goto.accountKey', 'accountKey', result.accountKey);
        setDetect({ busy: false, message: result.message ?? (result.accountKey ? 'Account key detected.' : 'No account key found.') });
      },
      (error: unknown) => setDetect({ busy: false, message: errorMessage(error) }),
    );
  };

  return (
    <section className="settings-section" aria-labelledby="provider-heading">
      <h3 id="provider-heading">GoTo Connect</h3>
      <FormField label="Client ID" error={errorFor('goto.clientId')} hint="From your OAuth client in the GoTo Developer Center.">
        {(control) => (
          <PlainTextInput control={control} value={draft.goto.clientId} onChange={(v) => setGoto('goto.clientId', 'clientId', v)} onBlur={() => touch('goto.clientId')} />
        )}
      </FormField>
      <FormField
        label="Client secret"
        error={errorFor('clientSecret')}
        hint={
          <>
            <span className="secret-note">{secretNote(view)}</span>
            {view.secretStorageMessage && <span className="secret-warning"> {view.secretStorageMessage}</span>}
          </>
        }
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            placeholder={view.hasClientSecret ? '•••••••• (stored)' : 'Paste the client secret'}
            value={secret}
            onChange={(event) => changeSecret(event.target.value)}
          />
        )}
      </FormField>
      <FormField label="Redirect URI" error={errorFor('goto.redirectUri')} hint="Register exactly this URI on the OAuth client.">
        {(control) => (
          <PlainTextInput control={control} inputMode="url" value={draft.goto.redirectUri} onChange={(v) => setGoto('goto.redirectUri', 'redirectUri', v)} onBlur={() => touch('goto.redirectUri')} />
        )}
      </FormField>
      <FormField
        label="Account key"
        error={errorFor('goto.accountKey')}
        hint={detect.message ?? 'Leave empty to detect it after sign-in.'}
        action={
          <button type="button" className="button" onClick={detectKey} disabled={detect.busy}>
            {detect.busy ? 'Detecting…' : 'Detect'}
          </button>
        }
      >
        {(control) => (
          <PlainTextInput control={control} value={draft.goto.accountKey} onChange={(v) => setGoto('goto.accountKey', 'accountKey', v)} onBlur={() => touch('goto.accountKey')} />
        )}
      </FormField>
    </section>
  );
}
