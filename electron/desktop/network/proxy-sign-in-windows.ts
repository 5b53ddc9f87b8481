import type { BrowserWindow } from 'electron';
import { proxyLabel, type ProxyCredentials } from '../../engine/net/network-port';
import { PRODUCT_NAME } from '../app-id';
import { appPageUrl } from '../app-scheme';
import { bringToFront } from '../report-windows';
import { createSecureWindow } from '../secure-window';

// The small window that asks for a proxy's user name and password (docs/network.md#desktop):
// one per proxy at a time, the app's own page at `#/proxy-sign-in/<host:port>[/refused]`. Its
// answer comes back over IPC; closing the window is a cancel.

export interface ProxySignInWindowsOptions {
  preloadPath: string;
  openExternalLink: (url: string) => Promise<unknown>;
}

export function createProxySignInWindows(options: ProxySignInWindowsOptions) {
  const pending = new Map<string, { win: BrowserWindow; answer: Promise<ProxyCredentials | null>; settle: (c: ProxyCredentials | null) => void }>();

  return {
    ask(proxy: URL, refused: boolean): Promise<ProxyCredentials | null> {
      const label = proxyLabel(proxy);
      const open = pending.get(label);
      if (open && !open.win.isDestroyed()) {
        bringToFront(open.win);
        return open.answer;
      }
      const win = createSecureWindow({
        preloadPath: options.preloadPath,
        openExternalLink: options.openExternalLink,
        window: { title: `Proxy sign-in \u2014 ${PRODUCT_NAME}`, width: 440, height: 360, resizable: false, minimizable: false, maximizable: false },
      });
      let settle: (c: ProxyCredentials | null) => void = () => undefined;
      const answer = new Promise<ProxyCredentials | null>((resolve) => {
        settle = (credentials) => {
          if (pending.get(label)?.win === win) pending.delete(label);
          resolve(credentials);
        };
      });
      pending.set(label, { win, answer, settle });
      win.once('ready-to-show', () => bringToFront(win));
      win.on('closed', () => settle(null));
      void win.loadURL(appPageUrl(`/proxy-sign-in/${encodeURIComponent(label)}${refused ? '/refused' : ''}`)).catch(() => settle(null));
      return answer;
    },

    /** The window's answer; false when no window asks about that proxy. */
    answer(label: string, credentials: ProxyCredentials | null): boolean {
      const open = pending.get(label);
      if (!open) return false;
      open.settle(credentials);
      if (!open.win.isDestroyed()) open.win.close();
      return true;
    },
  };
}

export type ProxySignInWindows = ReturnType<typeof createProxySignInWindows>;
