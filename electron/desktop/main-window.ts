import type { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from './app-id';
import { bringToFront } from './report-windows';
import { createSecureWindow } from './secure-window';
import type { WindowBounds } from './settings-file';
import { restorableBounds, type Rect } from './window-bounds';

// The main window (recent calls, settings, sign-in), opened from the tray. Closing it only closes
// it: the app lives in the tray. Its bounds are saved when it closes and restored next time only
// if they are still on a display.

export type MainRoute = 'home' | 'settings';

export interface MainWindowOptions {
  preloadPath: string;
  rendererIndex: string;
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
  let route: MainRoute = 'home';

  return {
    async show(next: MainRoute = 'home'): Promise<BrowserWindow> {
      if (win && !win.isDestroyed()) {
        if (next !== route) {
          route = next;
          await win.loadFile(options.rendererIndex, { hash: HASH[next] });
        }
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
      route = next;
      created.once('ready-to-show', () => {
        bringToFront(created);
        options.onShown?.();
      });
      // 'close' fires while the window still has its bounds; 'closed' after it is gone.
      created.on('close', () => options.saveBounds(created.getNormalBounds()));
      created.on('closed', () => {
        if (win === created) win = null;
      });
      await created.loadFile(options.rendererIndex, { hash: HASH[next] });
      return created;
    },
    current(): BrowserWindow | null {
      return win && !win.isDestroyed() ? win : null;
    },
  };
}

export type MainWindow = ReturnType<typeof createMainWindow>;
