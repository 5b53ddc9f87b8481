import electronLog from 'electron-log/main';
import { createLogger, type Logger } from '../../engine/log/logger';
import { createFileLogWriter } from '../file-log';
import { openSettingsBackend } from '../settings-backend';
import type { SettingsLoadResult } from '../settings-file';
import { createSettingsStore, type SettingsStore } from '../settings-store';

// First phase of start-up: the settings file (checked, and a corrupt one backed up, before
// electron-store opens it) and the rotating log file whose level the settings choose.

export interface SettingsAndLogs {
  settings: SettingsStore;
  /** Set when the settings file was corrupt and defaults were restored. */
  recovered: SettingsLoadResult['recovered'];
  /** Set when settings cannot be saved this run (disk full, folder not writable): the sentence to show. */
  readOnly: string | null;
  fileLog: ReturnType<typeof createFileLogWriter>;
  /** The logger every other part takes a child of. */
  root: Logger;
  /** The composition root's own logger. */
  log: Logger;
}

export function openSettingsAndLogs(userData: string, options: { logToConsole: boolean }): SettingsAndLogs {
  const loaded = openSettingsBackend(userData);
  let log: Logger | null = null;
  const settings = createSettingsStore(loaded.backend, loaded.data, {
    readOnly: loaded.readOnly,
    onWriteError: (what, error) => log?.warn('could not save a setting; kept in memory', { what, error }),
  });

  // Every record is redacted by createLogger before it reaches the file.
  const fileLog = createFileLogWriter(electronLog, settings.get().logLevel, { console: options.logToConsole });
  const root = createLogger(fileLog.write, { level: 'debug', scope: 'ringtray' });
  log = root.child('main');
  if (loaded.readOnly) log.error('settings cannot be saved this run', { error: loaded.failure });
  if (loaded.recovered) log.warn('settings file was corrupt; defaults restored', { backup: loaded.recovered.backupPath, reason: loaded.recovered.reason });
  return { settings, recovered: loaded.recovered, readOnly: loaded.readOnly, fileLog, root, log };
}
