import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSettingsFile, settingsFilePath, SETTINGS_FILE_NAME } from '../../electron/desktop/settings-file';
import { createSettingsStore } from '../../electron/desktop/settings-store';

// A settings.json written the way an older Ringtray wrote it, the real loader, and the real file
// writer: electron-store is a thin Electron wrapper around `conf`, which reads and writes the file;
// electron-store itself needs the Electron binary (not on these machines), so `conf` is used with
// the same name and folder electron-store passes it.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ringtray-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What the first start-up phase does (startup/open-settings-and-logs.ts), minus the log file. */
function startUp() {
  const loaded = loadSettingsFile(dir);
  const backend = new Conf<Record<string, unknown>>({ configName: SETTINGS_FILE_NAME, cwd: dir, clearInvalidConfig: false, projectName: 'ringtray', projectVersion: '0.1.0' });
  backend.set('settings', loaded.data.settings);
  backend.set('windowBounds', loaded.data.windowBounds);
  backend.set('rememberedUser', loaded.data.rememberedUser);
  return { loaded, store: createSettingsStore(backend, loaded.data) };
}

const OLD_FILE = {
  settings: {
    goto: { clientId: 'c0ffee-client', redirectUri: 'http://127.0.0.1:12022/app/redirect', accountKey: '4141234567890' },
    lineFilter: { mode: 'chosen', lineIds: ['line-2'] },
    doNotDisturb: true,
    startAtLogin: true,
    notificationSound: false,
    crmUrlTemplate: 'https://crm.example.com/search?phone={number}',
    logLevel: 'debug',
  },
  windowBounds: { main: { x: 40, y: 60, width: 900, height: 700 } },
  rememberedUser: 'ada@example.com',
};

describe('settings from before providers were plug-ins', () => {
  it('move their "goto" block to providers.goto on first start, keep GoTo chosen, and lose nothing', () => {
    writeFileSync(settingsFilePath(dir), JSON.stringify(OLD_FILE, null, '\t'));
    const { loaded, store } = startUp();
    expect(loaded.recovered).toBeNull();

    const onDisk = JSON.parse(readFileSync(settingsFilePath(dir), 'utf8')) as typeof OLD_FILE & { settings: Record<string, unknown> };
    const { goto, ...rest } = OLD_FILE.settings;
    expect(onDisk.settings).toEqual({ ...rest, activeProvider: 'goto', providers: { goto } });
    expect(onDisk.settings).not.toHaveProperty('goto');
    expect(onDisk.windowBounds).toEqual(OLD_FILE.windowBounds);
    expect(onDisk.rememberedUser).toBe('ada@example.com');
    expect(store.get().providers.goto).toEqual(goto);
    expect(store.rememberedUser.get()).toBe('ada@example.com');
  });

  it('start the same way the second time (the migrated file is read as is)', () => {
    writeFileSync(settingsFilePath(dir), JSON.stringify(OLD_FILE));
    startUp();
    const first = readFileSync(settingsFilePath(dir), 'utf8');
    const { loaded } = startUp();
    expect(loaded.recovered).toBeNull();
    expect(readFileSync(settingsFilePath(dir), 'utf8')).toBe(first);
  });

  it('a first start with no file chooses no provider yet (the app asks)', () => {
    const { store } = startUp();
    expect(store.get().activeProvider).toBeNull();
    expect(store.get().providers).toEqual({});
  });
});
