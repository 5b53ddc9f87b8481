import { createKeytarSecretStore, type KeytarStoreOptions } from './keytar-secret-store';
import { createMemorySecretStore } from './memory-secret-store';
import type { SecretStore } from './secret-store';

/**
 * The keychain unless RINGTRAY_SECRETS=memory asks for a throwaway in-memory store. Any other
 * value is refused: there is no on-disk fallback to select by accident.
 */
export function createSecretStore(env: Record<string, string | undefined> = process.env, keytar: KeytarStoreOptions = {}): SecretStore {
  const choice = (env.RINGTRAY_SECRETS ?? '').trim().toLowerCase();
  if (choice === 'memory') return createMemorySecretStore();
  if (choice === '' || choice === 'keychain') return createKeytarSecretStore(keytar);
  throw new Error(`RINGTRAY_SECRETS must be "keychain" (default) or "memory", not "${choice.slice(0, 40)}"`);
}
