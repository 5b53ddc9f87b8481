import { startDemo, type DemoOptions } from '../../engine/demo/demo-engine';
import { createProviderEngine, reconfigureProviderEngine } from '../../engine/engine-factory';
import { findProvider } from '../../engine/providers/registry';
import { activeProviderOf, providerValues } from '../provider-settings';
import type { Logger } from '../../engine/log/logger';
import { createSecretStore } from '../../engine/secrets/create-secret-store';
import { createMemorySecretStore } from '../../engine/secrets/memory-secret-store';
import type { SecretStore } from '../../engine/secrets/secret-store';
import { createClientSecretPort, type SecretCapableEngine } from '../client-secret-port';
import { createEngineHost } from '../engine-host';
import type { SettingsStore } from '../settings-store';

// Start-up phase: the engine host (real engine or demo, one at a time) and the client-secret
// port Settings uses, both reading the same secret store.

export interface EngineDeps {
  settings: SettingsStore;
  root: Logger;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Opens the authorize URL in the system browser (RFC 8252). */
  openUrl: (url: string) => Promise<void>;
  /** The smoke test's look at the demo server once the demo engine stopped (smoke-hooks.ts). */
  onDemoEngineStopped?: DemoOptions['onEngineStopped'];
}

export function createEngines(deps: EngineDeps) {
  const { settings, root, log, env } = deps;
  const secretStore = openSecretStore(env, log);
  const host = createEngineHost({
    createAccount: () =>
      createProviderEngine({
        provider: activeProviderOf(settings.get()),
        settings: providerValues(settings.get(), activeProviderOf(settings.get())),
        lineSelection: settings.get().lineFilter,
        // One store shared with Settings → client secret, so a secret kept in memory (no
        // keychain) is the one the engine reads.
        store: secretStore,
        rememberedUser: settings.rememberedUser,
        // What the provider made at its end (ids, not secrets) is reused on the next start.
        providerState: settings.providerState(activeProviderOf(settings.get()).id),
        // The engine builds the authorize URL itself; the system browser opens it.
        openUrl: deps.openUrl,
        log: root.child('engine'),
        env,
      }),
    reconfigureAccount: (engine) => {
      const provider = activeProviderOf(settings.get());
      return reconfigureProviderEngine(engine, { provider, settings: providerValues(settings.get(), provider), env });
    },
    createDemo: (id) => {
      const chosen = id ? findProvider(id) : null;
      if (chosen && !chosen.ok) return Promise.reject(new Error(chosen.message));
      const provider = chosen?.provider ?? activeProviderOf(settings.get());
      return startDemo({ provider, log: root.child('demo'), lineSelection: settings.get().lineFilter, onEngineStopped: deps.onDemoEngineStopped });
    },
    log: log.child('engine-host'),
  });
  const secrets = createClientSecretPort({
    store: secretStore,
    engine: () => host.engine() as SecretCapableEngine,
    envSecret: (id) => {
      const found = findProvider(id);
      const name = found.ok ? found.provider.descriptor.secret?.env : undefined;
      return name ? env[name] : undefined;
    },
  });
  return { host, secrets, store: secretStore };
}

/** The keychain unless RINGTRAY_SECRETS says memory; a bad value falls back to memory, loudly. */
function openSecretStore(env: NodeJS.ProcessEnv, log: Logger): SecretStore {
  try {
    return createSecretStore(env);
  } catch (error) {
    log.error('RINGTRAY_SECRETS is not valid; secrets stay in memory', { error });
    return createMemorySecretStore();
  }
}
