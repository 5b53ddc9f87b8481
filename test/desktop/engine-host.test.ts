// Electron cannot run on these machines (docs/testing.md): the engine host has no
// Electron of its own; the main window uses the FakeBrowserWindow from test/support.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/engine/log/logger';
import { createEngineHost } from '../../electron/desktop/engine-host';
import { createFileLogWriter, LOG_FILE_MAX_BYTES, type ElectronLogLike } from '../../electron/desktop/file-log';
import { createLogger } from '../../electron/engine/log/logger';
import { createWindowPushes, statusView } from '../../electron/desktop/window-pushes';
import { FakeBrowserWindow, FakeWebContents } from '../support/fake-electron';
import { notice } from '../support/call-fixtures';
import { FakeEngine } from '../support/fake-engine';

vi.mock('electron', async () => {
  const base = await import('../support/fake-electron');
  return { BrowserWindow: base.FakeBrowserWindow };
});
const { createMainWindow } = await import('../../electron/desktop/main-window');

describe('engine host', () => {
  function setup() {
    const goto: FakeEngine[] = [];
    const demos: Array<{ engine: FakeEngine; closed: number }> = [];
    const host = createEngineHost({
      createAccount: () => {
        const e = new FakeEngine();
        goto.push(e);
        return e;
      },
      createDemo: async () => {
        const d = { engine: new FakeEngine({ state: 'live', demo: true }), closed: 0 };
        demos.push(d);
        return { engine: d.engine, close: async () => void (d.closed += 1) };
      },
      log: silentLogger,
    });
    return { host, goto, demos };
  }

  it('starts the GoTo engine and forwards its status and notices', async () => {
    const { host, goto } = setup();
    const states: string[] = [];
    const notices: string[] = [];
    host.onStatus((s) => states.push(s.state));
    host.onNotice((n) => notices.push(n.type));
    await host.startAccount();
    expect(goto[0]!.calls).toEqual(['start']);
    goto[0]!.setStatus({ state: 'live' });
    goto[0]!.emitNotice(notice('ringing', 'demo-call-1'));
    expect(states).toEqual(['signed-out', 'live']);
    expect(notices).toEqual(['ringing']);
  });

  it('saved provider settings keep the running engine when it takes them, and rebuild it when it does not', async () => {
    const goto: FakeEngine[] = [];
    let takes = true;
    const host = createEngineHost({
      createAccount: () => {
        const e = new FakeEngine();
        goto.push(e);
        return e;
      },
      reconfigureAccount: () => takes,
      createDemo: async () => ({ engine: new FakeEngine(), close: async () => undefined }),
      log: silentLogger,
    });
    await host.startAccount();
    await host.applyAccountSettings();
    expect(goto).toHaveLength(1);
    expect(goto[0]!.calls).toEqual(['start']);
    takes = false;
    await host.applyAccountSettings();
    expect(goto).toHaveLength(2);
    expect(goto[0]!.calls).toEqual(['start', 'stop:3000']);
  });

  it('"Try the demo" stops the real engine first, runs the demo once, and shows demo mode', async () => {
    const { host, goto, demos } = setup();
    await host.startAccount();
    await Promise.all([host.startDemo(), host.startDemo()]);
    expect(goto[0]!.calls).toEqual(['start', 'stop:3000']);
    expect(goto[0]!.listenerCount).toBe(0);
    expect(demos).toHaveLength(1);
    expect(host.isDemo).toBe(true);
    expect(host.status()).toMatchObject({ state: 'live', demo: true });
    // Leaving the demo closes it (engine and sandbox) and builds a fresh GoTo engine.
    await host.startAccount();
    expect(demos[0]!.closed).toBe(1);
    expect(host.isDemo).toBe(false);
    expect(goto).toHaveLength(2);
    // Notices from the old engine no longer reach anyone.
    const seen: string[] = [];
    host.onNotice((n) => seen.push(n.callId));
    demos[0]!.engine.emitNotice(notice('ringing', 'stale'));
    goto[1]!.emitNotice(notice('ringing', 'fresh'));
    expect(seen).toEqual(['fresh']);
  });

  it('an engine that cannot be built leaves the app running with a message', async () => {
    const host = createEngineHost({
      createAccount: () => {
        throw new Error('the account engine: not wired yet');
      },
      createDemo: async () => Promise.reject(new Error('no sandbox')),
      log: silentLogger,
    });
    await host.startAccount();
    expect(host.status()).toMatchObject({ state: 'signed-out', message: expect.stringMatching(/could not start/) });
    await expect(host.engine().signIn()).rejects.toThrow();
    await expect(host.startDemo()).rejects.toThrow('no sandbox');
    expect(host.status().message).toMatch(/demo could not start/);
  });
});

describe('main window', () => {
  beforeEach(() => {
    FakeBrowserWindow.instances.length = 0;
  });

  it('restores saved bounds only when on a display, saves them on close, and reuses the window', async () => {
    let saved: { x: number; y: number; width: number; height: number } | null = { x: 3000, y: 50, width: 1000, height: 700 };
    let shown = 0;
    const main = createMainWindow({
      preloadPath: '/p.cjs',
      openExternalLink: async () => undefined,
      savedBounds: () => saved,
      saveBounds: (b) => (saved = b),
      workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
      onShown: () => (shown += 1),
    });
    const first = (await main.show()) as unknown as FakeBrowserWindow;
    expect(first.options).not.toHaveProperty('x');
    expect(first.loaded).toBe('ringtray-app://ui/index.html#/');
    first.emit('ready-to-show');
    expect(first.visible && first.focused).toBe(true);
    const again = (await main.show('settings')) as unknown as FakeBrowserWindow;
    expect(again).toBe(first);
    expect(first.loaded).toBe('ringtray-app://ui/index.html#/settings');
    expect(shown).toBe(2);
    // The user goes home inside the window; "Settings…" from the tray must switch back, and
    // asking for the page already shown loads nothing.
    first.webContents.url = 'ringtray-app://ui/index.html#/';
    await main.show('settings');
    expect(first.loads.slice(-1)).toEqual(['ringtray-app://ui/index.html#/settings']);
    const loadsBefore = first.loads.length;
    await main.show('settings');
    expect(first.loads).toHaveLength(loadsBefore);
    first.bounds = { x: 100, y: 80, width: 900, height: 650 };
    first.close();
    expect(saved).toEqual({ x: 100, y: 80, width: 900, height: 650 });
    expect(main.current()).toBeNull();
    const second = (await main.show()) as unknown as FakeBrowserWindow;
    expect(second).not.toBe(first);
    expect(second.options).toMatchObject({ x: 100, y: 80, width: 900, height: 650 });
  });
});

describe('pushes to windows', () => {
  it('go to every open window, validated; destroyed windows are skipped', () => {
    const a = new FakeWebContents();
    const b = new FakeWebContents();
    b.destroyed = true;
    const errors: unknown[] = [];
    const broadcast = createWindowPushes(() => [a, b], (e) => errors.push(e));
    const engine = new FakeEngine({ state: 'live', demo: true });
    broadcast('app:status-changed', statusView(engine.status(), 1));
    broadcast('calls:notice', notice('ringing', 'demo-call-1'));
    broadcast('calls:notice', { ...notice('ringing', 'demo-call-1'), type: 'bogus' } as never);
    expect(a.sent.map((s) => s.channel)).toEqual(['app:status-changed', 'calls:notice']);
    expect(a.sent[0]!.payload).toEqual({ state: 'live', message: null, problem: null, at: '2025-01-01T00:00:00.000Z', demo: true, missedCount: 1, toastProblem: null });
    expect(b.sent).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});

describe('log file', () => {
  it('rotates at ~1 MB, writes redacted JSON lines, and follows the level setting', () => {
    const lines: Array<[string, string]> = [];
    const fake: ElectronLogLike = {
      transports: { file: { maxSize: 0, level: 'info', format: '' }, console: { level: 'debug' } },
      log: () => undefined,
      debug: (m: unknown) => void lines.push(['debug', String(m)]),
      info: (m: unknown) => void lines.push(['info', String(m)]),
      warn: (m: unknown) => void lines.push(['warn', String(m)]),
      error: (m: unknown) => void lines.push(['error', String(m)]),
    };
    const file = createFileLogWriter(fake, 'info');
    expect(fake.transports.file.maxSize).toBe(LOG_FILE_MAX_BYTES);
    expect(fake.transports.console.level).toBe(false);
    const log = createLogger(file.write, { level: 'debug', scope: 't' });
    log.debug('hidden at info');
    log.info('token exchange', { headers: { Authorization: 'Bearer abc.def.ghi' } });
    file.setLevel('debug');
    log.debug('now visible');
    expect(lines.map(([level]) => level)).toEqual(['info', 'debug']);
    expect(lines[0]![1]).not.toContain('abc.def.ghi');
    expect(JSON.parse(lines[0]![1])).toMatchObject({ level: 'info', scope: 't', message: 'token exchange' });
  });
});
