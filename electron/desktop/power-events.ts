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
  pollMs?: number;
}

export function watchPowerAndNetwork(options: PowerEventsOptions): () => void {
  const resume = (): void => options.onResume();
  options.powerMonitor.on('resume', resume);
  let online = options.isOnline();
  const timer = setInterval(() => {
    const now = options.isOnline();
    if (now && !online) options.onOnline();
    online = now;
  }, options.pollMs ?? 5_000);
  timer.unref();
  return () => {
    options.powerMonitor.removeListener('resume', resume);
    clearInterval(timer);
  };
}
