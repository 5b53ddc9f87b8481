// Electron cannot run on these machines (docs/testing.md): `app` and `powerMonitor`
// are fakes from test/support; the XDG autostart file is written to a real temp dir.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../electron/engine/log/logger';
import { callLink, findCallLinkInArgv, parseCallLink } from '../../electron/desktop/call-link';
import { installCallLinkRouting } from '../../electron/desktop/call-link-routing';
import { createLoginItem } from '../../electron/desktop/login-item';
import { watchPowerAndNetwork } from '../../electron/desktop/power-events';
import { installQuitCleanup } from '../../electron/desktop/quit-cleanup';
import { autostartDir, autostartEntry, isAutostartEnabled, quoteExecArgument } from '../../electron/desktop/xdg-autostart';
import { FakeApp, FakePowerMonitor } from '../support/fake-electron-shell';
import { FakeEngine } from '../support/fake-engine';

describe('XDG autostart (Linux start at login)', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'ringtray-home-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/x/config' }, '/home/u')).toBe('/x/config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart');
    expect(autostartDir({}, '/home/u')).toBe('/home/u/.config/autostart');
  });

  it('writes the .desktop file when enabled and removes it when disabled', () => {
    const dir = autostartDir({}, home);
    const app = new FakeApp();
    const item = createLoginItem({ platform: 'linux', app, autostartDir: dir, exec: '/opt/Ringtray/ringtray' });
    item.set(true);
    const file = path.join(dir, 'ringtray.desktop');
    expect(readFileSync(file, 'utf8')).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Ringtray',
        'Comment=Shows who is calling',
        'Exec="/opt/Ringtray/ringtray" "--hidden"',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
    expect(isAutostartEnabled(dir)).toBe(true);
    item.set(false);
    expect(existsSync(file)).toBe(false);
    item.set(false); // removing twice is fine
    expect(app.loginItemSettings).toEqual([]);
  });

  it('quotes Exec arguments by the Desktop Entry spec', () => {
    expect(quoteExecArgument('/home/me/My Apps/ringtray')).toBe('"/home/me/My Apps/ringtray"');
    expect(quoteExecArgument('a"b$c`d\\e')).toBe('"a\\\\"b\\\\$c\\\\`d\\\\\\\\e"');
    expect(quoteExecArgument('100%')).toBe('"100%%"');
    expect(autostartEntry({ name: 'A\nB', exec: '/x' })).toContain('Name=A B\n');
  });

  it('macOS and Windows use the OS login item (with --hidden on Windows)', () => {
    const app = new FakeApp();
    createLoginItem({ platform: 'win32', app, autostartDir: '/unused', exec: 'x' }).set(true);
    createLoginItem({ platform: 'darwin', app, autostartDir: '/unused', exec: 'x' }).set(false);
    expect(app.loginItemSettings).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: [] },
    ]);
  });
});

describe('quit cleanup', () => {
  it('stops the engine before quitting', async () => {
    const app = new FakeApp();
    const engine = new FakeEngine();
    const order: string[] = [];
    installQuitCleanup({
      app,
      timeoutMs: 4_000,
      log: silentLogger,
      cleanup: async () => {
        await engine.stop(3_000);
        order.push('stopped');
      },
    });
    app.quit();
    expect(app.calls).toEqual(['quit']); // held back while cleaning up
    await vi.waitFor(() => expect(app.calls).toEqual(['quit', 'quit', 'quit:allowed']));
    expect(engine.calls).toEqual(['stop:3000']);
    expect(order).toEqual(['stopped']);
  });

  it('never hangs: a stop that never returns is cut off by the timer', async () => {
    vi.useFakeTimers();
    try {
      const app = new FakeApp();
      const engine = new FakeEngine();
      engine.stopGate = new Promise(() => undefined);
      const state = installQuitCleanup({ app, timeoutMs: 4_000, log: silentLogger, cleanup: () => engine.stop(3_000) });
      app.quit();
      app.quit(); // a second quit while cleaning up is held too, and starts nothing new
      expect(engine.calls).toEqual(['stop:3000']);
      await vi.advanceTimersByTimeAsync(3_999);
      expect(app.calls).toEqual(['quit', 'quit']);
      await vi.advanceTimersByTimeAsync(1);
      expect(app.calls).toEqual(['quit', 'quit', 'quit', 'quit:allowed']);
      expect(state.phase).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a failing cleanup still quits', async () => {
    const app = new FakeApp();
    installQuitCleanup({ app, timeoutMs: 1_000, log: silentLogger, cleanup: async () => Promise.reject(new Error('boom')) });
    app.quit();
    await vi.waitFor(() => expect(app.calls).toContain('quit:allowed'));
  });
});

describe('ringtray://call/<id> links', () => {
  it('round-trips a call id', () => {
    for (const id of ['3f2a9c1e-0b7d-4c1e-9a55-2d5b8c0e7f11', 's-a0d7e1f2', '123456789', 'demo-call-1']) {
      expect(parseCallLink(callLink(id))).toBe(id);
    }
  });

  it('rejects anything that is not exactly ringtray://call/<id>', () => {
    for (const bad of [
      'ringtray://call/',
      'ringtray://call',
      'ringtray://CALL/abc',
      'ringtray://report/abc',
      'ringtray://call/abc/def',
      'ringtray://call/abc?x=1',
      'ringtray://call/abc#frag',
      'ringtray://user:pw@call/abc',
      'ringtray://call:99/abc',
      'ringtray://call/%2e%2e',
      'ringtray://call/..',
      'ringtray://call/../../etc',
      'ringtray://call/./abc',
      ' ringtray://call/abc',
      'ringtray://call/abc\n',
      'ringtray://call/a%20b',
      'ringtray://call/<script>',
      'https://call/abc',
      'ringtray:call/abc',
      `ringtray://call/${'a'.repeat(201)}`,
      '',
      'not a url',
    ]) {
      expect(parseCallLink(bad), bad).toBeNull();
    }
    expect(parseCallLink(42)).toBeNull();
    expect(callLink('a b')).toBeNull();
  });

  it('finds the link among second-instance arguments; flags and other args are ignored', () => {
    expect(findCallLinkInArgv(['C:\\Ringtray\\Ringtray.exe', '--allow-file-access', 'ringtray://call/c-1'])).toBe('c-1');
    expect(findCallLinkInArgv(['/usr/bin/ringtray', '--hidden'])).toBeNull();
    expect(findCallLinkInArgv(['/usr/bin/ringtray', 'ringtray://call/a?b', 'RINGTRAY://call/ok'])).toBe('ok');
  });
});

describe('single instance and link routing', () => {
  function route(argv: string[] = ['/opt/ringtray'], defaultApp = false, where: { platform?: NodeJS.Platform; isPackaged?: boolean; appImage?: boolean } = {}) {
    const app = new FakeApp();
    const opened: string[] = [];
    let shown = 0;
    const result = installCallLinkRouting({
      app: app as never,
      platform: where.platform ?? 'win32',
      defaultApp,
      isPackaged: where.isPackaged ?? !defaultApp,
      appImage: where.appImage ?? false,
      argv,
      execPath: '/opt/electron',
      openCallReport: (id) => opened.push(id),
      showMainWindow: () => (shown += 1),
      log: silentLogger,
    });
    return { app, opened, shown: () => shown, result };
  }

  it('a second launch focuses the first; one with a call link opens that report', () => {
    const r = route();
    expect(r.app.protocolClients).toEqual([{ scheme: 'ringtray' }]);
    r.app.emit('second-instance', {}, ['/opt/ringtray']);
    r.app.emit('second-instance', {}, ['/opt/ringtray', 'ringtray://call/c-9']);
    r.app.emit('second-instance', {}, ['/opt/ringtray', 'ringtray://call/../../etc']);
    expect(r.shown()).toBe(2);
    expect(r.opened).toEqual(['c-9']);
  });

  it('macOS open-url: valid links open the report, others are ignored', () => {
    const r = route();
    let prevented = 0;
    const event = { preventDefault: () => (prevented += 1) };
    r.app.emit('open-url', event, 'ringtray://call/abc');
    r.app.emit('open-url', event, 'ringtray://settings');
    expect(r.opened).toEqual(['abc']);
    expect(prevented).toBe(2);
  });

  it('a cold start from a toast carries the link in argv; dev runs register electron + the app path', () => {
    expect(route(['/opt/ringtray', 'ringtray://call/cold']).result.initialCallId).toBe('cold');
    const dev = route(['/opt/electron', 'dist/main/main.js'], true);
    expect(dev.app.protocolClients).toEqual([{ scheme: 'ringtray', path: '/opt/electron', args: [path.resolve('dist/main/main.js')] }]);
  });

  it('registers the link handler only where links arrive: Windows, a packaged macOS app, the Linux deb', () => {
    const registered = (defaultApp: boolean, where: { platform: NodeJS.Platform; isPackaged: boolean; appImage?: boolean }) =>
      route(['/opt/ringtray', 'dist/main/main.js'], defaultApp, where).app.protocolClients.map((c) => c.scheme);
    expect(registered(false, { platform: 'win32', isPackaged: true })).toEqual(['ringtray']);
    expect(registered(true, { platform: 'win32', isPackaged: false })).toEqual(['ringtray']);
    expect(registered(false, { platform: 'darwin', isPackaged: true })).toEqual(['ringtray']);
    expect(registered(true, { platform: 'darwin', isPackaged: false })).toEqual([]);
    expect(registered(false, { platform: 'linux', isPackaged: true })).toEqual(['ringtray']);
    expect(registered(false, { platform: 'linux', isPackaged: true, appImage: true })).toEqual([]);
    expect(registered(true, { platform: 'linux', isPackaged: false })).toEqual([]);
    // Links still route where nothing was registered (a link the OS hands over anyway).
    const mac = route(['/opt/ringtray'], true, { platform: 'darwin', isPackaged: false });
    mac.app.emit('open-url', { preventDefault: () => undefined }, 'ringtray://call/x');
    expect(mac.opened).toEqual(['x']);
  });
});

describe('power and network', () => {
  it('resume reconnects; the network coming back retries at once', () => {
    vi.useFakeTimers();
    try {
      const engine = new FakeEngine();
      const powerMonitor = new FakePowerMonitor();
      let online = false;
      const stop = watchPowerAndNetwork({
        powerMonitor: powerMonitor as never,
        isOnline: () => online,
        onResume: () => engine.resume(),
        onOnline: () => engine.online(),
        onUnlock: () => engine.retry(),
        pollMs: 1_000,
      });
      powerMonitor.emit('unlock-screen');
      powerMonitor.emit('resume');
      vi.advanceTimersByTime(1_000);
      online = true;
      vi.advanceTimersByTime(1_000);
      vi.advanceTimersByTime(1_000); // still online: no second call
      expect(engine.calls).toEqual(['retry', 'resume', 'online']);
      stop();
      powerMonitor.emit('resume');
      powerMonitor.emit('unlock-screen');
      expect(engine.calls).toEqual(['retry', 'resume', 'online']);
    } finally {
      vi.useRealTimers();
    }
  });
});
