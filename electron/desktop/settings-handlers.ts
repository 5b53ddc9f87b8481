import { INVOKE } from '../../shared/ipc/channels';
import type { SettingsView } from '../../shared/ipc/api';
import type { Settings } from '../../shared/settings';
import { IpcRequestError, type IpcRouter } from './ipc/ipc-router';
import type { SettingsStore } from './settings-store';

// IPC handlers for Settings: read, change (per-field errors the form shows inline), and the
// client secret, which goes to the keychain and never into the settings file.

export interface SecretStatus {
  hasClientSecret: boolean;
  secretStorage: 'keychain' | 'memory';
  secretStorageMessage: string | null;
}

export interface ClientSecretPort {
  /** Whether a secret is stored for the client id, and where secrets go. Never the secret. */
  status(clientId: string): Promise<SecretStatus>;
  /** Stores the secret (the engine's secret store: keychain, or memory when that is unavailable). */
  set(clientId: string, secret: string): Promise<{ storedIn: 'keychain' | 'memory'; message: string | null }>;
}

export async function settingsViewOf(settings: Settings, secrets: ClientSecretPort): Promise<SettingsView> {
  return { settings, ...(await secrets.status(settings.goto.clientId)) };
}

export function registerSettingsHandlers(router: IpcRouter, deps: { store: SettingsStore; secrets: ClientSecretPort; onSecretChanged?: () => void }): void {
  router.handle(INVOKE.getSettings, () => settingsViewOf(deps.store.get(), deps.secrets));

  router.handle(INVOKE.updateSettings, async (patch) => {
    const result = deps.store.update(patch);
    if (!result.ok) return { ok: false as const, fieldErrors: result.fieldErrors };
    return { ok: true as const, view: await settingsViewOf(result.settings, deps.secrets) };
  });

  router.handle(INVOKE.setClientSecret, async ({ clientSecret }) => {
    const { clientId } = deps.store.get().goto;
    if (!clientId) throw new IpcRequestError('Enter the GoTo client ID first: the secret is stored for that client.');
    const stored = await deps.secrets.set(clientId, clientSecret);
    deps.onSecretChanged?.();
    return stored;
  });
}
