import { INVOKE } from '../../shared/ipc/channels';
import type { SettingsView } from '../../shared/ipc/api';
import type { Settings } from '../../shared/settings';
import { IpcRequestError, type IpcRouter } from './ipc/ipc-router';
import { activeProviderOf, providerValues, withProviderDefaults } from './provider-settings';
import type { SettingsStore } from './settings-store';

// IPC handlers for Settings: read, change (per-field errors the form shows inline), and the
// client secret, which goes to the keychain and never into the settings file.

export interface SecretStatus {
  hasClientSecret: boolean;
  secretStorage: 'keychain' | 'memory';
  secretStorageMessage: string | null;
}

export interface ClientSecretPort {
  /** Whether a secret is stored for the provider's client id, and where secrets go. Never the secret. */
  status(provider: string, clientId: string): Promise<SecretStatus>;
  /** Stores the secret (the engine's secret store: keychain, or memory when that is unavailable). */
  set(provider: string, clientId: string, secret: string): Promise<{ storedIn: 'keychain' | 'memory'; message: string | null }>;
}

/** The settings with every provider's defaults filled in, and the active provider's secret status. */
export async function settingsViewOf(settings: Settings, secrets: ClientSecretPort): Promise<SettingsView> {
  const provider = activeProviderOf(settings);
  const owner = secretOwnerOf(settings, provider);
  return { settings: withProviderDefaults(settings), ...(await secrets.status(provider.id, owner)) };
}

/** The value that names the provider's keychain entry for its secret (e.g. the OAuth client id). */
function secretOwnerOf(settings: Settings, provider: ReturnType<typeof activeProviderOf>): string {
  const field = provider.descriptor.secret?.ownerField;
  return field ? (providerValues(settings, provider)[field] ?? '').trim() : '';
}

export function registerSettingsHandlers(router: IpcRouter, deps: { store: SettingsStore; secrets: ClientSecretPort; onSecretChanged?: () => void }): void {
  router.handle(INVOKE.getSettings, () => settingsViewOf(deps.store.get(), deps.secrets));

  router.handle(INVOKE.updateSettings, async (patch) => {
    const result = deps.store.update(patch);
    if (!result.ok) return { ok: false as const, fieldErrors: result.fieldErrors };
    return { ok: true as const, view: await settingsViewOf(result.settings, deps.secrets) };
  });

  router.handle(INVOKE.setClientSecret, async ({ clientSecret }) => {
    const settings = deps.store.get();
    const provider = activeProviderOf(settings);
    const owner = secretOwnerOf(settings, provider);
    if (!owner) {
      const label = provider.descriptor.fields.find((f) => f.key === provider.descriptor.secret?.ownerField)?.label ?? 'client ID';
      throw new IpcRequestError(`Enter the ${provider.shortName ?? provider.displayName} ${label} first: the secret is stored for it.`);
    }
    const stored = await deps.secrets.set(provider.id, owner, clientSecret);
    deps.onSecretChanged?.();
    return stored;
  });
}
