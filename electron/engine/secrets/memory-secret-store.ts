import { registerSecret } from '../log/secret-values';
import type { SecretStore } from './secret-store';

/** Secrets held in this process only (RINGTRAY_SECRETS=memory, tests, throwaway runs). */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore & { readonly size: number } {
  const entries = new Map(Object.entries(initial));
  for (const value of entries.values()) registerSecret(value);
  return {
    kind: 'memory',
    get size() {
      return entries.size;
    },
    get: async (account) => entries.get(account) ?? null,
    set: async (account, value) => {
      registerSecret(value);
      entries.set(account, value);
    },
    delete: async (account) => entries.delete(account),
  };
}
