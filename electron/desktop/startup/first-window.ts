import type { App } from 'electron';

// Start-up phase: which window a start opens. Every start the user made opens a window — the
// main window, or the call report a toast's link asked for — because the tray alone can look
// like nothing happened: stock GNOME shows no tray icons, Windows 11 hides new ones in the
// overflow, and a macOS menu-bar item can sit behind the notch. Only --hidden, which start at
// login passes, starts quietly in the tray.

export type FirstWindow = { kind: 'report'; callId: string } | { kind: 'main' } | null;

export function firstWindow(launch: { initialCallId: string | null; hidden: boolean }): FirstWindow {
  if (launch.initialCallId) return { kind: 'report', callId: launch.initialCallId };
  return launch.hidden ? null : { kind: 'main' };
}

/**
 * macOS: opening the app again while it runs (Finder, Spotlight, the Dock) emits 'activate';
 * a menu-bar app with no window open must show its main window then, or it looks dead.
 */
export function showMainOnActivate(app: Pick<App, 'on'>, showMain: () => void): void {
  app.on('activate', () => showMain());
}
