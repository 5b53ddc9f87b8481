// Electron cannot run on these machines (docs/testing.md): Notification and
// BrowserWindow are the fakes in test/support; types are checked against the real electron.d.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from '../support/fake-electron';
import { FakeNotification } from '../support/fake-electron-shell';
import { notice } from '../support/call-fixtures';
import { silentLogger } from '../../electron/engine/log/logger';

vi.mock('electron', async () => {
  const shell = await import('../support/fake-electron-shell');
  const base = await import('../support/fake-electron');
  return { Notification: shell.FakeNotification, BrowserWindow: base.FakeBrowserWindow };
});

const { createCallNotifications } = await import('../../electron/desktop/call-notifications');
const { createReportWindows } = await import('../../electron/desktop/report-windows');
const { createMissedCalls } = await import('../../electron/desktop/missed-calls');
const { parseCallLink } = await import('../../electron/desktop/call-link');

function setup(
  options: { platform?: NodeJS.Platform; doNotDisturb?: boolean; silent?: boolean; demo?: boolean; onFailed?: (error: string) => void; onShown?: () => void } = {},
) {
  const prefs = { doNotDisturb: options.doNotDisturb ?? false, silent: options.silent ?? false, demo: options.demo ?? false };
  const reports = createReportWindows({ preloadPath: '/app/preload.cjs', openExternalLink: async () => undefined });
  const missed = createMissedCalls(() => undefined);
  const toasts = createCallNotifications({
    platform: options.platform ?? 'linux',
    preferences: () => prefs,
    openCallReport: (callId) => void reports.open(callId),
    log: silentLogger,
    icon: '/opt/Ringtray/resources/app.asar/assets/icon.png',
    ...(options.onFailed ? { onFailed: options.onFailed } : {}),
    ...(options.onShown ? { onShown: options.onShown } : {}),
  });
  // What main.ts does with every notice: count missed calls, then the toast.
  const handle = (n: ReturnType<typeof notice>) => {
    if (n.type === 'missed') missed.add(n.callId);
    toasts.handle(n);
  };
  return { toasts, reports, missed, prefs, handle };
}

beforeEach(() => {
  FakeNotification.reset();
  FakeBrowserWindow.instances.length = 0;
});

describe('call toasts', () => {
  it('shows "Incoming call — <name>" with number and line, critical, never timing out, kept in the map', () => {
    const { toasts, handle } = setup({ platform: 'darwin', demo: true });
    handle(notice('ringing', 'demo-call-1'));
    expect(FakeNotification.instances).toHaveLength(1);
    const toast = FakeNotification.instances[0]!;
    expect(toast.options).toEqual({
      title: 'Incoming call \u2014 Jane Doe',
      body: '+15551234567\nLine: Sales (ext. 1001)\nDemo call',
      urgency: 'critical',
      timeoutType: 'never',
      silent: false,
      icon: '/opt/Ringtray/resources/app.asar/assets/icon.png',
    });
    expect(toast.shown).toBe(1);
    expect(toasts.liveToast('demo-call-1')).toBe(toast);
    expect(toasts.liveCount).toBe(1);
  });

  it('a click opens the report window for that call, focused, and releases the toast', async () => {
    const { toasts, handle } = setup();
    handle(notice('ringing', 'call/ä 1'));
    FakeNotification.instances[0]!.click();
    await Promise.resolve();
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loaded).toBe(`ringtray-app://ui/index.html#/report/${encodeURIComponent('call/ä 1')}`);
    win.emit('ready-to-show');
    expect(win.visible && win.focused).toBe(true);
    expect(toasts.liveCount).toBe(0);
  });

  it('closes the ringing toast when the call is answered or ends', () => {
    const { toasts, handle } = setup();
    handle(notice('ringing', 'a'));
    handle(notice('ringing', 'b'));
    handle(notice('answered', 'a'));
    handle(notice('ended', 'b'));
    expect(FakeNotification.instances.map((n) => n.closed)).toEqual([true, true]);
    expect(toasts.liveCount).toBe(0);
  });

  it('replaces the ringing toast with a missed-call toast, and counts the missed call', () => {
    const { toasts, handle, missed } = setup();
    handle(notice('ringing', 'demo-call-1'));
    handle(notice('missed', 'demo-call-1'));
    const [ringing, missedToast] = FakeNotification.instances;
    expect(ringing!.closed).toBe(true);
    expect(missedToast!.options).toMatchObject({ title: 'Missed call \u2014 Jane Doe', urgency: 'normal', timeoutType: 'default' });
    expect(toasts.liveToast('demo-call-1')).toBe(missedToast);
    expect(missed.count).toBe(1);
    // The missed-call toast stays when the call's 'ended' notice follows.
    handle(notice('ended', 'demo-call-1'));
    expect(missedToast!.closed).toBe(false);
  });

  it('shows one toast per call even if ringing arrives twice (reconnect, backfill)', () => {
    const { handle } = setup();
    handle(notice('ringing', 'demo-call-1'));
    handle(notice('ringing', 'demo-call-1'));
    handle(notice('missed', 'demo-call-1'));
    handle(notice('missed', 'demo-call-1'));
    handle(notice('ringing', 'demo-call-1'));
    expect(FakeNotification.instances.map((n) => n.options.title)).toEqual(['Incoming call \u2014 Jane Doe', 'Missed call \u2014 Jane Doe']);
  });

  it('Do Not Disturb: no toasts, but the missed call still counts', () => {
    const { handle, missed } = setup({ doNotDisturb: true });
    handle(notice('ringing', 'demo-call-1'));
    handle(notice('missed', 'demo-call-1'));
    expect(FakeNotification.instances).toHaveLength(0);
    expect(missed.count).toBe(1);
  });

  it('Do Not Disturb: a call that asks to bypass it rings through', () => {
    const { handle } = setup({ doNotDisturb: true });
    handle(notice('ringing', 'demo-call-1', { bypassDoNotDisturb: true }));
    expect(FakeNotification.instances).toHaveLength(1);
  });

  it('silent when the notification sound is off', () => {
    const { handle } = setup({ silent: true });
    handle(notice('ringing', 'demo-call-1'));
    expect(FakeNotification.instances[0]!.options.silent).toBe(true);
  });

  it('Linux: escapes markup in the body', () => {
    const { handle } = setup({ platform: 'linux' });
    handle(notice('ringing', 'demo-call-1', { caller: { name: 'Tom & <b>Jerry</b>', number: '+1 <555>' }, line: null }));
    const options = FakeNotification.instances[0]!.options;
    expect(options.body).toBe('+1 &lt;555&gt;');
    // The summary is markup on some servers (dunst) and escaped by others (GNOME): look-alikes.
    expect(options.title).toBe('Incoming call \u2014 Tom \uFF06 \u2039b\u203AJerry\u2039/b\u203A');
  });

  it('Windows: characters XML cannot hold never reach the toast XML', () => {
    const { handle } = setup({ platform: 'win32' });
    handle(notice('ringing', 'demo-call-1', { caller: { name: 'Bad\u0001\u0008Name\uD800', number: '+1555\u000B0100' }, line: { id: 'l', name: 'Front\u001Fdesk', number: null, extension: null } }));
    const xml = String(FakeNotification.instances[0]!.options.toastXml);
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDFFF]/);
    expect(xml).toContain('Bad');
    expect(xml).toContain('Front desk');
  });

  it('Windows: a toastXml whose launch link opens this call, text escaped as XML', () => {
    const { handle } = setup({ platform: 'win32' });
    handle(notice('ringing', 'demo-call-1', { caller: { name: 'Tom & "Jerry"', number: null } }));
    const xml = String(FakeNotification.instances[0]!.options.toastXml);
    expect(xml).toContain('<toast launch="ringtray://call/demo-call-1" activationType="protocol" scenario="incomingCall">');
    expect(xml).toContain('<text>Incoming call \u2014 Tom &amp; &quot;Jerry&quot;</text>');
    const launch = /launch="([^"]+)"/.exec(xml)?.[1];
    expect(parseCallLink(launch)).toBe('demo-call-1');
  });

  it('Windows: a ringing toast plays the default sound once, never the looping call ringtone', () => {
    const { handle } = setup({ platform: 'win32' });
    handle(notice('ringing', 'r'));
    handle(notice('missed', 'm'));
    const [ringing, missed] = FakeNotification.instances.map((n) => String(n.options.toastXml));
    // scenario="incomingCall" loops Notification.Looping.Call when the toast names no sound.
    expect(ringing!.match(/<audio [^>]*\/>/g)).toEqual(['<audio src="ms-winsoundevent:Notification.Default" loop="false"/>']);
    expect(ringing).not.toMatch(/Looping|loop="true"/);
    // A missed-call toast has no scenario, so Windows' default (one-shot) sound is right.
    expect(missed).not.toContain('scenario=');
    expect(missed).not.toContain('<audio');
  });

  it('Windows: "sound off" silences the ringing toast', () => {
    const { handle } = setup({ platform: 'win32', silent: true });
    handle(notice('ringing', 'demo-call-1'));
    expect(String(FakeNotification.instances[0]!.options.toastXml).match(/<audio [^>]*\/>/g)).toEqual(['<audio silent="true"/>']);
  });

  it('reports a toast the OS refused and one it showed, so the tray and window can say so', () => {
    const events: string[] = [];
    const { handle } = setup({ onFailed: (error) => events.push(`failed:${error}`), onShown: () => events.push('shown') });
    handle(notice('ringing', 'a'));
    FakeNotification.instances[0]!.emit('failed', { preventDefault: () => undefined }, 'Notifications are not allowed for this app');
    handle(notice('ringing', 'b'));
    FakeNotification.instances[1]!.emit('show', { preventDefault: () => undefined });
    expect(events).toEqual(['failed:Notifications are not allowed for this app', 'shown']);
  });

  it('forgets a toast the user dismissed, and closes the rest on quit', () => {
    const { toasts, handle } = setup();
    handle(notice('ringing', 'a'));
    handle(notice('ringing', 'b'));
    FakeNotification.instances[0]!.close();
    expect(toasts.liveCount).toBe(1);
    toasts.closeAll();
    expect(FakeNotification.instances[1]!.closed).toBe(true);
    expect(toasts.liveCount).toBe(0);
  });
});

describe('report windows', () => {
  it('one window per call: opening it again focuses the same window', async () => {
    const { reports } = setup();
    const first = (await reports.open('c1')) as unknown as FakeBrowserWindow;
    first.emit('ready-to-show');
    first.focused = false;
    first.minimized = true;
    const again = (await reports.open('c1')) as unknown as FakeBrowserWindow;
    expect(again).toBe(first);
    expect(first.focused && !first.minimized).toBe(true);
    await reports.open('c2');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    first.close();
    expect(reports.count).toBe(1);
    await reports.open('c1');
    expect(FakeBrowserWindow.instances).toHaveLength(3);
  });
});
