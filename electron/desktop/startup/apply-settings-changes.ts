import { PUSH } from '../../../shared/ipc/channels';
import type { Logger } from '../../engine/log/logger';
import type { ClientSecretPort } from '../settings-handlers';
import type { EngineHost } from '../engine-host';
import type { createFileLogWriter } from '../file-log';
import type { createLoginItem } from '../login-item';
import { settingsViewOf } from '../settings-handlers';
import type { SettingsStore } from '../settings-store';
import type { Broadcast } from '../window-pushes';

// Start-up phase: a saved setting takes effect at once — provider fields go to the real engine
// (which keeps its sign-in unless they change how to sign in: then it is rebuilt), the line filter goes to the engine, the log level to the file, start-at-login to the
// OS — and every window and the tray see the new settings.

export interface SettingsChangeDeps {
  settings: SettingsStore;
  host: EngineHost;
  secrets: ClientSecretPort;
  fileLog: ReturnType<typeof createFileLogWriter>;
  loginItem: ReturnType<typeof createLoginItem>;
  broadcast: Broadcast;
  refresh: () => void;
  log: Logger;
}

export function applySettingsChanges(deps: SettingsChangeDeps): void {
  const { host, log } = deps;
  deps.settings.onChange((next, _previous, changed) => {
    // Another provider chosen: the old account signs out first. Its own fields changed: rebuild.
    if (changed.includes('activeProvider')) void host.switchProvider();
    else if (changed.includes('providers') && !host.isDemo) void host.applyAccountSettings();
    if (changed.includes('lineFilter')) host.engine().setLineSelection(next.lineFilter);
    if (changed.includes('logLevel')) deps.fileLog.setLevel(next.logLevel);
    if (changed.includes('startAtLogin')) {
      try {
        deps.loginItem.set(next.startAtLogin);
      } catch (error) {
        log.error('could not change start at login', { error });
      }
    }
    void settingsViewOf(next, deps.secrets)
      .then((view) => deps.broadcast(PUSH.settingsChanged, view))
      .catch((error: unknown) => log.error('could not push the settings', { error }));
    deps.refresh();
  });
}
