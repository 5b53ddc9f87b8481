import type { PowerMonitor } from 'electron';

// After sleep a socket can say OPEN while dead (docs/architecture.md#platform-notes): on 'resume' the engine reconnects
// anyway. Electron's main process has no 'online' event (PowerMonitor has none; `net.isOnline()`
// is a getter), so the network is polled and a false → true change tells the engine to retry
// now instead of waiting out its backoff.

export interface PowerEventsOptions {
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>;
  isOnline: () => boolean;
  onResume: () => void;
  onOnline: () => void;
  /** The screen was unlocked: a keychain locked at login may be open now (the engine's retry). */
  onUnlock?: () => void;
  pollMs?: number;
}

export function watchPowerAndNetwork(options: PowerEventsOptions): () => void {
  const resume = (): void => options.onResume();
  options.powerMonitor.on('resume', resume);
  const unlock = (): void => options.onUnlock?.();
  options.powerMonitor.on('unlock-screen', unlock);
  let online = options.isOnline();
  const timer = setInterval(() => {
    const now = options.isOnline();
    if (now && !online) options.onOnline();
    online = now;
  }, options.pollMs ?? 5_000);
  timer.unref();
  return () => {
    options.powerMonitor.removeListener('resume', resume);
    options.powerMonitor.removeListener('unlock-screen', unlock);
    clearInterval(timer);
  };
}
