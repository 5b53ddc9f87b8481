import type { Logger } from '../engine/log/logger';

// Quitting stops the engine first (it deletes the provider's subscriptions and channel), but never
// hangs: the first before-quit is held back while the cleanup runs, bounded by a timer, then quit
// is asked for again and let through (docs/reliability.md#quit-and-stop: quit deletes the channel within ≤ 3 s).

export interface QuitApp {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export interface QuitCleanupOptions {
  app: QuitApp;
  /** Stops the engine etc.; may hang or throw. */
  cleanup: () => Promise<void>;
  /** Upper bound on the whole cleanup. */
  timeoutMs: number;
  log: Logger;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function installQuitCleanup(options: QuitCleanupOptions): { readonly phase: 'running' | 'cleaning' | 'done' } {
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  let phase: 'running' | 'cleaning' | 'done' = 'running';

  options.app.on('before-quit', (event) => {
    if (phase === 'done') return;
    event.preventDefault();
    if (phase === 'cleaning') return;
    phase = 'cleaning';
    let timer: unknown;
    const bounded = new Promise<'timeout'>((resolve) => {
      timer = setTimer(() => resolve('timeout'), options.timeoutMs);
    });
    const work = options.cleanup().then(
      () => 'done' as const,
      (error: unknown) => {
        options.log.warn('cleanup before quit failed', { error });
        return 'failed' as const;
      },
    );
    void Promise.race([work, bounded]).then((outcome) => {
      clearTimer(timer);
      if (outcome === 'timeout') options.log.warn('cleanup before quit timed out; quitting anyway', { timeoutMs: options.timeoutMs });
      phase = 'done';
      options.app.quit();
    });
  });

  return {
    get phase() {
      return phase;
    },
  };
}
