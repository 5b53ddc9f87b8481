import type { ProviderSettingsValues } from '../../shared/providers';
import type { LineSelection } from '../../shared/settings';
import type { RingtrayEngine } from './engine-api';
import type { Logger } from './log/logger';
import type { ProviderModule, ProviderState } from './providers/provider-module';
import { Engine, type RememberedUser } from './ringtray-engine';
import { createSecretStore } from './secrets/create-secret-store';
import { createMemorySecretStore } from './secrets/memory-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { SignedOutEngine } from './signed-out-engine';

// How the desktop shell and headless mode obtain the engine for the user's account, for whichever
// provider is chosen (the demo's engine comes from demo/demo-engine.ts).

export interface ProviderEngineOptions {
  provider: ProviderModule;
  /** settings.providers.<id> from the settings store (non-secret); the provider's env variables override them. */
  settings: ProviderSettingsValues;
  lineSelection: LineSelection;
  /** 'keychain' (default; RINGTRAY_SECRETS=memory overrides) or 'memory'. */
  secrets?: 'keychain' | 'memory';
  /** A store made by the caller (the desktop shares one with its client-secret setting). */
  store?: SecretStore;
  /** Opens the authorize URL: shell.openExternal in the app, a stderr line in headless mode. */
  openUrl: (url: string) => Promise<void>;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  rememberedUser?: RememberedUser;
  providerState?: ProviderState;
}

/**
 * The engine for the user's account with `provider`. With an incomplete configuration (no client
 * id yet: first run) it returns an engine that is signed out and says what to set.
 */
export function createProviderEngine(options: ProviderEngineOptions): RingtrayEngine {
  const { provider } = options;
  const env = options.env ?? process.env;
  const resolved = resolveSettings(options);
  if (!resolved.ok) return new SignedOutEngine(resolved.message);
  const store = options.store ?? (options.secrets === 'memory' ? createMemorySecretStore() : createSecretStore(env));
  return new Engine({
    provider,
    configured: resolved.provider,
    store,
    log: options.log,
    openUrl: options.openUrl,
    lineSelection: options.lineSelection,
    rememberedUser: options.rememberedUser,
    providerState: options.providerState,
  });
}

/**
 * New settings for the engine `createProviderEngine` built: true when it took them and kept its
 * sign-in (Engine.reconfigure); false when a new engine must be built (another provider, settings
 * that no longer resolve, a change to how to sign in, an unconfigured engine).
 */
export function reconfigureProviderEngine(engine: RingtrayEngine, options: Pick<ProviderEngineOptions, 'provider' | 'settings' | 'env'>): boolean {
  if (!(engine instanceof Engine) || engine.providerId !== options.provider.id) return false;
  const resolved = resolveSettings(options);
  return resolved.ok && engine.reconfigure(resolved.provider);
}

/** The provider's settings over its defaults, with the environment over both. */
function resolveSettings({ provider, settings, env }: Pick<ProviderEngineOptions, 'provider' | 'settings' | 'env'>) {
  return provider.resolve({ ...provider.settings.defaults, ...settings }, env ?? process.env);
}
