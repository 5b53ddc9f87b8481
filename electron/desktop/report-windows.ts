import type { BrowserWindow } from 'electron';
import { PRODUCT_NAME } from './app-id';
import { appPageUrl } from './app-scheme';
import { createSecureWindow } from './secure-window';

// One call report window per call: opening a call that already has a window brings that window
// to the front instead of making another. The renderer reads the call id from the hash route
// `#/report/<encodeURIComponent(callId)>`.
// At most MAX_REPORT_WINDOWS are open: a flood of opens (toast clicks, ringtray:// links, which any
// program or web page can fire) closes the least recently used instead of piling up renderers.

export const MAX_REPORT_WINDOWS = 6;

export interface ReportWindowsOptions {
  preloadPath: string;
  openExternalLink: (url: string) => Promise<unknown>;
}

function reportRoute(callId: string): string {
  return `/report/${encodeURIComponent(callId)}`;
}

export function bringToFront(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

export function createReportWindows(options: ReportWindowsOptions) {
  const windows = new Map<string, BrowserWindow>();

  return {
    async open(callId: string): Promise<BrowserWindow> {
      const existing = windows.get(callId);
      if (existing && !existing.isDestroyed()) {
        // Most recently used last in the Map's order.
        windows.delete(callId);
        windows.set(callId, existing);
        bringToFront(existing);
        return existing;
      }
      while (windows.size >= MAX_REPORT_WINDOWS) {
        const [oldestId, oldest] = windows.entries().next().value as [string, BrowserWindow];
        windows.delete(oldestId);
        if (!oldest.isDestroyed()) oldest.close();
      }
      const win = createSecureWindow({
        preloadPath: options.preloadPath,
        openExternalLink: options.openExternalLink,
        window: { title: `Call report \u2014 ${PRODUCT_NAME}`, width: 720, height: 760, minWidth: 420, minHeight: 360 },
      });
      windows.set(callId, win);
      win.once('ready-to-show', () => bringToFront(win));
      win.on('closed', () => {
        if (windows.get(callId) === win) windows.delete(callId);
      });
      await win.loadURL(appPageUrl(reportRoute(callId)));
      return win;
    },
    windowFor(callId: string): BrowserWindow | undefined {
      return windows.get(callId);
    },
    get count(): number {
      return windows.size;
    },
  };
}
