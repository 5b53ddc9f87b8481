import { resolveGotoConfig } from '../providers/goto/goto-config';
import type { LineSelection } from '../../../shared/settings';
import type { Logger } from '../log/logger';
import { SignInError } from '../auth/sign-in-error';
import { Engine, type EngineOptions } from '../ringtray-engine';
import { createGotoSandbox, type GotoSandbox, type GotoSandboxOptions } from '../../sandbox/goto/goto-sandbox';
import { createMemorySecretStore } from '../secrets/memory-secret-store';
import { freeLoopbackPort } from './free-port';
import { followAuthorizeRedirect } from './sandbox-browser';

// The demo: the real engine (OAuth loopback sign-in, tokens, channel, socket, tracker) against
// the embedded GoTo sandbox on 127.0.0.1, with generated calls. No account, nothing leaves the
// machine, secrets stay in memory.

export interface DemoOptions {
  log: Logger;
  lineSelection?: LineSelection;
  /** 0 starts no generator (tests ring calls themselves). */
  callsPerMinute?: number;
  sandbox?: GotoSandboxOptions;
  engine?: Pick<EngineOptions, 'session' | 'now' | 'signInTimeoutMs'>;
  /** Called once the sandbox runs, before the engine signs in (tests inject faults here). */
  onSandbox?: (sandbox: GotoSandbox) => void;
  /** On close, after the engine stopped and before the sandbox goes: what the engine left behind on the server is still visible (the smoke test counts it). */
  onEngineStopped?: (sandbox: GotoSandbox) => void;
  /** Picks the loopback redirect port; default a free one (tests force a taken one). */
  loopbackPort?: () => Promise<number>;
}

export interface RunningDemo {
  engine: Engine;
  sandbox: GotoSandbox;
  close(): Promise<void>;
}

/** A free port can be taken between choosing it and listening on it; then the demo picks another. */
const PORT_ATTEMPTS = 5;

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startDemoOnce(options);
    } catch (error) {
      if (!(error instanceof SignInError && error.reason === 'port-in-use') || attempt >= PORT_ATTEMPTS) throw error;
      options.log.info('demo: the loopback port was taken meanwhile; trying another', { attempt });
    }
  }
}

async function startDemoOnce(options: DemoOptions): Promise<RunningDemo> {
  const port = await (options.loopbackPort ?? freeLoopbackPort)();
  const redirectUri = `http://127.0.0.1:${port}/app/redirect`;
  const sandbox = await createGotoSandbox({ redirectUris: [redirectUri], logger: options.log.child('sandbox'), ...options.sandbox });
  let engine: Engine | null = null;
  try {
    options.onSandbox?.(sandbox);
    const resolved = resolveGotoConfig(
      { clientId: sandbox.clientId, redirectUri, authUrl: sandbox.url, apiUrl: sandbox.url, adminApiUrl: sandbox.url },
      // Only the sandbox's public demo secret: the user's real RINGTRAY_* variables do not apply.
      { RINGTRAY_GOTO_CLIENT_SECRET: sandbox.clientSecret },
    );
    if (!resolved.ok) throw new Error(`demo configuration: ${resolved.message}`);
    engine = new Engine({
      config: resolved.config,
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
    if (rate > 0) sandbox.calls.startGenerator({ callsPerMinute: rate });
    const running = engine;
    let closed = false;
    return {
      engine: running,
      sandbox,
      async close() {
        if (closed) return;
        closed = true;
        sandbox.calls.stopGenerator();
        await running.stop();
        options.onEngineStopped?.(sandbox);
        await sandbox.close();
      },
    };
  } catch (error) {
    await engine?.stop();
    await sandbox.close();
    throw error;
  }
}
