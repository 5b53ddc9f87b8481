import { useState } from 'react';
import type { SettingsView } from '../../../shared/ipc/api';
import type { ProviderDescriptor } from '../../../shared/providers';
import type { Settings } from '../../../shared/settings';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { ProviderChoice } from '../providers/ProviderChoice';
import { FormField } from './FormField';
import { PlainTextInput } from './PlainTextInput';
import { providerFieldKey, type FieldKey } from './validate-settings';

interface Props {
  view: SettingsView;
  draft: Settings;
  providers: readonly ProviderDescriptor[];
  descriptor: ProviderDescriptor;
  secret: string;
  errorFor: (key: FieldKey) => string | undefined;
  update: (key: FieldKey, change: (settings: Settings) => Settings) => void;
  touch: (key: FieldKey) => void;
  changeSecret: (value: string) => void;
  removeSecret: () => Promise<void>;
}

/** The label inside a sentence: "client secret", but "API key" keeps its capitals. */
function inSentence(label: string): string {
  return /^[A-Z]{2,}/.test(label) ? label : label.toLowerCase();
}

function secretNote(view: SettingsView, label: string): string {
  const what = inSentence(label);
  if (!view.hasClientSecret) return `No ${what} stored yet.`;
  return view.secretStorage === 'keychain' ? `Saved in the OS keychain; it is never shown again.` : `Saved in memory only: it is forgotten when Ringtray quits.`;
}

/**
 * The phone system and what sign-in needs from it, drawn from the provider's descriptor: its
 * fields, its secret (kept in the keychain, never in settings) and its "Detect" button.
 */
export function ProviderSection({ view, draft, providers, descriptor, secret, errorFor, update, touch, changeSecret, removeSecret }: Props) {
  const api = useRingtrayApi();
  const [detect, setDetect] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  // A saved secret is shown as "saved" with Replace and Remove; Replace brings the input back.
  const [replacing, setReplacing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const saved = view.hasClientSecret && !replacing && secret === '';
  const id = descriptor.id;
  const values = draft.providers[id] ?? {};
  const switching = view.settings.activeProvider !== null && draft.activeProvider !== view.settings.activeProvider;

  const setField = (field: string, value: string) =>
    update(providerFieldKey(id, field), (s) => ({ ...s, providers: { ...s.providers, [id]: { ...s.providers[id], [field]: value } } }));

  const detectValue = (field: string, label: string) => {
    setDetect({ busy: true, message: null });
    api.detectAccountKey().then(
      (result) => {
        if (result.accountKey) setField(field, result.accountKey);
        setDetect({ busy: false, message: result.message ?? (result.accountKey ? `${label} detected.` : `No ${label.toLowerCase()} found.`) });
      },
      (error: unknown) => setDetect({ busy: false, message: errorMessage(error) }),
    );
  };

  return (
    <section className="settings-section" aria-labelledby="provider-heading">
      <h3 id="provider-heading">{descriptor.displayName}</h3>
      {providers.length > 1 && (
        <ProviderChoice providers={providers} value={draft.activeProvider ?? id} onChange={(next) => update('activeProvider', (s) => ({ ...s, activeProvider: next }))} />
      )}
      {switching && <p className="field-hint" role="note">Saving switches phone systems: Ringtray signs out of {providers.find((p) => p.id === view.settings.activeProvider)?.displayName ?? 'the previous one'} first.</p>}
      {descriptor.fields.map((field) => {
        const key = providerFieldKey(id, field.key);
        const detectable = field.detect === 'account';
        return (
          <FormField
            key={field.key}
            label={field.label}
            error={errorFor(key)}
            hint={(detectable && detect.message) || field.help}
            action={
              detectable ? (
                <button type="button" className="button" onClick={() => detectValue(field.key, field.label)} disabled={detect.busy}>
                  {detect.busy ? 'Detecting…' : 'Detect'}
                </button>
              ) : undefined
            }
          >
            {(control) => (
              <PlainTextInput
                control={control}
                inputMode={field.kind === 'url' ? 'url' : undefined}
                value={values[field.key] ?? ''}
                onChange={(v) => setField(field.key, v)}
                onBlur={() => touch(key)}
              />
            )}
          </FormField>
        );
      })}
      {descriptor.secret && (
        <FormField
          label={descriptor.secret.label}
          error={errorFor('clientSecret')}
          hint={
            <>
              <span className="secret-note">{secretNote(view, descriptor.secret.label)}</span>
              {view.secretStorageMessage && <span className="secret-warning"> {view.secretStorageMessage}</span>}
            </>
          }
        >
          {(control) => (
            <span className="secret-control">
              {saved ? (
                <>
                  <output {...control} className="secret-state">
                    Saved
                  </output>{' '}
                  <button type="button" className="button" onClick={() => setReplacing(true)}>
                    Replace
                  </button>
                </>
              ) : (
                <input
                  {...control}
                  type="password"
                  autoComplete="new-password"
                  placeholder={`Paste the ${inSentence(descriptor.secret!.label)}`}
                  value={secret}
                  onChange={(event) => changeSecret(event.target.value)}
                />
              )}{' '}
              {view.hasClientSecret && (
                <button
                  type="button"
                  className="button"
                  disabled={removing}
                  onClick={() => {
                    setRemoving(true);
                    void removeSecret().finally(() => {
                      setRemoving(false);
                      setReplacing(false);
                    });
                  }}
                >
                  {removing ? 'Removing…' : 'Remove'}
                </button>
              )}
            </span>
          )}
        </FormField>
      )}
    </section>
  );
}
