import { SANDBOXES } from '../../sandbox/registry';
import type { LineSelection } from '../../../shared/settings';
import type { RingtrayEngine } from '../engine-api';
import type { Logger } from '../log/logger';
import { SignInError } from '../auth/sign-in-error';
import type { ProviderModule } from '../providers/provider-module';
import type { DemoBackend, DemoBackendOptions } from '../providers/provider-sandbox';
import { Engine, type EngineOptions } from '../ringtray-engine';
import { createMemorySecretStore } from '../secrets/memory-secret-store';
import { freeLoopbackPort } from './free-port';
import { followAuthorizeRedirect } from './sandbox-browser';

// The demo: the real engine (OAuth loopback sign-in, tokens, session, socket, tracker) against a
// provider's sandbox on 127.0.0.1, with generated calls. No account, nothing leaves the machine,
// secrets stay in memory.
//
// This file is the one door into electron/sandbox/ (eslint.config.js): the sandbox registry holds
// only dynamic imports, so a provider's sandbox code is loaded here, when a demo starts, and
// never by a run that does not start one.

/** The first generated call rings this soon after the demo is live, so it shows a call at once. */
export const DEMO_FIRST_CALL_MS = 1_500;

export interface DemoOptions<B extends DemoBackend = DemoBackend> {
  provider: ProviderModule;
  log: Logger;
  lineSelection?: LineSelection;
  /** 0 starts no generator (tests ring calls themselves). */
  callsPerMinute?: number;
  engine?: Pick<EngineOptions, 'session' | 'now' | 'signInTimeoutMs' | 'attentionRetryMs' | 'random'>;
  /** Starts the backend; default the provider's registered sandbox (tests pass one they can drive). */
  backend?: (options: DemoBackendOptions) => Promise<B>;
  /** On close, after the engine stopped and before the sandbox goes: what the engine left behind on the server is still visible (the smoke test counts it). */
  onEngineStopped?: (backend: B) => void;
  /** Picks the loopback redirect port; default a free one (tests force a taken one). */
  loopbackPort?: () => Promise<number>;
}

/** A running demo: its engine, the sandbox behind it, and one close() that stops both. */
export interface RunningDemo<B extends DemoBackend = DemoBackend, E extends RingtrayEngine = Engine> {
  engine: E;
  backend: B;
  close(): Promise<void>;
}

/** Providers whose sandbox can run the demo (none of their code is loaded by asking). */
export function demoProviderIds(): ReadonlySet<string> {
  return new Set(Object.keys(SANDBOXES));
}

/** A free port can be taken between choosing it and listening on it; then the demo picks another. */
const PORT_ATTEMPTS = 5;

export async function startDemo<B extends DemoBackend = DemoBackend>(options: DemoOptions<B>): Promise<RunningDemo<B>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startDemoOnce(options);
    } catch (error) {
      if (!(error instanceof SignInError && error.reason === 'port-in-use') || attempt >= PORT_ATTEMPTS) throw error;
      options.log.info('demo: the loopback port was taken meanwhile; trying another', { attempt });
    }
  }
}

function registeredBackend(provider: ProviderModule): (options: DemoBackendOptions) => Promise<DemoBackend> {
  const load = Object.hasOwn(SANDBOXES, provider.id) ? SANDBOXES[provider.id] : undefined;
  if (!load) throw new Error(`${provider.displayName} has no demo in this version of Ringtray.`);
  return async (o) => (await load()).start(o);
}

async function startDemoOnce<B extends DemoBackend>(options: DemoOptions<B>): Promise<RunningDemo<B>> {
  const { provider } = options;
  const start = options.backend ?? (registeredBackend(provider) as (o: DemoBackendOptions) => Promise<B>);
  const port = await (options.loopbackPort ?? freeLoopbackPort)();
  const redirectUri = `http://127.0.0.1:${port}/app/redirect`;
  const backend = await start({ redirectUri, logger: options.log.child('sandbox') });
  let engine: Engine | null = null;
  try {
    const resolved = provider.resolve({ ...provider.settings.defaults, ...backend.settings }, backend.env);
    if (!resolved.ok) throw new Error(`demo configuration: ${resolved.message}`);
    engine = new Engine({
      provider,
      configured: resolved.provider,
      store: createMemorySecretStore(),
      log: options.log,
      openUrl: (url) => followAuthorizeRedirect(url),
      lineSelection: options.lineSelection ?? { mode: 'mine', lineIds: [] },
      demo: true,
      ...options.engine,
    });
    await engine.start();
    await engine.signIn();
    const rate = options.callsPerMinute ?? 6;
    if (rate > 0) backend.startCalls({ callsPerMinute: rate, firstCallAfterMs: DEMO_FIRST_CALL_MS });
    const running = engine;
    let closed = false;
    return {
      engine: running,
      backend,
      async close() {
        if (closed) return;
        closed = true;
        backend.stopCalls();
        await running.stop();
        options.onEngineStopped?.(backend);
        await backend.close();
      },
    };
  } catch (error) {
    await engine?.stop();
    await backend.close();
    throw error;
  }
}
