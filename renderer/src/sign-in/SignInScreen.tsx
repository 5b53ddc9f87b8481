import { useState } from 'react';
import type { AppStatusView } from '../../../shared/ipc/api';
import type { ProviderDescriptor } from '../../../shared/providers';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { Icon } from '../icons/Icon';
import { ProviderChoice } from '../providers/ProviderChoice';
import { activeDescriptor, useProviders } from '../providers/use-providers';
import { isSignInState, signInStateText } from './sign-in-requirements';
import { useSettingsView } from './use-settings-view';

type Action = 'sign-in' | 'cancel' | 'demo' | 'choose';

interface Props {
  status: AppStatusView | null;
  onOpenSettings: () => void;
}

/**
 * First run and every "you need to sign in" state: which phone system (asked on first run), what
 * it needs (its own set-up steps), the state, and the ways out — sign in, or try a demo.
 */
export function SignInScreen({ status, onOpenSettings }: Props) {
  const api = useRingtrayApi();
  const settings = useSettingsView();
  const providers = useProviders();
  const [busy, setBusy] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);

  const chosen = settings?.settings.activeProvider ?? null;
  const provider = activeDescriptor(providers, chosen);
  const state = status && isSignInState(status.state) ? status.state : 'signed-out';
  const signingIn = state === 'signing-in';
  // While signing in the engine's sentence is progress ("waiting for the browser"); otherwise a
  // message means something went wrong (port busy, cancelled, keychain locked …).
  const problem = status?.message && !signingIn ? status.message : null;
  const progress = status?.message && signingIn ? status.message : null;
  const values = provider ? (settings?.settings.providers[provider.id] ?? {}) : {};
  const credential = settings?.credential ?? null;
  const stateText = provider ? signInStateText(state, provider.shortName, credential) : null;
  const missing = provider && settings ? provider.fields.filter((f) => f.required && !(values[f.key] ?? '').trim()) : [];
  const askProvider = settings != null && providers != null && providers.length > 0 && (chosen === null || choosing);

  const run = (action: Action, call: () => Promise<void>) => {
    setBusy(action);
    setActionError(null);
    call()
      .catch((error: unknown) => setActionError(errorMessage(error)))
      .finally(() => setBusy(null));
  };

  const choose = (id: string) =>
    run('choose', async () => {
      const result = await api.updateSettings({ activeProvider: id });
      if (!result.ok) throw new Error(Object.values(result.fieldErrors)[0] ?? 'The phone system could not be saved.');
      setChoosing(false);
    });

  const demos = (providers ?? []).filter((p) => p.demo);
  // Choosing: every provider's demo; chosen: that provider's only.
  const shownDemos = askProvider ? demos : demos.filter((p) => p.id === provider?.id);
  const demoLabel = (p: ProviderDescriptor) => (shownDemos.length > 1 ? `Try the ${p.shortName} demo` : 'Try the demo');

  if (!provider) {
    return (
      <section className="sign-in" aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">Connect Ringtray to your phone system</h2>
        <p className="empty-state" role="status">
          Loading…
        </p>
      </section>
    );
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <div className="sign-in-intro">
        <h2 id="sign-in-heading">{askProvider ? 'Connect Ringtray to your phone system' : `Connect Ringtray to ${provider.displayName}`}</h2>
        <p className="lead">Ringtray shows who is calling the moment your phone rings. {askProvider ? '' : provider.summary}</p>
      </div>

      {askProvider ? (
        <ProviderChoice providers={providers ?? []} value={chosen} onChange={choose} disabled={busy != null} />
      ) : (
        (providers ?? []).length > 1 && (
          <p className="field-hint">
            Using {provider.displayName}.{' '}
            <button type="button" className="link-button" onClick={() => setChoosing(true)} disabled={signingIn}>
              Use another phone system
            </button>
          </p>
        )
      )}

      {!askProvider && (
        <div className={`sign-in-state state-${state}`}>
          <p className="sign-in-state-title">{stateText?.title}</p>
          {problem && (
            <p className="sign-in-problem" role="alert">
              <Icon name="alert" />
              <span>{problem}</span>
            </p>
          )}
          {progress && (
            <p className="sign-in-progress" role="status">
              {progress}
            </p>
          )}
          <p className="sign-in-fix">{stateText?.fix}</p>
          {missing.length > 0 && !signingIn && (
            <p className="sign-in-fix">
              No {missing.map((f) => f.label).join(' or ')} is set yet: add it in{' '}
              <button type="button" className="link-button" onClick={onOpenSettings}>
                Settings
              </button>{' '}
              first.
            </p>
          )}
        </div>
      )}

      {actionError && (
        <p className="sign-in-problem" role="alert">
          <Icon name="alert" />
          <span>{actionError}</span>
        </p>
      )}

      <div className="button-row">
        {!askProvider &&
          (signingIn ? (
            <button type="button" className="button" onClick={() => run('cancel', () => api.cancelSignIn())} disabled={busy === 'cancel'}>
              Cancel sign-in
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => run('sign-in', () => api.signIn())} disabled={busy != null}>
              {busy === 'sign-in' ? (credential === 'api-key' ? 'Checking the key…' : 'Opening your browser…') : `Sign in with ${provider.shortName}`}
            </button>
          ))}
        {shownDemos.map((p) => (
          <button key={p.id} type="button" className="button" onClick={() => run('demo', () => api.startDemo(p.id))} disabled={busy != null || signingIn}>
            {busy === 'demo' ? 'Starting the demo…' : demoLabel(p)}
          </button>
        ))}
      </div>
      {demos.length > 0 && <p className="field-hint">The demo runs against a built-in sandbox with generated calls: no account needed.</p>}

      {!askProvider && (
        <div className="sign-in-needs">
          <h3>What you need</h3>
          <ol className="steps">
            {provider.setupSteps.map((step) => (
              <li key={step.text}>
                {step.text}
                {step.codeField && <code className="code-block">{values[step.codeField] ?? ''}</code>}
                {step.items.length > 0 && (
                  <ul className="scopes">
                    {step.items.map((item) => (
                      <li key={item}>
                        <code>{item}</code>
                      </li>
                    ))}
                  </ul>
                )}
                {step.linkToSettings && (
                  <>
                    {' '}
                    <button type="button" className="link-button" onClick={onOpenSettings}>
                      Settings
                    </button>
                    .
                  </>
                )}
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
