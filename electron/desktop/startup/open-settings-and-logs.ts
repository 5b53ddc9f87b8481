import electronLog from 'electron-log/main';
import Store from 'electron-store';
import { createLogger, type Logger } from '../../engine/log/logger';
import { createFileLogWriter } from '../file-log';
import { loadSettingsFile, SETTINGS_FILE_NAME, type SettingsLoadResult } from '../settings-file';
import { createSettingsStore, type SettingsStore } from '../settings-store';

// First phase of start-up: the settings file (checked, and a corrupt one backed up, before
// electron-store opens it) and the rotating log file whose level the settings choose.

export interface SettingsAndLogs {
  settings: SettingsStore;
  /** Set when the settings file was corrupt and defaults were restored. */
  recovered: SettingsLoadResult['recovered'];
  fileLog: ReturnType<typeof createFileLogWriter>;
  /** The logger every other part takes a child of. */
  root: Logger;
  /** The composition root's own logger. */
  log: Logger;
}

export function openSettingsAndLogs(userData: string, options: { logToConsole: boolean }): SettingsAndLogs {
  const loaded = loadSettingsFile(userData);
  const backend = new Store<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, cwd: userData, clearInvalidConfig: false });
  backend.set('settings', loaded.data.settings);
  backend.set('windowBounds', loaded.data.windowBounds);
  backend.set('rememberedUser', loaded.data.rememberedUser);
  const settings = createSettingsStore(backend, loaded.data);

  // Every record is redacted by createLogger before it reaches the file.
  const fileLog = createFileLogWriter(electronLog, settings.get().logLevel, { console: options.logToConsole });
  const root = createLogger(fileLog.write, { level: 'debug', scope: 'ringtray' });
  const log = root.child('main');
  if (loaded.recovered) log.warn('settings file was corrupt; defaults restored', { backup: loaded.recovered.backupPath, reason: loaded.recovered.reason });
  return { settings, recovered: loaded.recovered, fileLog, root, log };
}
