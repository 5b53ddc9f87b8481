import Store from 'electron-store';
import { loadSettingsFile, readSettingsFileOnly, SETTINGS_FILE_NAME, type SettingsLoadResult, type StoredSettings } from './settings-file';
import { whyNotWritten, type KeyValueBackend } from './settings-store';

// Opens the settings file for the app. A disk that is full or a folder that cannot be written
// must not stop Ringtray from starting (a tray app that does not start misses every call): the
// settings that can be read are used, kept in memory, and the store is read-only for this run
// with a sentence saying why (docs/security.md, "Disk full").

export interface OpenedSettings {
  data: StoredSettings;
  recovered: SettingsLoadResult['recovered'];
  backend: KeyValueBackend;
  /** Set when nothing can be written this run: the sentence for the user. */
  readOnly: string | null;
  /** The error that made it read-only (for the log). */
  failure: unknown;
}

export function openSettingsBackend(dir: string, open: (dir: string) => KeyValueBackend = openElectronStore): OpenedSettings {
  let loaded: SettingsLoadResult;
  try {
    loaded = loadSettingsFile(dir);
    const backend = open(dir);
    backend.set('settings', loaded.data.settings);
    backend.set('windowBounds', loaded.data.windowBounds);
    backend.set('rememberedUser', loaded.data.rememberedUser);
    backend.set('approvedLinkHosts', loaded.data.approvedLinkHosts);
    backend.set('providerState', loaded.data.providerState);
    return { data: loaded.data, recovered: loaded.recovered, backend, readOnly: null, failure: null };
  } catch (failure) {
    const values = new Map<string, unknown>();
    return {
      data: readSettingsFileOnly(dir),
      recovered: null,
      backend: { get: (key) => values.get(key), set: (key, value) => void values.set(key, value) },
      readOnly: readOnlyMessage(failure),
      failure,
    };
  }
}

function openElectronStore(dir: string): KeyValueBackend {
  return new Store<Record<string, unknown>>({ name: SETTINGS_FILE_NAME, cwd: dir, clearInvalidConfig: false });
}

function readOnlyMessage(error: unknown): string {
  return `Ringtray cannot save settings because ${whyNotWritten(error)}. It started with the settings it could read; changes cannot be saved until that is fixed and Ringtray is restarted.`;
}
