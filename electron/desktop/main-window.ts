import type { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from './app-id';
import { appPageUrl, appRouteOf } from './app-scheme';
import { bringToFront } from './report-windows';
import { createSecureWindow } from './secure-window';
import type { WindowBounds } from './settings-file';
import { restorableBounds, type Rect } from './window-bounds';

// The main window (recent calls, settings, sign-in), opened from the tray. Closing it only closes
// it: the app lives in the tray. Its bounds are saved when it closes and restored next time only
// if they are still on a display. The page routes itself inside the window (links, the back
// button), so which page it shows is read from the window's URL, not remembered here: "Settings…"
// must switch to settings even after the user went home inside the window.

export type MainRoute = 'home' | 'settings';

export interface MainWindowOptions {
  preloadPath: string;
  openExternalLink: (url: string) => Promise<unknown>;
  savedBounds: () => WindowBounds | null;
  saveBounds: (bounds: WindowBounds) => void;
  /** The displays' work areas now (screen.getAllDisplays().map(d => d.workArea)). */
  workAreas: () => Rect[];
  /** Called when the window is shown (the user has looked: clears the missed-calls badge). */
  onShown?: () => void;
}

const HASH: Record<MainRoute, string> = { home: '/', settings: '/settings' };

export function createMainWindow(options: MainWindowOptions) {
  let win: BrowserWindow | null = null;

  return {
    async show(next: MainRoute = 'home'): Promise<BrowserWindow> {
      if (win && !win.isDestroyed()) {
        // A hash-only change of the same page is a same-document navigation: no reload, and
        // will-navigate (which secure-window denies) is not emitted for it.
        if (appRouteOf(win.webContents.getURL()) !== HASH[next]) await win.loadURL(appPageUrl(HASH[next]));
        bringToFront(win);
        options.onShown?.();
        return win;
      }
      const bounds = restorableBounds(options.savedBounds(), options.workAreas());
      const created = createSecureWindow({
        preloadPath: options.preloadPath,
        openExternalLink: options.openExternalLink,
        window: { title: PRODUCT_NAME, width: 960, height: 680, minWidth: 560, minHeight: 420, ...(bounds ?? {}) },
      });
      win = created;
      created.once('ready-to-show', () => {
        bringToFront(created);
        options.onShown?.();
      });
      // 'close' fires while the window still has its bounds; 'closed' after it is gone.
      created.on('close', () => options.saveBounds(created.getNormalBounds()));
      created.on('closed', () => {
        if (win === created) win = null;
      });
      await created.loadURL(appPageUrl(HASH[next]));
      return created;
    },
    current(): BrowserWindow | null {
      return win && !win.isDestroyed() ? win : null;
    },
  };
}
