// The OAuth client secret (docs/providers/goto.md#oauth: GoTo requires it; its samples kept it in a plain .env file —
// Ringtray keeps it in the keychain, or takes it from RINGTRAY_GOTO_CLIENT_SECRET for headless runs).
import type { GotoConfig } from '../providers/goto/goto-config';
import { registerSecret } from '../log/secret-values';
import { clientSecretAccount, type SecretStore } from '../secrets/secret-store';

/** The env value, else the keychain entry, else null. Throws SecretStoreError when the keychain fails. */
export async function resolveClientSecret(config: GotoConfig, store: SecretStore): Promise<string | null> {
  registerSecret(config.clientSecretFromEnv);
  if (config.clientSecretFromEnv) return config.clientSecretFromEnv;
  return store.get(clientSecretAccount('goto', config.clientId));
}

/** Saves the secret the user typed in Settings. Throws SecretStoreError when the keychain fails. */
export async function saveClientSecret(store: SecretStore, clientId: string, secret: string): Promise<void> {
  await store.set(clientSecretAccount('goto', clientId), secret);
}

export const MISSING_CLIENT_SECRET_MESSAGE =
  'The GoTo client secret is not set: enter it in Settings (it is kept in the system keychain) or set RINGTRAY_GOTO_CLIENT_SECRET.';
