import type { App } from 'electron';
import { PRODUCT_NAME } from './app-id';
import { autostartEntry, disableAutostart, enableAutostart } from './xdg-autostart';

// "Start at login": the OS login item on macOS/Windows, an XDG autostart file on Linux. The app
// starts with --hidden then, so it comes up in the tray without opening a window.

export const HIDDEN_ARG = '--hidden';

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  app: Pick<App, 'setLoginItemSettings'>;
  /** Linux: where autostart entries live (xdg-autostart.ts autostartDir()). */
  autostartDir: string;
  /** The executable to start: process.execPath, or $APPIMAGE for an AppImage (its execPath is a temporary mount). */
  exec: string;
}

export function createLoginItem(options: LoginItemOptions) {
  return {
    set(openAtLogin: boolean): void {
      if (options.platform === 'linux') {
        if (openAtLogin) {
          enableAutostart(options.autostartDir, autostartEntry({ name: PRODUCT_NAME, exec: options.exec, args: [HIDDEN_ARG], comment: 'Shows who is calling' }));
        } else {
          disableAutostart(options.autostartDir);
        }
        return;
      }
      // macOS ignores args (and openAsHidden is gone since macOS 13): there the app simply
      // starts in the tray, as it does on every normal start.
      options.app.setLoginItemSettings({ openAtLogin, args: options.platform === 'win32' ? [HIDDEN_ARG] : [] });
    },
  };
}
