// No Electron here (the loader runs before electron-store opens the file): real files in a temp
// dir. The desktop adapters that do need Electron are tested with it mocked elsewhere; this
// machine cannot run the Electron binary (docs/testing.md).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { DEFAULT_STORED_SETTINGS, loadSettingsFile, settingsFilePath, storedSettingsSchema } from '../../electron/desktop/settings-file';
import { createSettingsStore } from '../../electron/desktop/settings-store';
import { restorableBounds } from '../../electron/desktop/window-bounds';

let dir: string;
const now = () => new Date('2025-03-04T05:06:07.089Z');
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ringtray-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (text: string) => writeFileSync(settingsFilePath(dir), text);
const readJson = () => JSON.parse(readFileSync(settingsFilePath(dir), 'utf8')) as unknown;

describe('settings file loader', () => {
  it('no file yet: defaults, nothing written, nothing to report', () => {
    expect(loadSettingsFile(dir, { now })).toEqual({ data: DEFAULT_STORED_SETTINGS, recovered: null });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a valid file is read as is', () => {
    const data = { settings: { ...DEFAULT_SETTINGS, doNotDisturb: true }, windowBounds: { main: { x: 10, y: 20, width: 900, height: 700 } }, rememberedUser: 'ada@example.com', approvedLinkHosts: ['crm.example.com'], providerState: { dialpad: { websocketId: '4000000000000001' } } };
    write(JSON.stringify(data));
    expect(loadSettingsFile(dir, { now })).toEqual({ data, recovered: null });
  });

  it('a file from an older version (missing settings) is completed from the defaults, not called corrupt', () => {
    write(JSON.stringify({ settings: { doNotDisturb: true, goto: { clientId: 'abc' } } }));
    const { data, recovered } = loadSettingsFile(dir, { now });
    expect(recovered).toBeNull();
    // The old top-level "goto" block moves under providers, and GoTo stays the chosen provider.
    expect(data.settings).toEqual({ ...DEFAULT_SETTINGS, doNotDisturb: true, activeProvider: 'goto', providers: { goto: { clientId: 'abc' } } });
  });

  it('invalid JSON: backed up as settings.json.corrupt-<timestamp>, replaced with defaults, with a message', () => {
    write('{"settings": {"doNotDisturb": tru');
    const { data, recovered } = loadSettingsFile(dir, { now });
    expect(data).toEqual(DEFAULT_STORED_SETTINGS);
    expect(recovered?.reason).toMatch(/not valid JSON/);
    expect(recovered?.message).toBe(
      'Ringtray could not read its settings file, so it started with default settings. The old file was kept as settings.json.corrupt-2025-03-04T05-06-07-089Z.',
    );
    expect(readdirSync(dir).sort()).toEqual(['settings.json', 'settings.json.corrupt-2025-03-04T05-06-07-089Z']);
    expect(readFileSync(recovered!.backupPath, 'utf8')).toBe('{"settings": {"doNotDisturb": tru');
    expect(readJson()).toEqual(DEFAULT_STORED_SETTINGS);
  });

  it('a file that fails the schema is backed up too, and the reason names the field', () => {
    write(JSON.stringify({ settings: { ...DEFAULT_SETTINGS, crmUrlTemplate: 'javascript:alert(1)', logLevel: 'loud' } }));
    const { data, recovered } = loadSettingsFile(dir, { now });
    expect(data).toEqual(DEFAULT_STORED_SETTINGS);
    expect(recovered?.reason).toMatch(/settings\.crmUrlTemplate/);
    expect(recovered?.reason).toMatch(/settings\.logLevel/);
    expect(readJson()).toEqual(DEFAULT_STORED_SETTINGS);
  });

  it('JSON that is not an object (null, an array) is corrupt as well', () => {
    for (const text of ['null', '[1,2]', '"text"']) {
      write(text);
      expect(loadSettingsFile(dir, { now: () => new Date() }).recovered).not.toBeNull();
    }
  });
});

describe('settings store', () => {
  it('announces changes with the keys that changed, and ignores a patch that changes nothing', () => {
    const saved = new Map<string, unknown>();
    const store = createSettingsStore({ get: (k) => saved.get(k), set: (k, v) => saved.set(k, v) }, DEFAULT_STORED_SETTINGS);
    const seen: unknown[] = [];
    store.onChange((_next, _prev, changed) => seen.push(changed));
    store.update({ doNotDisturb: false });
    store.update({ doNotDisturb: true, lineFilter: { mode: 'chosen', lineIds: ['l1'] } });
    expect(seen).toEqual([['lineFilter', 'doNotDisturb']]);
  });

  it('remembers the signed-in user (not a secret) for the engine', () => {
    const saved = new Map<string, unknown>();
    const store = createSettingsStore({ get: (k) => saved.get(k), set: (k, v) => saved.set(k, v) }, DEFAULT_STORED_SETTINGS);
    expect(store.rememberedUser.get()).toBeNull();
    store.rememberedUser.set('ada@example.com');
    expect(store.rememberedUser.get()).toBe('ada@example.com');
    expect(saved.get('rememberedUser')).toBe('ada@example.com');
  });

  it('keeps each provider’s state (ids it made at the provider, no secrets) for the next start', () => {
    const saved = new Map<string, unknown>();
    const store = createSettingsStore({ get: (k) => saved.get(k), set: (k, v) => saved.set(k, v) }, DEFAULT_STORED_SETTINGS);
    const dialpad = store.providerState('dialpad');
    dialpad.set('websocketId', '4000000000000001');
    dialpad.set('subscriptionId', '4000000000000002');
    dialpad.set('subscriptionId', null);
    expect(saved.get('providerState')).toEqual({ dialpad: { websocketId: '4000000000000001' } });
    const next = createSettingsStore({ get: (k) => saved.get(k), set: (k, v) => saved.set(k, v) }, storedSettingsSchema.parse({ settings: DEFAULT_STORED_SETTINGS.settings, providerState: saved.get('providerState') }));
    expect(next.providerState('dialpad').get('websocketId')).toBe('4000000000000001');
    expect(next.providerState('goto').get('websocketId')).toBeNull();
  });

  it('saves the main window bounds; they are restored only while still on a display', () => {
    const saved = new Map<string, unknown>();
    const store = createSettingsStore({ get: (k) => saved.get(k), set: (k, v) => saved.set(k, v) }, DEFAULT_STORED_SETTINGS);
    store.saveMainWindowBounds({ x: 1930.4, y: 100, width: 900, height: 700 });
    expect(saved.get('windowBounds')).toEqual({ main: { x: 1930, y: 100, width: 900, height: 700 } });
    const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
    const external = { x: 1920, y: 0, width: 2560, height: 1440 };
    expect(restorableBounds(store.mainWindowBounds(), [laptop, external])).toEqual({ x: 1930, y: 100, width: 900, height: 700 });
    // The external display was unplugged: open at the default place instead.
    expect(restorableBounds(store.mainWindowBounds(), [laptop])).toBeNull();
    // Only a sliver of the title bar on screen is not enough to grab the window.
    expect(restorableBounds({ x: 1900, y: 100, width: 900, height: 700 }, [laptop])).toBeNull();
    expect(restorableBounds({ x: 1700, y: 100, width: 900, height: 700 }, [laptop])).not.toBeNull();
    expect(restorableBounds({ x: 100, y: -500, width: 900, height: 700 }, [laptop])).toBeNull();
  });
});
