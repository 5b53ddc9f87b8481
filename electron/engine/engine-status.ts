import type { ConnectionState } from '../../shared/status';
import type { AuthStatus } from './auth/token-manager';
import type { ProviderConnectionState } from './providers/provider-session';

// One visible state from two owners (docs/architecture.md#failures-are-states): the token manager says
// whether we are signed in; the provider session says how the socket is. Sign-in trouble wins,
// because no socket can help while the user must act.

export interface DerivedStatus {
  state: ConnectionState;
  message: string | null;
}

export function deriveStatus(auth: AuthStatus, connection: ProviderConnectionState | null, engineMessage: string | null): DerivedStatus {
  switch (auth.state) {
    case 'signed-out':
    case 'signing-in':
    case 'needs-sign-in':
      return { state: auth.state, message: auth.message };
    case 'signed-in':
      break;
  }
  if (engineMessage) return { state: 'offline', message: engineMessage };
  if (!connection) return { state: 'connecting', message: auth.message };
  switch (connection.state) {
    case 'live':
      // Live with a caveat the user should know (RingCentral refused "all lines": own calls only).
      return { state: 'live', message: auth.message ?? connection.message };
    case 'reconnecting':
    case 'offline':
      return { state: connection.state, message: connection.message ?? auth.message };
    case 'connecting':
    case 'stopped':
      return { state: 'connecting', message: connection.message ?? auth.message };
  }
}
