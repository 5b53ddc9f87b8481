import type { BaseWindow, PowerMonitor } from 'electron';

// The OS ending the session (log-off, restart, shutdown) does not emit app 'before-quit'
// (Electron's app docs; electron/electron#9613), so without this the provider's resources —
// its subscriptions and channel — would be left behind until they expire.
// - Windows: a window's 'session-end' (WM_ENDSESSION). A tray app may have no window open, so a
//   hidden BaseWindow — a native window with no web page, hence no renderer process — is kept
//   just to receive it.
// - macOS and Linux: powerMonitor 'shutdown'.
// Either way the handler asks for the normal quit, whose cleanup (quit-cleanup.ts) deletes the
// resources; Windows may end the process before that finishes, so the cleanup is started at the
// first signal and bounded as usual.

export type SessionWatcherWindow = Pick<BaseWindow, 'on' | 'destroy' | 'isDestroyed'>;

export interface SessionEndOptions {
  platform: NodeJS.Platform;
  /** Windows: `new BaseWindow({ show: false, … })`. */
  createWatcherWindow: () => SessionWatcherWindow;
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>;
  onSessionEnd: (reasons: readonly string[]) => void;
}

export function watchSessionEnd(options: SessionEndOptions): () => void {
  let ended = false;
  const end = (reasons: readonly string[]): void => {
    if (ended) return;
    ended = true;
    options.onSessionEnd(reasons);
  };
  if (options.platform === 'win32') {
    const watcher = options.createWatcherWindow();
    watcher.on('session-end', (event) => end(event.reasons));
    return () => {
      if (!watcher.isDestroyed()) watcher.destroy();
    };
  }
  const onShutdown = (): void => end(['shutdown']);
  options.powerMonitor.on('shutdown', onShutdown);
  return () => options.powerMonitor.removeListener('shutdown', onShutdown);
}
