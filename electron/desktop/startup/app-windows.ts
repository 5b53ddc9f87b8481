import { app, screen } from 'electron';
import type { Logger } from '../../engine/log/logger';
import type { resolveAppPaths } from '../app-paths';
import type { createExternalLinkOpener } from '../external-links';
import { createMainWindow, type MainRoute } from '../main-window';
import type { MissedCalls } from '../missed-calls';
import { createReportWindows } from '../report-windows';
import type { SettingsStore } from '../settings-store';

// Start-up phase: the main window and the call-report windows, and the two ways everything
// else opens them. Both wait for app ready, so a call link or toast click that arrives during
// start-up still opens its window.

export interface AppWindowsDeps {
  paths: ReturnType<typeof resolveAppPaths>;
  openExternalLink: ReturnType<typeof createExternalLinkOpener>;
  settings: SettingsStore;
  missed: MissedCalls;
  log: Logger;
}

export function createAppWindows(deps: AppWindowsDeps) {
  const { paths, settings, missed, log } = deps;
  const windowOptions = { preloadPath: paths.preload, openExternalLink: deps.openExternalLink };
  const reportWindows = createReportWindows(windowOptions);
  const mainWindow = createMainWindow({
    ...windowOptions,
    savedBounds: () => settings.mainWindowBounds(),
    saveBounds: (bounds) => settings.saveMainWindowBounds(bounds),
    workAreas: () => screen.getAllDisplays().map((d) => d.workArea),
    onShown: () => missed.acknowledgeAll(),
  });
  const fail = (what: string) => (error: unknown) => log.error(what, { error });

  const openCallReport = async (callId: string): Promise<void> => {
    await app.whenReady();
    missed.acknowledge(callId);
    await reportWindows.open(callId);
  };
  return {
    showMain(route: MainRoute = 'home'): void {
      void app.whenReady().then(() => mainWindow.show(route)).catch(fail('could not show the main window'));
    },
    openCallReport,
    /** Fire-and-forget form for toasts, tray items and call links: a failure is logged. */
    openReport(callId: string): void {
      void openCallReport(callId).catch(fail('could not open a call report'));
    },
  };
}

export type AppWindows = ReturnType<typeof createAppWindows>;
