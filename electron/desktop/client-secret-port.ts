import type { RingtrayEngine } from '../engine/engine-api';
import { saveClientSecret } from '../engine/auth/client-secret';
import { clientSecretAccount, isSecretStoreError, type SecretStore } from '../engine/secrets/secret-store';
import { IpcRequestError } from './ipc/ipc-router';
import type { ClientSecretPort, SecretStatus } from './settings-handlers';

// Settings → client secret → the engine's secret store (the OS keychain; memory when
// RINGTRAY_SECRETS=memory). When the engine offers `setClientSecret` (asked of the lead) it is
// used, so a secret kept in memory reaches the same store the engine reads; until then the
// secret is written to the keychain entry the engine reads at its next start.

export type SecretCapableEngine = RingtrayEngine & {
  setClientSecret?(secret: string): Promise<{ storedIn: 'keychain' | 'memory'; message: string | null }>;
};

const MEMORY_MESSAGE = 'Secrets are kept in memory only (RINGTRAY_SECRETS=memory): enter the client secret again after a restart.';

export function createClientSecretPort(options: { store: SecretStore; engine: () => SecretCapableEngine; envSecret: (provider: string) => string | undefined }): ClientSecretPort {
  const { store } = options;
  const storage = (): Pick<SecretStatus, 'secretStorage' | 'secretStorageMessage'> => ({
    secretStorage: store.kind,
    secretStorageMessage: store.kind === 'memory' ? MEMORY_MESSAGE : null,
  });
  return {
    async status(provider, clientId) {
      if (options.envSecret(provider)) return { hasClientSecret: true, ...storage() };
      if (!clientId) return { hasClientSecret: false, ...storage() };
      try {
        return { hasClientSecret: (await store.get(clientSecretAccount(provider, clientId))) !== null, ...storage() };
      } catch (error) {
        // A locked or missing keychain is a state to show, not a failed request.
        return { hasClientSecret: false, secretStorage: 'memory', secretStorageMessage: isSecretStoreError(error) ? error.message : MEMORY_MESSAGE };
      }
    },
    async set(provider, clientId, secret) {
      const engine = options.engine();
      if (engine.setClientSecret) return engine.setClientSecret(secret);
      try {
        await saveClientSecret(store, provider, clientId, secret);
      } catch (error) {
        // Not stored anywhere the engine could read it: say so instead of pretending "memory".
        if (isSecretStoreError(error)) throw new IpcRequestError(error.message);
        throw error;
      }
      return { storedIn: store.kind, message: store.kind === 'memory' ? MEMORY_MESSAGE : null };
    },
  };
}
