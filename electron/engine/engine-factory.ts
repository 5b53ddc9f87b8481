import { resolveGotoConfig } from './providers/goto/goto-config';
import { startDemo, type DemoOptions } from './demo/demo-engine';
import type { LineSelection } from '../../shared/settings';
import type { RingtrayEngine } from './engine-api';
import type { Logger } from './log/logger';
import { Engine, type RememberedUser } from './ringtray-engine';
import { createSecretStore } from './secrets/create-secret-store';
import { createMemorySecretStore } from './secrets/memory-secret-store';
import type { SecretStore } from './secrets/secret-store';
import { UnconfiguredEngine } from './unconfigured-engine';

// How the desktop shell and headless mode obtain an engine.

export interface GotoEngineOptions {
  /** Non-secret GoTo settings from the settings store; env variables override them. */
  goto: { clientId: string; redirectUri: string; accountKey: string };
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
}

export interface DemoEngine {
  engine: RingtrayEngine;
  /** Stops the engine and the embedded sandbox. */
  close(): Promise<void>;
}

/**
 * The engine for the user's GoTo account. With an incomplete configuration (no client id yet:
 * first run) it returns an engine that is signed out and says what to set.
 */
export function createGotoEngine(options: GotoEngineOptions): RingtrayEngine {
  const env = options.env ?? process.env;
  const settings = {
    clientId: options.goto.clientId || undefined,
    redirectUri: options.goto.redirectUri || undefined,
    accountKey: options.goto.accountKey || undefined,
  };
  const resolved = resolveGotoConfig(settings, env);
  if (!resolved.ok) return new UnconfiguredEngine(resolved.message);
  const store = options.store ?? (options.secrets === 'memory' ? createMemorySecretStore() : createSecretStore(env));
  return new Engine({
    config: resolved.config,
    store,
    log: options.log,
    openUrl: options.openUrl,
    lineSelection: options.lineSelection,
    rememberedUser: options.rememberedUser,
  });
}

/** The engine against the embedded GoTo sandbox with generated calls; signs itself in. */
export async function createDemoEngine(
  options: { log: Logger; lineSelection?: LineSelection; callsPerMinute?: number } & Pick<DemoOptions, 'onEngineStopped'>,
): Promise<DemoEngine> {
  const demo = await startDemo(options);
  return { engine: demo.engine, close: () => demo.close() };
}
