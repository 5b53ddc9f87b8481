import type { ConnectionState } from '../../../shared/status';

/** The OAuth scopes Ringtray asks GoTo for (docs/providers/goto.md#oauth): notifications, reports, missed states, lines. */
export const GOTO_SCOPES = ['call-events.v1.notifications.manage', 'cr.v1.read', 'call-events.v1.events.read', 'users.v1.lines.read'] as const;

type SignInState = Extract<ConnectionState, 'signed-out' | 'needs-sign-in' | 'signing-in'>;

/** For each sign-in state: what it means and what to do about it. */
export const SIGN_IN_STATE_TEXT: Record<SignInState, { title: string; fix: string }> = {
  'signed-out': {
    title: 'You are signed out',
    fix: 'Sign in with your GoTo account to start seeing calls. Your browser opens GoTo\u2019s sign-in page.',
  },
  'needs-sign-in': {
    title: 'Sign in again',
    fix: 'GoTo ended the session (it expired or was revoked). Sign in again — your settings are kept.',
  },
  'signing-in': {
    title: 'Waiting for your browser',
    fix: 'Finish signing in on GoTo\u2019s page in your browser, then come back here. If no page opened, cancel and try again.',
  },
};

export function isSignInState(state: ConnectionState): state is SignInState {
  return state in SIGN_IN_STATE_TEXT;
}
