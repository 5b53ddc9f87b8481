import { app } from 'electron';
import type { Logger } from '../../engine/log/logger';
import type { EngineHost } from '../engine-host';
import type { SettingsStore } from '../settings-store';
import type { TrayActions } from '../tray-menu';
import type { AppWindows } from './app-windows';

// Start-up phase: what each tray menu item does.

export function createTrayActions(deps: { host: EngineHost; settings: SettingsStore; windows: AppWindows; log: Logger }): TrayActions {
  const { host, settings, windows, log } = deps;
  const fail = (what: string) => (error: unknown) => log.error(what, { error });
  const signIn = async (): Promise<void> => {
    if (host.isDemo) await host.startAccount();
    await host.engine().signIn();
  };
  return {
    openCallReport: windows.openReport,
    openMainWindow: () => windows.showMain('home'),
    openSettings: () => windows.showMain('settings'),
    setDoNotDisturb: (on) => void settings.update({ doNotDisturb: on }),
    // The engine's status carries the reason a sign-in failed; the window shows it.
    signIn: () => void signIn().catch(() => windows.showMain('settings')),
    cancelSignIn: () => host.engine().cancelSignIn(),
    retry: () => host.engine().retry(),
    signOut: () => void (host.isDemo ? host.startAccount() : host.engine().signOut()).catch(fail('sign-out failed')),
    startDemo: () => void host.startDemo().catch(fail('the demo did not start')),
    setStartAtLogin: (on) => void settings.update({ startAtLogin: on }),
    quit: () => app.quit(),
  };
}
