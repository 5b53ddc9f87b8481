import { app, ipcMain, session, shell } from 'electron';
import { createLogger, jsonLineWriter } from './engine/log/logger';
import { APP_ID, PRODUCT_NAME } from './desktop/app-id';
import { registerAppInfoHandlers } from './desktop/app-info-handlers';
import { resolveAppPaths } from './desktop/app-paths';
import { createExternalLinkOpener, DEFAULT_ALLOWED_HOSTS } from './desktop/external-links';
import { createIpcRouter } from './desktop/ipc/ipc-router';
import { createTrustedSenderCheck } from './desktop/ipc/trusted-sender';
import { createSecureWindow, secureSession } from './desktop/secure-window';

// Composition root: builds the pieces and wires them to Electron's lifecycle. Logic worth
// testing lives in electron/engine (no Electron) and electron/desktop (tested with Electron
// mocked); this file only connects them.

const log = createLogger(jsonLineWriter(process.stderr), { level: 'info', scope: 'main' });
const paths = resolveAppPaths(import.meta.url);

// Windows: toasts only show for an app whose AppUserModelId matches the installer's appId.
app.setAppUserModelId(APP_ID);
app.setName(PRODUCT_NAME);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const openExternalLink = createExternalLinkOpener({
    openExternal: (url) => shell.openExternal(url),
    allowedHosts: () => DEFAULT_ALLOWED_HOSTS,
  });

  let mainWindow: Electron.BrowserWindow | null = null;
  const showMainWindow = async (): Promise<void> => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.show();
      mainWindow.focus();
      return;
    }
    mainWindow = createSecureWindow({
      preloadPath: paths.preload,
      openExternalLink,
      window: { title: PRODUCT_NAME, width: 960, height: 680, minWidth: 560, minHeight: 420 },
    });
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    await mainWindow.loadFile(paths.rendererIndex);
  };

  app.on('second-instance', () => {
    void showMainWindow().catch((error: unknown) => log.error('could not show the window', { error }));
  });

  app.on('window-all-closed', () => {
    // Until the tray exists the window is the only way to reach the app, so closing it quits.
    app.quit();
  });

  void app
    .whenReady()
    .then(async () => {
      secureSession(session.defaultSession);
      const router = createIpcRouter({ ipcMain, isTrustedSender: createTrustedSenderCheck(paths.rendererDir), log });
      registerAppInfoHandlers(router, {
        name: PRODUCT_NAME,
        version: app.getVersion(),
        electronVersion: process.versions.electron ?? null,
        platform: process.platform,
      });
      await showMainWindow();
    })
    .catch((error: unknown) => {
      log.error('start-up failed', { error });
      app.exit(1);
    });
}
