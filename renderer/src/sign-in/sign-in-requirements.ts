import type { ConnectionState } from '../../../shared/status';

type SignInState = Extract<ConnectionState, 'signed-out' | 'needs-sign-in' | 'signing-in'>;

/**
 * For each sign-in state: what it means and what to do about it, naming the provider. With an API
 * key (`credential` 'api-key') no browser is involved: the key saved in Settings is checked.
 */
export function signInStateText(state: SignInState, provider: string, credential: 'oauth' | 'api-key' | null = 'oauth'): { title: string; fix: string } {
  if (credential === 'api-key') {
    switch (state) {
      case 'signed-out':
        return { title: 'You are signed out', fix: `Ringtray signs in with your ${provider} API key: paste it in Settings, then sign in. No browser is needed.` };
      case 'needs-sign-in':
        return { title: 'Sign in again', fix: `${provider} no longer accepts the saved API key (it was revoked or expired). Replace it in Settings, then sign in again.` };
      case 'signing-in':
        return { title: 'Checking the API key', fix: `Ringtray is asking ${provider} whose key this is.` };
    }
  }
  switch (state) {
    case 'signed-out':
      return { title: 'You are signed out', fix: `Sign in with your ${provider} account to start seeing calls. Your browser opens ${provider}\u2019s sign-in page.` };
    case 'needs-sign-in':
      return { title: 'Sign in again', fix: `${provider} ended the session (it expired or was revoked). Sign in again — your settings are kept.` };
    case 'signing-in':
      return { title: 'Waiting for your browser', fix: `Finish signing in on ${provider}\u2019s page in your browser, then come back here. If no page opened, cancel and try again.` };
  }
}

const SIGN_IN_STATES: readonly ConnectionState[] = ['signed-out', 'needs-sign-in', 'signing-in'];

export function isSignInState(state: ConnectionState): state is SignInState {
  return SIGN_IN_STATES.includes(state);
}
