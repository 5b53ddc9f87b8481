import path from 'node:path';
import { app, BrowserWindow, ipcMain, net, Notification, powerMonitor, screen, session, shell } from 'electron';
import electronLog from 'electron-log/main';
import Store from 'electron-store';
import { PUSH } from '../shared/ipc/channels';
import { createDemoEngine, createGotoEngine } from './engine/engine-factory';
import { createLogger, type Logger } from './engine/log/logger';
import { createMemorySecretStore } from './engine/secrets/memory-secret-store';
import { createSecretStore } from './engine/secrets/create-secret-store';
import type { SecretStore } from './engine/secrets/secret-store';
import { registerAccountHandlers } from './desktop/account-handlers';
import { APP_HELP, wantsHelp } from './desktop/app-help';
import { APP_ID, PRODUCT_NAME } from './desktop/app-id';
import { registerAppInfoHandlers } from './desktop/app-info-handlers';
import { resolveAppPaths } from './desktop/app-paths';
import { registerCallHandlers } from './desktop/call-handlers';
import { parseCallLink } from './desktop/call-link';
import { installCallLinkRouting } from './desktop/call-link-routing';
import { createCallNotifications } from './desktop/call-notifications';
import { createClientSecretPort, type SecretCapableEngine } from './desktop/client-secret-port';
import { allowedExternalHosts } from './desktop/crm-links';
import { createEngineHost } from './desktop/engine-host';
import { createExternalLinkOpener } from './desktop/external-links';
import { createFileLogWriter } from './desktop/file-log';
import { createIpcRouter } from './desktop/ipc/ipc-router';
import { createTrustedSenderCheck } from './desktop/ipc/trusted-sender';
import { lineSelectionFor } from './desktop/line-selection';
import { createLoginItem, HIDDEN_ARG } from './desktop/login-item';
import { createMainWindow } from './desktop/main-window';
import { createMissedCalls } from './desktop/missed-calls';
import { watchPowerAndNetwork } from './desktop/power-events';
import { installQuitCleanup } from './desktop/quit-cleanup';
import { createReportWindows } from './desktop/report-windows';
import { secureSession } from './desktop/secure-window';
import { loadSettingsFile, SETTINGS_FILE_NAME } from './desktop/settings-file';
import { registerSettingsHandlers, settingsViewOf } from './desktop/settings-handlers';
import { createSettingsStore } from './desktop/settings-store';
import { createTrayController, type TrayController } from './desktop/tray';
import type { TrayActions } from './desktop/tray-menu';
import type { TrayView } from './desktop/tray-state';
import { createWindowPushes, statusView } from './desktop/window-pushes';
import { autostartDir } from './desktop/xdg-autostart';

// Composition root: builds the pieces and wires them to Electron's lifecycle. Logic worth
// testing lives in electron/engine (no Electron) and electron/desktop (tested with Electron
// mocked); this file only connects them.
//
// Flags: --demo runs against the embedded GoTo sandbox (npm run demo); --hidden (start at login)
// starts in the tray without opening a window.

const paths = resolveAppPaths(import.meta.url);
const demoLaunch = process.argv.includes('--demo');
const hiddenLaunch = process.argv.includes(HIDDEN_ARG);

// Windows: toasts only show for an app whose AppUserModelId matches the installer's appId.
app.setAppUserModelId(APP_ID);
app.setName(PRODUCT_NAME);

if (wantsHelp(process.argv)) {
  process.stdout.write(APP_HELP);
  app.exit(0);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  // Settings: checked (and a corrupt file backed up) before electron-store opens the file.
  const userData = app.getPath('userData');
  const loaded = loadSettingsFile(userData);
  const backend = new Store<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, cwd: userData, clearInvalidConfig: false });
  backend.set('settings', loaded.data.settings);
  backend.set('windowBounds', loaded.data.windowBounds);
  backend.set('rememberedUser', loaded.data.rememberedUser);
  const settings = createSettingsStore(backend, loaded.data);

  // Logs: a rotating file; every record is redacted by createLogger before it gets there.
  const fileLog = createFileLogWriter(electronLog, settings.get().logLevel, { console: !app.isPackaged });
  const root = createLogger(fileLog.write, { level: 'debug', scope: 'ringtray' });
  const log = root.child('main');
  if (loaded.recovered) log.warn('settings file was corrupt; defaults restored', { backup: loaded.recovered.backupPath, reason: loaded.recovered.reason });

  const openExternalLink = createExternalLinkOpener({
    openExternal: (url) => shell.openExternal(url),
    allowedHosts: () => allowedExternalHosts(settings.get().crmUrlTemplate),
  });

  const secretStore = openSecretStore(log);
  const host = createEngineHost({
    createGoto: () =>
      createGotoEngine({
        goto: settings.get().goto,
        lineSelection: lineSelectionFor(settings.get().lineFilter),
        // One store shared with Settings → client secret, so a secret kept in memory (no
        // keychain) is the one the engine reads.
        store: secretStore,
        rememberedUser: settings.rememberedUser,
        // The engine builds the authorize URL itself; the system browser opens it (RFC 8252).
        openUrl: (url) => shell.openExternal(url),
        log: root.child('engine'),
        env: process.env,
      }),
    createDemo: () => createDemoEngine({ log: root.child('demo'), lineSelection: lineSelectionFor(settings.get().lineFilter) }),
    log: log.child('engine-host'),
  });
  const secrets = createClientSecretPort({
    store: secretStore,
    engine: () => host.engine() as SecretCapableEngine,
    envSecret: () => process.env.RINGTRAY_GOTO_CLIENT_SECRET,
  });

  const broadcast = createWindowPushes(
    () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    (error) => log.error('a push to a window failed', { error }),
  );

  let tray: TrayController | null = null;
  const missed = createMissedCalls(() => refresh());
  const refresh = (): void => {
    tray?.update(trayView());
    broadcast(PUSH.statusChanged, statusView(host.status(), missed.count));
  };
  const trayView = (): TrayView => {
    const status = host.status();
    const current = settings.get();
    let recentCalls: TrayView['recentCalls'] = [];
    try {
      recentCalls = host.engine().history();
    } catch (error) {
      log.warn('could not read the call history for the tray', { error });
    }
    return {
      state: status.state,
      message: status.message,
      demo: status.demo,
      missedCount: missed.count,
      doNotDisturb: current.doNotDisturb,
      startAtLogin: current.startAtLogin,
      recentCalls,
    };
  };

  const windowOptions = { preloadPath: paths.preload, rendererIndex: paths.rendererIndex, openExternalLink };
  const reportWindows = createReportWindows(windowOptions);
  const mainWindow = createMainWindow({
    ...windowOptions,
    savedBounds: () => settings.mainWindowBounds(),
    saveBounds: (bounds) => settings.saveMainWindowBounds(bounds),
    workAreas: () => screen.getAllDisplays().map((d) => d.workArea),
    onShown: () => missed.acknowledgeAll(),
  });
  const fail = (what: string) => (error: unknown) => log.error(what, { error });
  const showMain = (route: 'home' | 'settings' = 'home'): void => {
    void app.whenReady().then(() => mainWindow.show(route)).catch(fail('could not show the main window'));
  };
  const openCallReport = async (callId: string): Promise<void> => {
    await app.whenReady();
    missed.acknowledge(callId);
    await reportWindows.open(callId);
  };
  const openReport = (callId: string): void => {
    void openCallReport(callId).catch(fail('could not open a call report'));
  };

  const notifications = createCallNotifications({
    platform: process.platform,
    preferences: () => ({ doNotDisturb: settings.get().doNotDisturb, silent: !settings.get().notificationSound, demo: host.isDemo }),
    openCallReport: openReport,
    log: log.child('toasts'),
    icon: path.join(paths.assetsDir, 'icon.png'),
  });

  host.onStatus(() => refresh());
  host.onNotice((notice) => {
    if (notice.type === 'missed') missed.add(notice.callId);
    notifications.handle(notice);
    broadcast(PUSH.callNotice, notice);
    refresh();
  });

  const loginItem = createLoginItem({
    platform: process.platform,
    app,
    autostartDir: autostartDir(),
    exec: process.env.APPIMAGE ?? process.execPath,
  });

  settings.onChange((next, _previous, changed) => {
    if (changed.includes('goto') && !host.isDemo) void host.startGoto();
    if (changed.includes('lineFilter')) host.engine().setLineSelection(lineSelectionFor(next.lineFilter));
    if (changed.includes('logLevel')) fileLog.setLevel(next.logLevel);
    if (changed.includes('startAtLogin')) {
      try {
        loginItem.set(next.startAtLogin);
      } catch (error) {
        log.error('could not change start at login', { error });
      }
    }
    void settingsViewOf(next, secrets)
      .then((view) => broadcast(PUSH.settingsChanged, view))
      .catch(fail('could not push the settings'));
    refresh();
  });

  const signIn = async (): Promise<void> => {
    if (host.isDemo) await host.startGoto();
    await host.engine().signIn();
  };
  const trayActions: TrayActions = {
    openCallReport: openReport,
    openMainWindow: () => showMain('home'),
    openSettings: () => showMain('settings'),
    setDoNotDisturb: (on) => void settings.update({ doNotDisturb: on }),
    // The engine's status carries the reason a sign-in failed; the window shows it.
    signIn: () => void signIn().catch(() => showMain('settings')),
    cancelSignIn: () => host.engine().cancelSignIn(),
    signOut: () => void (host.isDemo ? host.startGoto() : host.engine().signOut()).catch(fail('sign-out failed')),
    startDemo: () => void host.startDemo().catch(fail('the demo did not start')),
    setStartAtLogin: (on) => void settings.update({ startAtLogin: on }),
    quit: () => app.quit(),
  };

  const routing = installCallLinkRouting({
    app,
    defaultApp: process.defaultApp ?? false,
    argv: process.argv,
    execPath: process.execPath,
    openCallReport: openReport,
    showMainWindow: () => showMain('home'),
    log,
  });

  // The tray is how the app is reached: closing the last window must not quit it.
  app.on('window-all-closed', () => undefined);

  let stopWatching: () => void = () => undefined;
  installQuitCleanup({
    app,
    timeoutMs: 4_000,
    log,
    cleanup: async () => {
      stopWatching();
      notifications.closeAll();
      await host.stop();
      tray?.destroy();
    },
  });

  void app
    .whenReady()
    .then(async () => {
      secureSession(session.defaultSession);
      const router = createIpcRouter({ ipcMain, isTrustedSender: createTrustedSenderCheck(paths.rendererDir), log: log.child('ipc') });
      registerAppInfoHandlers(router, {
        name: PRODUCT_NAME,
        version: app.getVersion(),
        electronVersion: process.versions.electron ?? null,
        platform: process.platform,
      });
      registerCallHandlers(router, {
        engine: () => host.engine(),
        missedCount: () => missed.count,
        crmTemplate: () => settings.get().crmUrlTemplate,
        openCallReport,
        openExternalLink,
      });
      registerSettingsHandlers(router, {
        store: settings,
        secrets,
        // Without engine.setClientSecret the engine reads the secret when it (re)starts.
        onSecretChanged: () => {
          if (!host.isDemo && !(host.engine() as SecretCapableEngine).setClientSecret) void host.startGoto();
        },
      });
      registerAccountHandlers(router, {
        engine: () => host.engine(),
        isDemo: () => host.isDemo,
        leaveDemo: () => host.startGoto(),
        startDemo: () => host.startDemo(),
      });

      tray = createTrayController({ assetsDir: paths.assetsDir, platform: process.platform, actions: trayActions }, trayView());
      // A tray app has no Dock icon on macOS; the tray now exists to reach it.
      app.dock?.hide();

      // Windows: Electron 45's Notification.handleActivation delivers toast activations even when
      // the Notification object is gone or the app was cold-started (electron.d.ts). Ringtray's
      // toasts carry a ringtray:// launch link, so a click can also arrive as a protocol
      // activation; opening a report is idempotent, so both paths may fire.
      if (process.platform === 'win32') {
        Notification.handleActivation((details) => {
          const callId = parseCallLink(details.arguments);
          if (callId) openReport(callId);
        });
      }

      stopWatching = watchPowerAndNetwork({
        powerMonitor,
        isOnline: () => net.isOnline(),
        onResume: () => host.engine().resume(),
        onOnline: () => host.engine().online(),
      });

      if (!process.defaultApp) loginItem.set(settings.get().startAtLogin);
      if (loaded.recovered) showOnce(loaded.recovered.message);

      await (demoLaunch ? host.startDemo() : host.startGoto());

      if (routing.initialCallId) openReport(routing.initialCallId);
      else if (!hiddenLaunch && (demoLaunch || !settings.get().goto.clientId)) showMain('home');
    })
    .catch((error: unknown) => {
      log.error('start-up failed', { error });
      app.exit(1);
    });
}

/** The keychain unless RINGTRAY_SECRETS says memory; a bad value falls back to memory, loudly. */
function openSecretStore(log: Logger): SecretStore {
  try {
    return createSecretStore(process.env);
  } catch (error) {
    log.error('RINGTRAY_SECRETS is not valid; secrets stay in memory', { error });
    return createMemorySecretStore();
  }
}

// Kept referenced until closed, or the toast's click would be lost to the garbage collector.
let notice: Notification | null = null;
function showOnce(message: string): void {
  if (!Notification.isSupported()) return;
  notice = new Notification({ title: 'Ringtray settings were reset', body: message });
  notice.on('close', () => (notice = null));
  notice.show();
}
