import type { CallNotice } from '../../shared/calls';
import type { RunningDemo } from '../engine/demo/demo-engine';
import type { DemoBackend } from '../engine/providers/provider-sandbox';
import type { EngineStatus, RingtrayEngine } from '../engine/engine-api';
import { SignedOutEngine } from '../engine/signed-out-engine';
import type { Logger } from '../engine/log/logger';

// The desktop shell talks to one engine at a time: the engine for the user's account with the
// chosen provider, or a demo engine (a provider's sandbox) after "Try the demo". The host swaps them (stopping the old one first),
// re-attaches the status/notice listeners, and gives everyone else a stable place to ask.

/** The host needs a demo's engine and its close(), not the sandbox behind it. */
type HostedDemo = Omit<RunningDemo<DemoBackend, RingtrayEngine>, 'backend'>;

export interface EngineHostOptions {
  /** The engine for the user's account with the chosen provider. */
  createAccount: () => RingtrayEngine;
  /**
   * The provider's settings changed: applies them to the running account engine and returns true
   * when its sign-in stays valid (the session is kept, even one held only in memory); false: build
   * a new engine. Absent: always build a new one.
   */
  reconfigureAccount?: (engine: RingtrayEngine) => boolean;
  /** A demo engine for `provider` (default: the chosen one). */
  createDemo: (provider?: string) => Promise<HostedDemo>;
  log: Logger;
  /** Bound on stopping an engine when swapping or quitting (docs/reliability.md#quit-and-stop: ≤ 3 s). */
  stopTimeoutMs?: number;
}

type StatusListener = (status: EngineStatus) => void;
type NoticeListener = (notice: CallNotice) => void;

export function createEngineHost(options: EngineHostOptions) {
  const stopTimeoutMs = options.stopTimeoutMs ?? 3_000;
  const statusListeners = new Set<StatusListener>();
  const noticeListeners = new Set<NoticeListener>();
  let current: RingtrayEngine = new SignedOutEngine('Starting\u2026');
  let demo: HostedDemo | null = null;
  let detach: Array<() => void> = [];
  let queue: Promise<void> = Promise.resolve();

  const emitStatus = (status: EngineStatus): void => {
    for (const listener of statusListeners) listener(status);
  };

  const attach = (engine: RingtrayEngine): void => {
    current = engine;
    detach = [
      engine.onStatus((s) => {
        if (current === engine) emitStatus(s);
      }),
      engine.onNotice((n) => {
        if (current !== engine) return;
        for (const listener of noticeListeners) listener(n);
      }),
    ];
    emitStatus(engine.status());
  };

  const stopCurrent = async (): Promise<void> => {
    for (const off of detach) off();
    detach = [];
    const engine = current;
    const demoToClose = demo;
    demo = null;
    try {
      if (demoToClose) await demoToClose.close();
      else await engine.stop(stopTimeoutMs);
    } catch (error) {
      options.log.warn('the engine did not stop cleanly', { error });
    }
  };

  // Swaps run one after another: a double click on "Try the demo" builds one demo, not two.
  const serialize = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const buildAccount = async (): Promise<void> => {
    await stopCurrent();
    let engine: RingtrayEngine;
    try {
      engine = options.createAccount();
    } catch (error) {
      options.log.error('the account engine could not be built', { error });
      engine = new SignedOutEngine('Ringtray could not start its connection to your phone system. Check the settings, or try the demo.');
    }
    await startEngine(engine);
  };

  const startEngine = async (engine: RingtrayEngine): Promise<void> => {
    attach(engine);
    try {
      await engine.start();
    } catch (error) {
      options.log.error('the engine did not start', { error });
    }
  };

  return {
    engine: (): RingtrayEngine => current,
    status: (): EngineStatus => current.status(),
    get isDemo(): boolean {
      return demo !== null;
    },
    onStatus(listener: StatusListener): () => void {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onNotice(listener: NoticeListener): () => void {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
    /** (Re)builds the account's engine, e.g. at start-up, after the provider settings changed, or to leave the demo. */
    /** The provider's settings were saved: keep the engine (and its sign-in) when they allow it, else rebuild. */
    applyAccountSettings(): Promise<void> {
      return serialize(async () => {
        if (!demo && options.reconfigureAccount?.(current)) return;
        await buildAccount();
      });
    },
    startAccount(): Promise<void> {
      return serialize(() => buildAccount());
    },
    /**
     * The user chose another provider: the old account is signed out (its refresh token and
     * remote resources removed) before the new provider's engine starts. One account at a time.
     */
    switchProvider(): Promise<void> {
      return serialize(async () => {
        if (!demo) {
          try {
            await current.signOut();
          } catch (error) {
            options.log.warn('signing out of the previous provider failed', { error });
          }
        }
        await buildAccount();
      });
    },
    startDemo(provider?: string): Promise<void> {
      return serialize(async () => {
        if (demo) return;
        await stopCurrent();
        try {
          const built = await options.createDemo(provider);
          demo = built;
          await startEngine(built.engine);
        } catch (error) {
          options.log.error('the demo could not start', { error });
          attach(new SignedOutEngine('The demo could not start. The log has details.'));
          throw error;
        }
      });
    },
    /** Quit: stop whatever runs, bounded by the engine's own timeout. */
    stop(): Promise<void> {
      return serialize(stopCurrent);
    },
  };
}

export type EngineHost = ReturnType<typeof createEngineHost>;
