import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

// Every Ringtray window is made here, so no window can be created with weaker settings
// (Electron security checklist: context isolation, sandbox, no Node integration, CSP,
// no navigation, no new windows, no webviews, no permissions).

export interface SecureWindowOptions {
  preloadPath: string;
  /** Title, size, visibility … anything but webPreferences, which are fixed. */
  window?: Omit<BrowserWindowConstructorOptions, 'webPreferences'>;
  /** Opens an allowed external link (https only) instead of navigating the window to it. */
  openExternalLink: (url: string) => Promise<unknown>;
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
} as const;

export function createSecureWindow(options: SecureWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    show: false,
    ...options.window,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadPath },
  });
  guardWebContents(win.webContents, options.openExternalLink);
  return win;
}

/** Denies navigation away from the loaded page, new windows and webviews. */
function guardWebContents(contents: WebContents, openExternalLink: (url: string) => Promise<unknown>): void {
  contents.setWindowOpenHandler(({ url }) => {
    // A link with target=_blank: never a new Electron window; maybe the system browser.
    void openExternalLink(url).catch(() => undefined);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    // The app's pages are single-page: any navigation is a link click or an injected redirect.
    event.preventDefault();
    void openExternalLink(url).catch(() => undefined);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * Session-wide guards, installed once: the CSP header on every response (the ringtray-app://
 * handler sets it on its own responses too, and the renderer's <meta> tag repeats it, so no load
 * path is left without it) and no permission ever granted (camera, microphone, notifications from
 * the page, geolocation …).
 */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
