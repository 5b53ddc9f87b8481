import { useState } from 'react';
import type { AppStatusView } from '../../../shared/ipc/api';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { Icon } from '../icons/Icon';
import { GOTO_SCOPES, SIGN_IN_STATE_TEXT, isSignInState } from './sign-in-requirements';
import { useSettingsView } from './use-settings-view';

type Action = 'sign-in' | 'cancel' | 'demo';

interface Props {
  status: AppStatusView | null;
  onOpenSettings: () => void;
}

/** First run and every "you need to sign in" state: what is needed, the state, the way out. */
export function SignInScreen({ status, onOpenSettings }: Props) {
  const api = useRingtrayApi();
  const settings = useSettingsView();
  const [busy, setBusy] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const state = status && isSignInState(status.state) ? status.state : 'signed-out';
  const text = SIGN_IN_STATE_TEXT[state];
  const signingIn = state === 'signing-in';
  // While signing in the engine's sentence is progress ("waiting for the browser"); otherwise a
  // message means something went wrong (port busy, cancelled, keychain locked …).
  const problem = status?.message && !signingIn ? status.message : null;
  const progress = status?.message && signingIn ? status.message : null;
  const redirectUri = settings?.settings.goto.redirectUri || DEFAULT_SETTINGS.goto.redirectUri;
  const clientIdMissing = settings != null && settings.settings.goto.clientId.trim() === '';

  const run = (action: Action, call: () => Promise<void>) => {
    setBusy(action);
    setActionError(null);
    call()
      .catch((error: unknown) => setActionError(errorMessage(error)))
      .finally(() => setBusy(null));
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <div className="sign-in-intro">
        <h2 id="sign-in-heading">Connect Ringtray to GoTo Connect</h2>
        <p className="lead">Ringtray shows who is calling the moment your phone rings. It listens to your GoTo Connect account through an OAuth client of your own.</p>
      </div>

      <div className={`sign-in-state state-${state}`}>
        <p className="sign-in-state-title">{text.title}</p>
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
        {actionError && (
          <p className="sign-in-problem" role="alert">
            <Icon name="alert" />
            <span>{actionError}</span>
          </p>
        )}
        <p className="sign-in-fix">{text.fix}</p>
        {clientIdMissing && !signingIn && (
          <p className="sign-in-fix">
            No client ID is set yet: add your OAuth client&rsquo;s ID and secret in{' '}
            <button type="button" className="link-button" onClick={onOpenSettings}>
              Settings
            </button>{' '}
            first.
          </p>
        )}
        <div className="button-row">
          {signingIn ? (
            <button type="button" className="button" onClick={() => run('cancel', () => api.cancelSignIn())} disabled={busy === 'cancel'}>
              Cancel sign-in
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => run('sign-in', () => api.signIn())} disabled={busy != null}>
              {busy === 'sign-in' ? 'Opening your browser…' : 'Sign in with GoTo'}
            </button>
          )}
          <button type="button" className="button" onClick={() => run('demo', () => api.startDemo())} disabled={busy != null || signingIn}>
            {busy === 'demo' ? 'Starting the demo…' : 'Try the demo'}
          </button>
        </div>
        <p className="field-hint">The demo runs against a built-in GoTo sandbox with generated calls: no account needed.</p>
      </div>

      <div className="sign-in-needs">
        <h3>What you need</h3>
        <ol className="steps">
          <li>
            An OAuth client from the GoTo Developer Center, with this redirect URI registered exactly:
            <code className="code-block">{redirectUri}</code>
          </li>
          <li>
            These scopes on that client:
            <ul className="scopes">
              {GOTO_SCOPES.map((scope) => (
                <li key={scope}>
                  <code>{scope}</code>
                </li>
              ))}
            </ul>
          </li>
          <li>
            Its client ID and client secret in{' '}
            <button type="button" className="link-button" onClick={onOpenSettings}>
              Settings
            </button>
            .
          </li>
        </ol>
      </div>
    </section>
  );
}
