import type { ConnectionState, StatusProblem } from '../../shared/status';
import type { AuthStatus } from './auth/token-manager';
import { actionsFor, connectionProblem } from './engine-problem';
import type { NetworkProblem } from './net/network-errors';
import type { ProviderConnectionState } from './providers/provider-session';

// One visible state from two owners (docs/architecture.md#failures-are-states): the token manager says
// whether we are signed in; the provider session says how the socket is. Sign-in trouble wins,
// because no socket can help while the user must act. A session stopped for good (or one that
// could not be built) is `needs-attention`, never `offline`: the network is not what is wrong.

export interface DerivedStatus {
  state: ConnectionState;
  message: string | null;
  problem: StatusProblem | null;
}

export interface StatusInputs {
  auth: AuthStatus;
  connection: ProviderConnectionState | null;
  /** The session could not be built: already a problem. */
  engineProblem: StatusProblem | null;
  /** The provider's short name, for sentences. */
  provider: string;
  /** ISO time of the next automatic retry. */
  retryAt: string | null;
  /** The proxy or certificate problem the network last ran into (docs/network.md#what-the-user-sees). */
  network?: NetworkProblem | null;
}

export function deriveStatus(inputs: StatusInputs): DerivedStatus {
  const derived = deriveState(inputs);
  const network = inputs.network;
  // A proxy or certificate problem is its own state while calls cannot arrive (not "reconnecting");
  // the socket keeps retrying on its backoff underneath, and the first answer ends it.
  if (network && (derived.state === 'connecting' || derived.state === 'reconnecting')) {
    return attention({ kind: network.kind, message: network.message, actions: actionsFor(network.kind), retryAt: null });
  }
  return derived;
}

function deriveState({ auth, connection, engineProblem, provider, retryAt }: StatusInputs): DerivedStatus {
  switch (auth.state) {
    case 'signed-out':
    case 'signing-in':
    case 'needs-sign-in':
      return { state: auth.state, message: auth.message, problem: null };
    case 'signed-in':
      break;
  }
  if (engineProblem) return attention({ ...engineProblem, retryAt });
  if (!connection) return { state: 'connecting', message: auth.message, problem: null };
  switch (connection.state) {
    case 'live':
      // Live with a caveat the user should know (RingCentral refused "all lines": own calls only).
      return { state: 'live', message: auth.message ?? connection.message, problem: null };
    case 'reconnecting':
      return { state: connection.state, message: connection.message ?? auth.message, problem: null };
    case 'failed':
      if (connection.problem) return attention(connectionProblem(connection.problem, provider, retryAt));
      return { state: 'connecting', message: connection.message ?? auth.message, problem: null };
    case 'connecting':
    case 'stopped':
      return { state: 'connecting', message: connection.message ?? auth.message, problem: null };
  }
}

function attention(problem: StatusProblem): DerivedStatus {
  return { state: 'needs-attention', message: problem.message, problem };
}
