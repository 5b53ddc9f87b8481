import { app, BaseWindow, BrowserWindow, Menu, net, Notification, powerMonitor, protocol, session, shell } from 'electron';
import { appHelp, wantsHelp } from './desktop/app-help';
import { appUserModelId, PRODUCT_NAME } from './desktop/app-id';
import { applicationMenuTemplate } from './desktop/app-menu';
import { resolveAppPaths } from './desktop/app-paths';
import { registerAppSchemePrivileges, serveAppScheme } from './desktop/app-scheme';
import { parseCallLink } from './desktop/call-link';
import { installCallLinkRouting } from './desktop/call-link-routing';
import { confirmLinkHost } from './desktop/confirm-link-host';
import { askableExternalHosts } from './desktop/crm-links';
import { createExternalLinkOpener, DEFAULT_ALLOWED_HOSTS } from './desktop/external-links';
import { createLoginItem, HIDDEN_ARG } from './desktop/login-item';
import { watchPowerAndNetwork } from './desktop/power-events';
import { installQuitCleanup } from './desktop/quit-cleanup';
import { installProcessGuards } from './engine/log/process-guards';
import { secureSession } from './desktop/secure-window';
import { watchSessionEnd } from './desktop/session-end';
import { applySmokeUserData, installSmokeHooks, smokeHooksEnabled } from './desktop/smoke-hooks';
import { applySettingsChanges } from './desktop/startup/apply-settings-changes';
import { createAppStatus } from './desktop/startup/app-status';
import { createAppWindows } from './desktop/startup/app-windows';
import { createEngines } from './desktop/startup/create-engines';
import { firstWindow, showMainOnActivate } from './desktop/startup/first-window';
import { forwardEngineEvents } from './desktop/startup/forward-engine-events';
import { openSettingsAndLogs } from './desktop/startup/open-settings-and-logs';
import { registerIpcHandlers } from './desktop/startup/register-ipc-handlers';
import { installSystemNetwork } from './desktop/startup/install-network';
import { createTrayActions } from './desktop/startup/tray-actions';
import { createTrayController } from './desktop/tray';
import { createWindowPushes } from './desktop/window-pushes';
import { autostartDir } from './desktop/xdg-autostart';

// Composition root: builds the pieces and wires them to Electron's lifecycle. Logic worth
// testing lives in electron/engine (no Electron) and electron/desktop (tested with Electron
// mocked); each start-up phase is a named function in electron/desktop/startup/, and this file
// only runs them in order.
//
// Flags: --demo runs against the chosen provider's sandbox (npm run demo); --hidden (start at login)
// starts in the tray without opening a window.

const paths = resolveAppPaths(import.meta.url);
const demoLaunch = process.argv.includes('--demo');
const hiddenLaunch = process.argv.includes(HIDDEN_ARG);
// Test-only (npm run smoke), and never in a packaged app: see desktop/smoke-hooks.ts.
const smokeEnabled = smokeHooksEnabled(process.env, app.isPackaged);

// Windows: toasts only show for an app whose AppUserModelId has a Start-menu shortcut.
app.setAppUserModelId(appUserModelId(app.isPackaged, process.execPath));
app.setName(PRODUCT_NAME);
// The renderer's own origin, ringtray-app://ui (desktop/app-scheme.ts); Electron takes scheme
// privileges only before 'ready'.
registerAppSchemePrivileges(protocol);
if (smokeEnabled) applySmokeUserData(app, process.env);

if (wantsHelp(process.argv)) {
  process.stdout.write(appHelp());
  app.exit(0);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  const { settings, recovered, readOnly, fileLog, root, log } = openSettingsAndLogs(app.getPath('userData'), { logToConsole: !app.isPackaged });
  // Quitting runs the quit cleanup (engine stopped within its timeout) before the process ends.
  installProcessGuards(log, (code) => {
    process.exitCode = code;
    app.quit();
  });
  const openExternalLink = createExternalLinkOpener({
    openExternal: (url) => shell.openExternal(url),
    allowedHosts: () => DEFAULT_ALLOWED_HOSTS,
    askHosts: () => askableExternalHosts(settings.get().crmUrlTemplate),
    approvals: settings.approvedLinkHosts,
    confirmHost: confirmLinkHost,
  });
  let smoke: ReturnType<typeof installSmokeHooks> | null = null;
  const { host, secrets, store } = createEngines({
    settings,
    root,
    log,
    env: process.env,
    openUrl: (url) => shell.openExternal(url),
    onDemoEngineStopped: (backend) => {
      if (backend.stats) smoke?.engineStopped({ stats: backend.stats });
    },
  });
  const broadcast = createWindowPushes(
    () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    (error) => log.error('a push to a window failed', { error }),
  );
  const status = createAppStatus({ host, settings, broadcast, log });
  const windows = createAppWindows({ paths, openExternalLink, settings, missed: status.missed, log });
  const notifications = forwardEngineEvents({ host, settings, status, broadcast, openReport: windows.openReport, assetsDir: paths.assetsDir, log });
  if (smokeEnabled) {
    smoke = installSmokeHooks({ app, env: process.env, liveToast: (callId) => notifications.liveToast(callId) });
    host.onNotice((notice) => {
      if (notice.type === 'ringing') smoke?.toastRequested(notice.callId);
    });
  }
  const loginItem = createLoginItem({
    platform: process.platform,
    app,
    autostartDir: autostartDir(),
    exec: process.env.APPIMAGE ?? process.execPath,
  });
  applySettingsChanges({ settings, host, secrets, fileLog, loginItem, broadcast, refresh: status.refresh, log });
  const trayActions = createTrayActions({ host, settings, windows, log });
  const routing = installCallLinkRouting({
    app,
    platform: process.platform,
    defaultApp: process.defaultApp ?? false,
    isPackaged: app.isPackaged,
    appImage: Boolean(process.env.APPIMAGE),
    argv: process.argv,
    execPath: process.execPath,
    openCallReport: windows.openReport,
    showMainWindow: () => windows.showMain('home'),
    log,
  });

  // The tray is how the app is reached: closing the last window must not quit it.
  app.on('window-all-closed', () => undefined);
  showMainOnActivate(app, () => windows.showMain('home'));

  let stopWatching: () => void = () => undefined;
  let stopSessionWatch: () => void = () => undefined;
  installQuitCleanup({
    app,
    timeoutMs: 4_000,
    log,
    cleanup: async () => {
      stopWatching();
      stopSessionWatch();
      notifications.closeAll();
      await host.stop();
      status.destroyTray();
    },
  });

  const goLive = async (): Promise<void> => {
    // Before any window can load a page.
    serveAppScheme(protocol, paths.rendererDir);
    secureSession(session.defaultSession);
    const menu = applicationMenuTemplate({ platform: process.platform, packaged: app.isPackaged });
    Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
    // The system's proxy, trust store and proxy credentials for every request and socket.
    const network = installSystemNetwork({ store, preloadPath: paths.preload, openExternalLink, retryNow: () => host.engine().online(), log: log.child('network') });
    registerIpcHandlers({ host, settings, secrets, missed: status.missed, toastProblem: () => status.toastHealth.problem, windows, openExternalLink, proxySignIn: network.signInWindows, log });

    status.attachTray(createTrayController({ assetsDir: paths.assetsDir, platform: process.platform, actions: trayActions }, status.trayView()));
    // A tray app has no Dock icon on macOS; the tray now exists to reach it.
    app.dock?.hide();

    // Windows: Electron 45's Notification.handleActivation delivers toast activations even when
    // the Notification object is gone or the app was cold-started (electron.d.ts). Ringtray's
    // toasts carry a ringtray:// launch link, so a click can also arrive as a protocol
    // activation; opening a report is idempotent, so both paths may fire.
    if (process.platform === 'win32') {
      Notification.handleActivation((details) => {
        const callId = parseCallLink(details.arguments);
        if (callId) windows.openReport(callId);
      });
    }

    stopWatching = watchPowerAndNetwork({
      powerMonitor,
      isOnline: () => net.isOnline(),
      onResume: () => host.engine().resume(),
      onOnline: () => host.engine().online(),
      onUnlock: () => host.engine().retry(),
    });
    // Log-off and shutdown skip 'before-quit'; this asks for the same quit and its cleanup.
    stopSessionWatch = watchSessionEnd({
      platform: process.platform,
      // Windows only: an invisible native window (no web page) to receive WM_ENDSESSION.
      createWatcherWindow: () => new BaseWindow({ show: false, skipTaskbar: true, focusable: false, width: 1, height: 1 }),
      powerMonitor,
      onSessionEnd: (reasons) => {
        log.info('the session is ending; quitting', { reasons });
        app.quit();
      },
    });

    if (!process.defaultApp) loginItem.set(settings.get().startAtLogin);
    if (recovered) showOnce('Ringtray settings were reset', recovered.message);
    if (readOnly) showOnce('Ringtray cannot save settings', readOnly);

    await (demoLaunch ? host.startDemo() : host.startAccount());

    const first = firstWindow({ initialCallId: routing.initialCallId, hidden: hiddenLaunch });
    if (first?.kind === 'report') windows.openReport(first.callId);
    else if (first?.kind === 'main') windows.showMain('home');
  };

  void app
    .whenReady()
    .then(goLive)
    .catch((error: unknown) => {
      log.error('start-up failed', { error });
      app.exit(1);
    });
}

// Kept referenced until closed, or the toast's click would be lost to the garbage collector.
let notice: Notification | null = null;
function showOnce(title: string, message: string): void {
  if (!Notification.isSupported()) return;
  notice = new Notification({ title, body: message });
  notice.on('close', () => (notice = null));
  notice.show();
}
