import { INVOKE } from '../../shared/ipc/channels';
import type { SettingsView } from '../../shared/ipc/api';
import type { Settings } from '../../shared/settings';
import { IpcRequestError, type IpcRouter } from './ipc/ipc-router';
import { activeProviderOf, providerValues, withProviderDefaults } from './provider-settings';
import type { SettingsStore } from './settings-store';

// IPC handlers for Settings: read, change (per-field errors the form shows inline), and the
// provider's secret (an OAuth client secret or an API key), which goes to the keychain and never
// into the settings file.

export type SecretKind = 'client-secret' | 'api-key';

export interface SecretStatus {
  hasClientSecret: boolean;
  secretStorage: 'keychain' | 'memory';
  secretStorageMessage: string | null;
}

export interface ClientSecretPort {
  /** Whether a secret is stored for the provider's client id, and where secrets go. Never the secret. */
  status(provider: string, clientId: string, kind?: SecretKind): Promise<SecretStatus>;
  /** Stores the secret (the engine's secret store: keychain, or memory when that is unavailable). */
  set(provider: string, clientId: string, secret: string, kind?: SecretKind): Promise<{ storedIn: 'keychain' | 'memory'; message: string | null }>;
  /** Deletes the stored secret. */
  remove(provider: string, clientId: string, kind: SecretKind): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The settings with every provider's defaults filled in, the active provider's secret status, and how it signs in. */
export async function settingsViewOf(settings: Settings, secrets: ClientSecretPort, env: Env = process.env): Promise<SettingsView> {
  const provider = activeProviderOf(settings);
  const owner = secretOwnerOf(settings, provider);
  const resolved = provider.resolve(providerValues(settings, provider), env);
  return {
    settings: withProviderDefaults(settings),
    ...(await secrets.status(provider.id, owner, provider.descriptor.secret?.kind)),
    credential: resolved.ok ? resolved.provider.credential.kind : null,
  };
}

/** The value that names the provider's keychain entry for its secret (e.g. the OAuth client id). */
function secretOwnerOf(settings: Settings, provider: ReturnType<typeof activeProviderOf>): string {
  const field = provider.descriptor.secret?.ownerField;
  return field ? (providerValues(settings, provider)[field] ?? '').trim() : '';
}

export function registerSettingsHandlers(
  router: IpcRouter,
  deps: { store: SettingsStore; secrets: ClientSecretPort; onSecretChanged?: () => void; signOut?: () => Promise<void>; env?: Env },
): void {
  router.handle(INVOKE.getSettings, () => settingsViewOf(deps.store.get(), deps.secrets, deps.env));

  router.handle(INVOKE.updateSettings, async (patch) => {
    const result = deps.store.update(patch);
    if (!result.ok) return { ok: false as const, fieldErrors: result.fieldErrors };
    return { ok: true as const, view: await settingsViewOf(result.settings, deps.secrets, deps.env) };
  });

  router.handle(INVOKE.setClientSecret, async ({ clientSecret }) => {
    const settings = deps.store.get();
    const provider = activeProviderOf(settings);
    const owner = secretOwnerOf(settings, provider);
    if (!owner) {
      const label = provider.descriptor.fields.find((f) => f.key === provider.descriptor.secret?.ownerField)?.label ?? 'client ID';
      throw new IpcRequestError(`Enter the ${provider.shortName ?? provider.displayName} ${label} first: the secret is stored for it.`);
    }
    const stored = await deps.secrets.set(provider.id, owner, clientSecret, provider.descriptor.secret?.kind);
    deps.onSecretChanged?.();
    return stored;
  });

  router.handle(INVOKE.removeClientSecret, async () => {
    const settings = deps.store.get();
    const provider = activeProviderOf(settings);
    const kind = provider.descriptor.secret?.kind;
    const owner = secretOwnerOf(settings, provider);
    if (!kind || !owner) return { done: true as const };
    // An API key is the sign-in itself: signing out first also removes the provider's subscription.
    if (kind === 'api-key') await deps.signOut?.();
    await deps.secrets.remove(provider.id, owner, kind);
    deps.onSecretChanged?.();
    return { done: true as const };
  });
}
