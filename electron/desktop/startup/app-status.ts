import { PUSH } from '../../../shared/ipc/channels';
import type { Logger } from '../../engine/log/logger';
import type { EngineHost } from '../engine-host';
import { createMissedCalls } from '../missed-calls';
import type { SettingsStore } from '../settings-store';
import { createToastHealth } from '../toast-health';
import type { TrayController } from '../tray';
import type { TrayView } from '../tray-state';
import { statusView, type Broadcast } from '../window-pushes';

// Start-up phase: what the tray and the windows show about the app — engine state, missed
// calls, recent calls, toasts the OS refuses — and one refresh that pushes it to both. The tray arrives later (it
// needs app ready), so refreshes before then update only the windows.

export function createAppStatus(deps: { host: EngineHost; settings: SettingsStore; broadcast: Broadcast; log: Logger }) {
  const { host, settings, broadcast, log } = deps;
  let tray: TrayController | null = null;
  const missed = createMissedCalls(() => refresh());
  const toastHealth = createToastHealth({ platform: process.platform, onChange: () => refresh() });

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
      toastProblem: toastHealth.problem,
    };
  };

  function refresh(): void {
    tray?.update(trayView());
    broadcast(PUSH.statusChanged, statusView(host.status(), missed.count, toastHealth.problem));
  }

  return {
    missed,
    toastHealth,
    refresh,
    trayView,
    attachTray(next: TrayController): void {
      tray = next;
    },
    destroyTray(): void {
      tray?.destroy();
    },
  };
}

export type AppStatus = ReturnType<typeof createAppStatus>;
