import type { RingtrayEngine } from '../engine/engine-api';
import { saveClientSecret } from '../engine/auth/client-secret';
import { apiKeyAccount, clientSecretAccount, isSecretStoreError, type SecretStore } from '../engine/secrets/secret-store';
import { IpcRequestError } from './ipc/ipc-router';
import type { ClientSecretPort, SecretKind, SecretStatus } from './settings-handlers';

// Settings → client secret → the engine's secret store (the OS keychain; memory when
// RINGTRAY_SECRETS=memory). When the engine offers `setClientSecret` (asked of the lead) it is
// used, so a secret kept in memory reaches the same store the engine reads; until then the
// secret is written to the keychain entry the engine reads at its next start. An API key goes
// to its own entry (`<provider>:api-key:<owner>`), which the engine reads at sign-in.

export type SecretCapableEngine = RingtrayEngine & {
  setClientSecret?(secret: string): Promise<{ storedIn: 'keychain' | 'memory'; message: string | null }>;
};

const MEMORY_MESSAGE = 'Secrets are kept in memory only (RINGTRAY_SECRETS=memory): enter the client secret again after a restart.';

const accountOf = (provider: string, owner: string, kind: SecretKind): string => (kind === 'api-key' ? apiKeyAccount(provider, owner) : clientSecretAccount(provider, owner));

/** A keychain refusal as the sentence the form shows, instead of a generic failure. */
async function orRequestError<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    if (isSecretStoreError(error)) throw new IpcRequestError(error.message);
    throw error;
  }
}

export function createClientSecretPort(options: { store: SecretStore; engine: () => SecretCapableEngine; envSecret: (provider: string) => string | undefined }): ClientSecretPort {
  const { store } = options;
  const storage = (): Pick<SecretStatus, 'secretStorage' | 'secretStorageMessage'> => ({
    secretStorage: store.kind,
    secretStorageMessage: store.kind === 'memory' ? MEMORY_MESSAGE : null,
  });
  return {
    async status(provider, clientId, kind = 'client-secret') {
      if (options.envSecret(provider)) return { hasClientSecret: true, ...storage() };
      if (!clientId) return { hasClientSecret: false, ...storage() };
      try {
        return { hasClientSecret: (await store.get(accountOf(provider, clientId, kind))) !== null, ...storage() };
      } catch (error) {
        // A locked or missing keychain is a state to show, not a failed request.
        return { hasClientSecret: false, secretStorage: 'memory', secretStorageMessage: isSecretStoreError(error) ? error.message : MEMORY_MESSAGE };
      }
    },
    async set(provider, clientId, secret, kind = 'client-secret') {
      const engine = options.engine();
      if (kind === 'client-secret' && engine.setClientSecret) return engine.setClientSecret(secret);
      // Not stored anywhere the engine could read it: say so instead of pretending "memory".
      await orRequestError(() => (kind === 'api-key' ? store.set(apiKeyAccount(provider, clientId), secret) : saveClientSecret(store, provider, clientId, secret)));
      return { storedIn: store.kind, message: store.kind === 'memory' ? MEMORY_MESSAGE : null };
    },
    async remove(provider, clientId, kind) {
      await orRequestError(() => store.delete(accountOf(provider, clientId, kind)));
    },
  };
}
