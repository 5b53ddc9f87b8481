import type { ProblemAction, ProblemKind, StatusProblem } from '../../shared/status';
import type { ConnectionProblem } from './transport/transport-errors';

// The sentence and the ways out of a stopped session (docs/architecture.md#failures-are-states),
// for every provider alike: a provider that knows better throws a FatalConnectionError with its
// own sentence; anything else gets a sentence naming the provider from here.

const ACTIONS: Record<ProblemKind, ProblemAction[]> = {
  // An admin grants the right, then Retry; or sign in as a user who has it.
  refused: ['retry', 'sign-in'],
  unauthorized: ['sign-in', 'retry'],
  misconfigured: ['settings', 'retry'],
  failed: ['retry'],
  // The network's (docs/network.md#what-the-user-sees): the socket keeps retrying on its own;
  // Retry tries at once (and lets the desktop ask again for proxy credentials).
  'proxy-unreachable': ['retry'],
  'proxy-auth-required': ['retry'],
  'proxy-auth-failed': ['retry'],
  'certificate-untrusted': ['retry'],
};

export function actionsFor(kind: ProblemKind): ProblemAction[] {
  return [...ACTIONS[kind]];
}

/** `provider`: the provider's short name, as its wording gives it ("GoTo", "RingCentral"). */
export function connectionProblem(problem: ConnectionProblem, provider: string, retryAt: string | null): StatusProblem {
  return { kind: problem.kind, message: problem.sentence ?? sentenceFor(problem, provider), actions: actionsFor(problem.kind), retryAt };
}

/** The session could not even be built (a bug, a provider module that threw). */
export function engineProblem(message: string, retryAt: string | null): StatusProblem {
  return { kind: 'failed', message, actions: actionsFor('failed'), retryAt };
}

function sentenceFor(problem: ConnectionProblem, provider: string): string {
  const status = problem.status !== null ? ` (${problem.status})` : '';
  switch (problem.kind) {
    case 'unauthorized':
      return `${provider} still refused Ringtray after a fresh sign-in token${status || ' (401)'}: sign in again; if it keeps happening, an admin of the ${provider} account must allow your user to use the app.`;
    case 'refused':
      return `${provider} refused Ringtray's request for call events${status}: an admin of the ${provider} account must grant the app's permissions to your user, then choose Retry.`;
    case 'misconfigured':
      return `${provider} cannot be reached with the current settings${status}: check them in Settings, then choose Retry.`;
    // Network problems carry their own sentence; this one is only a fallback for them.
    case 'failed':
    case 'proxy-unreachable':
    case 'proxy-auth-required':
    case 'proxy-auth-failed':
    case 'certificate-untrusted':
      return `Ringtray stopped connecting to ${provider}${status}: choose Retry; if it keeps happening, send the log to support.`;
  }
}
