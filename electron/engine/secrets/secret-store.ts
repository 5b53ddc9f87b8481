// The secret store port (docs/architecture.md#secrets). The app uses the
// OS keychain through keytar; headless/throwaway runs use memory (RINGTRAY_SECRETS=memory). There
// is deliberately no file-backed implementation: when the keychain is unavailable or locked the
// session stays in memory only and the user is told why.
//
// Naming: every entry lives under the keychain service `Ringtray`; the account says provider, kind
// and owner, e.g. `<provider>:refresh-token:user@example.com` and `<provider>:client-secret:<client id>`.

export const SECRET_SERVICE = 'Ringtray';

export interface SecretStore {
  /** 'keychain' persists across restarts; 'memory' is lost when the process ends. */
  readonly kind: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

export type SecretStoreFailure = 'unavailable' | 'locked' | 'failed';

/** The only error a SecretStore throws. `message` is a sentence for the user and never holds a secret. */
export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  constructor(
    readonly reason: SecretStoreFailure,
    message: string,
    /** The underlying library's message (already free of secrets: keytar never echoes values). */
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function isSecretStoreError(error: unknown): error is SecretStoreError {
  return error instanceof SecretStoreError;
}

/** `<provider>:refresh-token:<user>`: one refresh token per provider and signed-in user. */
export function refreshTokenAccount(provider: string, user: string): string {
  return `${provider}:refresh-token:${user}`;
}

/** `<provider>:api-key:<owner>`: an API key the user pasted, per provider and what it opens (e.g. the API base). */
export function apiKeyAccount(provider: string, owner: string): string {
  return `${provider}:api-key:${owner}`;
}

/** `<provider>:client-secret:<clientId>`: the OAuth client secret, per provider and OAuth client. */
export function clientSecretAccount(provider: string, clientId: string): string {
  return `${provider}:client-secret:${clientId}`;
}
