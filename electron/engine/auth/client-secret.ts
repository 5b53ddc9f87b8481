// The OAuth client secret of a confidential client. Ringtray keeps it in the keychain, or takes it
// from the provider's environment variable for headless runs; never in the settings file.
import { registerSecret } from '../log/secret-values';
import type { OAuthProfile } from '../providers/provider-module';
import { clientSecretAccount, type SecretStore } from '../secrets/secret-store';
import type { ProviderWording } from './provider-wording';

/** The env value, else the keychain entry, else null. Throws SecretStoreError when the keychain fails. */
export async function resolveClientSecret(provider: string, profile: Pick<OAuthProfile, 'clientId' | 'clientSecretFromEnv'>, store: SecretStore): Promise<string | null> {
  registerSecret(profile.clientSecretFromEnv);
  if (profile.clientSecretFromEnv) return profile.clientSecretFromEnv;
  return store.get(clientSecretAccount(provider, profile.clientId));
}

/** Saves the secret the user typed in Settings. Throws SecretStoreError when the keychain fails. */
export async function saveClientSecret(store: SecretStore, provider: string, clientId: string, secret: string): Promise<void> {
  await store.set(clientSecretAccount(provider, clientId), secret);
}

export function missingClientSecretMessage(wording: ProviderWording): string {
  const env = wording.secretEnv ? ` or set ${wording.secretEnv}` : '';
  return `The ${wording.name} client secret is not set: enter it in Settings (it is kept in the system keychain)${env}.`;
}
