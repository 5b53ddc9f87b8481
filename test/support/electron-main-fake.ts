import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeBrowserWindow, FakeIpc, FakeSession } from './fake-electron';
import { FakeApp, FakeMenuModule, FakeNotification, FakePowerMonitor, FakeProtocol, FakeTray } from './fake-electron-shell';

// Electron faked for tests that start the composition root, electron/main.ts, for real. Only
// Electron itself (no binary on these machines, docs/testing.md) and electron-log (which needs
// Electron's app paths) are stand-ins; everything main.ts builds on them is the product's code.
// One fake per test file (vitest gives each file its own module registry):
//
//   vi.mock('electron', async () => (await import('../support/electron-main-fake')).electronModule());
//   vi.mock('electron-log/main', async () => (await import('../support/electron-main-fake')).electronLogModule());
//   const main = mainFake();
//   await main.start(['--demo']);

export interface MainFake {
  userData: string;
  app: FakeApp & { getPath(): string };
  ipc: FakeIpc;
  protocol: FakeProtocol;
  /** What main.ts set as the app's identity, in order (plain recorders: vitest clears vi.fn calls between tests). */
  identity: string[];
  /** Every URL main handed to the system browser. */
  opened: string[];
  /** Plays the system browser for a URL main opens (e.g. follows an authorize redirect). */
  onOpenExternal: ((url: string) => Promise<void>) | null;
  /** Imports electron/main.ts with these extra arguments and a throwaway config home; returns the handler counts it added. */
  start(extraArgs: string[]): Promise<{ guardsAdded: number }>;
  /** Calls an IPC channel as the app's own page (the frame the main window loaded). */
  invoke(channel: string, payload?: unknown): Promise<{ ok: boolean; value?: Record<string, unknown>; error?: unknown }>;
  /** Puts argv and env back and removes userData. */
  restore(): void;
}

let fake: MainFake | null = null;

export function mainFake(): MainFake {
  fake ??= build();
  return fake;
}

function build(): MainFake {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'ringtray-main-'));
  const identity: string[] = [];
  const opened: string[] = [];
  const app = Object.assign(new FakeApp(), {
    setAppUserModelId: (id: string) => void identity.push(`aumid:${id}`),
    setName: (name: string) => void identity.push(`name:${name}`),
    requestSingleInstanceLock: () => true,
    getPath: () => userData,
    whenReady: () => Promise.resolve(),
    getVersion: () => '0.1.0',
    isPackaged: false,
    dock: undefined,
  });
  const ipc = new FakeIpc();
  const argv = process.argv;
  const env = { ...process.env };
  const self: MainFake = {
    userData,
    app,
    ipc,
    protocol: new FakeProtocol(),
    identity,
    opened,
    onOpenExternal: null,
    async start(extraArgs) {
      process.argv = [...argv, ...extraArgs];
      process.env.RINGTRAY_SECRETS = 'memory';
      process.env.XDG_CONFIG_HOME = path.join(userData, 'config');
      const before = process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException');
      await import('../../electron/main');
      return { guardsAdded: process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException') - before };
    },
    async invoke(channel, payload) {
      const page = FakeBrowserWindow.instances.map((w) => w.loaded).find((url) => url !== null);
      if (page) ipc.senderFrame = { url: page, parent: null };
      return (await ipc.ipcRenderer.invoke(channel, payload)) as Awaited<ReturnType<MainFake['invoke']>>;
    },
    restore() {
      process.argv = argv;
      process.env = env;
      rmSync(userData, { recursive: true, force: true });
    },
  };
  return self;
}

export function electronModule(): Record<string, unknown> {
  const f = mainFake();
  const electron = {
    app: f.app,
    BrowserWindow: FakeBrowserWindow,
    clipboard: { writeText: () => undefined },
    ipcMain: f.ipc.ipcMain,
    net: { isOnline: () => true },
    Notification: FakeNotification,
    powerMonitor: new FakePowerMonitor(),
    protocol: f.protocol,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: new FakeSession() },
    shell: {
      openExternal: async (url: string) => {
        f.opened.push(url);
        await f.onOpenExternal?.(url);
      },
    },
    Tray: FakeTray,
    Menu: FakeMenuModule,
  };
  // electron-store does `import electron from 'electron'`; main.ts uses named imports.
  return { ...electron, default: electron };
}

export function electronLogModule(): Record<string, unknown> {
  const noop = () => undefined;
  return { default: { transports: { file: {}, console: {} }, debug: noop, info: noop, warn: noop, error: noop } };
}
