// Failures are states, not exceptions (docs/architecture.md#failures-are-states): each is visible in the tray, the windows and
// headless output, and each has a way out.

export const CONNECTION_STATES = [
  'signed-out',
  'signing-in',
  'connecting',
  'live',
  'reconnecting',
  'offline',
  'needs-sign-in',
  /** Retrying on the usual backoff cannot help: `problem` says what is wrong and what to do. */
  'needs-attention',
] as const;

export type ConnectionState = (typeof CONNECTION_STATES)[number];

/**
 * Why the app needs the user (or an admin): `refused` — the provider answered 403 or another
 * 4xx (a missing right or scope); `unauthorized` — still 401 after refreshing the token;
 * `misconfigured` — a setting is missing or wrong (no account id); `failed` — anything else
 * that stopped the session. The network's own (docs/network.md#what-the-user-sees):
 * `proxy-unreachable`, `proxy-auth-required`, `proxy-auth-failed`, `certificate-untrusted` —
 * Ringtray keeps retrying meanwhile, so these end by themselves once the network is fixed.
 */
export const NETWORK_PROBLEM_KINDS = ['proxy-unreachable', 'proxy-auth-required', 'proxy-auth-failed', 'certificate-untrusted'] as const;
export const PROBLEM_KINDS = ['refused', 'unauthorized', 'misconfigured', 'failed', ...NETWORK_PROBLEM_KINDS] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** What the user can do about a problem; the tray, the windows and headless offer these. */
export const PROBLEM_ACTIONS = ['retry', 'sign-in', 'settings'] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

export interface StatusProblem {
  kind: ProblemKind;
  /** One sentence naming the provider: what is wrong and what to do. */
  message: string;
  /** Never empty: every problem has a way out. */
  actions: ProblemAction[];
  /** ISO time of the next automatic retry, or null when none is planned. */
  retryAt: string | null;
}

export interface AppStatus {
  state: ConnectionState;
  /** A sentence for the user when something needs their attention (port busy, keychain locked …). */
  message: string | null;
  /** Set in `needs-attention` (and only there): what is wrong, what to do, which actions apply. */
  problem: StatusProblem | null;
  /** ISO time of the last change. */
  at: string;
}
