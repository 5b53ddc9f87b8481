import path from 'node:path';
import { PUSH } from '../../../shared/ipc/channels';
import type { Logger } from '../../engine/log/logger';
import { createCallNotifications, type CallNotifications } from '../call-notifications';
import type { EngineHost } from '../engine-host';
import type { SettingsStore } from '../settings-store';
import type { Broadcast } from '../window-pushes';
import type { AppStatus } from './app-status';

// Start-up phase: what happens when the engine reports something. A status change refreshes
// the tray and windows; a call notice counts a missed call, shows a toast, and is pushed to
// every window.

export interface EngineEventDeps {
  host: EngineHost;
  settings: SettingsStore;
  status: AppStatus;
  broadcast: Broadcast;
  openReport: (callId: string) => void;
  assetsDir: string;
  log: Logger;
}

export function forwardEngineEvents(deps: EngineEventDeps): CallNotifications {
  const { host, settings, status, broadcast } = deps;
  const notifications = createCallNotifications({
    platform: process.platform,
    preferences: () => ({ doNotDisturb: settings.get().doNotDisturb, silent: !settings.get().notificationSound, demo: host.isDemo }),
    openCallReport: deps.openReport,
    log: deps.log.child('toasts'),
    icon: path.join(deps.assetsDir, 'icon.png'),
    onFailed: () => status.toastHealth.failed(),
    onShown: () => status.toastHealth.shown(),
  });

  host.onStatus(() => status.refresh());
  host.onNotice((notice) => {
    if (notice.type === 'missed') status.missed.add(notice.callId);
    notifications.handle(notice);
    broadcast(PUSH.callNotice, notice);
    status.refresh();
  });
  return notifications;
}
