import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { INVOKE } from '../../shared/ipc/channels';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { loadSettingsFile, storedSettingsSchema } from '../../electron/desktop/settings-file';
import { mainFake } from '../support/electron-main-fake';
import { FakeBrowserWindow } from '../support/fake-electron';
import { FakeMenuModule, FakeTray } from '../support/fake-electron-shell';
import { until } from '../support/until';

// The composition root, electron/main.ts, started for real: only Electron itself (which cannot
// run on these machines) and electron-log (which needs Electron's app paths) are stand-ins
// (test/support/electron-main-fake.ts); electron-store is the real one, writing the real settings
// file in a temp userData folder. Launched with --demo, main.ts starts the real demo engine — the
// embedded GoTo sandbox, a real OAuth loopback sign-in, a real WebSocket — through the real
// desktop wiring: this is the path `npm run demo` takes, up to the point where Electron would draw pixels.

vi.mock('electron', async () => (await import('../support/electron-main-fake')).electronModule());
vi.mock('electron-log/main', async () => (await import('../support/electron-main-fake')).electronLogModule());

const main = mainFake();
const { app, ipc, protocol, identity, userData } = main;
const { guardsAdded } = await main.start(['--demo']);

afterAll(() => main.restore());

const invoke = async (channel: string, payload?: unknown) => (await ipc.ipcRenderer.invoke(channel, payload)) as { ok: boolean; value?: Record<string, unknown>; error?: unknown };

describe('main.ts, started with --demo (Electron faked)', () => {
  it('installs handlers for unhandled rejections and uncaught exceptions', () => {
    expect(guardsAdded).toBe(2);
  });

  it('goes live on the demo: tray, window, and a handler for every IPC channel', async () => {
    await until(() => FakeTray.instances[0]?.tooltip.includes('Live') ?? false, 15_000, 'the tray to say Live');
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0]!.tooltip).toMatch(/^Ringtray \(demo\): Live/);
    // Not packaged: the AppUserModelId is the executable, as Electron advises for development.
    expect(identity).toEqual([`aumid:${process.execPath}`, 'name:Ringtray']);
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
    // The demo opens the main window on the app's own page.
    await until(() => FakeBrowserWindow.instances.some((w) => w.loaded !== null), 15_000, 'the main window');
    expect(FakeBrowserWindow.instances[0]!.loaded).toBe('ringtray-app://ui/index.html#/');
  });

  it('serves the renderer from ringtray-app:// (privileged before ready), with a development menu', async () => {
    expect(protocol.privileged).toEqual([{ scheme: 'ringtray-app', privileges: { standard: true, secure: true, codeCache: true } }]);
    const handler = protocol.handlers.get('ringtray-app');
    expect(handler).toBeDefined();
    // The handler main.ts installed answers; a path outside the renderer folder is refused.
    expect((await handler!(new Request('ringtray-app://ui/..%2f..%2fpackage.json'))).status).toBe(404);
    const menu = FakeMenuModule.applicationMenus.at(-1);
    expect(JSON.stringify(menu)).toContain('toggleDevTools');
  });

  it('answers the renderer through the real IPC handlers', async () => {
    // The renderer's page as the window loaded it: the router trusts only that frame.
    ipc.senderFrame = { url: FakeBrowserWindow.instances[0]!.loaded!, parent: null };
    const status = await invoke(INVOKE.getStatus);
    expect(status).toMatchObject({ ok: true, value: { state: 'live', demo: true } });
    const recent = await invoke(INVOKE.listRecentCalls, { filter: 'all' });
    expect(recent.ok).toBe(true);
    const lines = await invoke(INVOKE.listLines);
    expect(lines).toMatchObject({ ok: true });
    expect((lines.value!.lines as unknown[]).length).toBeGreaterThan(0);
    const bad = await invoke(INVOKE.getCallDetails, { callId: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    ipc.senderFrame = { url: 'https://evil.example/', parent: null };
    expect(await invoke(INVOKE.getStatus)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('macOS activate (the app opened again) shows the main window after it was closed', async () => {
    const before = FakeBrowserWindow.instances.length;
    FakeBrowserWindow.instances[0]!.close();
    app.emit('activate');
    await until(() => FakeBrowserWindow.instances.length === before + 1, 15_000, 'a new main window');
    expect(FakeBrowserWindow.instances.at(-1)!.loaded).toBe('ringtray-app://ui/index.html#/');
  });

  it('keeps the settings in <userData>/settings.json, in the format the next start reads', async () => {
    ipc.senderFrame = { url: FakeBrowserWindow.instances.at(-1)!.loaded!, parent: null };
    const saved = await invoke(INVOKE.updateSettings, { doNotDisturb: true });
    expect(saved).toMatchObject({ ok: true });
    const file = JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(Object.keys(storedSettingsSchema.shape).sort());
    const next = loadSettingsFile(userData);
    expect(next.recovered).toBeNull();
    expect(next.data.settings).toEqual({ ...DEFAULT_SETTINGS, doNotDisturb: true });
  });

  it('quits cleanly: the demo engine stops, the tray goes, then the app is allowed to quit', async () => {
    app.quit();
    // The first quit is held while the engine stops (quit-cleanup.ts), then quit runs again.
    expect(app.calls).toEqual(['quit']);
    await until(() => app.calls.includes('quit:allowed'), 15_000, 'the second quit');
    expect(app.calls.filter((c) => c.startsWith('exit'))).toEqual([]);
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
  });
});
