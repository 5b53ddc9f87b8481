import type { ConnectionState } from '../../../shared/status';
import type { ProviderNames } from '../providers/use-providers';

interface StatusText {
  /** Short word for the pill. */
  label: string;
  /** What it means for the user, shown beside the pill. */
  detail: string;
  tone: 'ok' | 'busy' | 'warn' | 'off';
}

const TEXT: Record<ConnectionState, Omit<StatusText, 'detail'> & { detail: string | ((provider: ProviderNames) => string) }> = {
  live: { label: 'Live', detail: 'Listening for calls', tone: 'ok' },
  connecting: { label: 'Connecting', detail: (p) => `Connecting to ${p?.displayName ?? 'your phone system'}…`, tone: 'busy' },
  reconnecting: { label: 'Reconnecting', detail: 'Connection lost — reconnecting…', tone: 'warn' },
  offline: { label: 'Offline', detail: 'No network — calls will show again when it is back', tone: 'warn' },
  'signing-in': { label: 'Signing in', detail: 'Finish signing in in your browser', tone: 'busy' },
  'signed-out': { label: 'Signed out', detail: 'Sign in to see your calls', tone: 'off' },
  'needs-sign-in': { label: 'Sign-in needed', detail: (p) => `Your ${p ? `${p.shortName} ` : ''}sign-in ended — sign in again`, tone: 'warn' },
  'needs-attention': { label: 'Stopped', detail: 'Calls are not showing — see what needs to be done', tone: 'warn' },
};

/** The pill's word, its sentence (naming the phone system in use, once known) and its tone. */
export function statusText(state: ConnectionState, provider: ProviderNames): StatusText {
  const { detail, ...rest } = TEXT[state];
  return { ...rest, detail: typeof detail === 'function' ? detail(provider) : detail };
}

/** The states in which the main window shows the sign-in screen instead of the calls. */
export function needsSignIn(state: ConnectionState): boolean {
  return state === 'signed-out' || state === 'needs-sign-in' || state === 'signing-in';
}
