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
] as const;

export type ConnectionState = (typeof CONNECTION_STATES)[number];

export interface AppStatus {
  state: ConnectionState;
  /** A sentence for the user when something needs their attention (port busy, keychain locked …). */
  message: string | null;
  /** ISO time of the last change. */
  at: string;
}
