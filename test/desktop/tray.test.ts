// Electron cannot run on these machines (docs/testing.md): `electron` is mocked with
// the fakes in test/support; the code is type-checked against the real electron.d.ts.
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeTray } from '../support/fake-electron-shell';
import { summary } from '../support/call-fixtures';
import type { TrayActions } from '../../electron/desktop/tray-menu';
import type { TrayView } from '../../electron/desktop/tray-state';

vi.mock('electron', async () => {
  const fake = await import('../support/fake-electron-shell');
  return { Tray: fake.FakeTray, Menu: fake.FakeMenuModule };
});

const { createTrayController } = await import('../../electron/desktop/tray');
const { literalMenuLabel, trayMenuTemplate } = await import('../../electron/desktop/tray-menu');
const { trayIconFile, trayIconName, trayTooltip } = await import('../../electron/desktop/tray-state');

const ASSETS = '/app/assets';
const hhmm = (iso: string) => iso.slice(11, 16);

function view(overrides: Partial<TrayView> = {}): TrayView {
  return { state: 'live', message: null, demo: false, missedCount: 0, doNotDisturb: false, startAtLogin: false, recentCalls: [], ...overrides };
}

function recorder(): TrayActions & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    openCallReport: (id) => log.push(`report:${id}`),
    openMainWindow: () => log.push('main'),
    openSettings: () => log.push('settings'),
    setDoNotDisturb: (on) => log.push(`dnd:${on}`),
    signIn: () => log.push('signIn'),
    cancelSignIn: () => log.push('cancelSignIn'),
    signOut: () => log.push('signOut'),
    retry: () => log.push('retry'),
    startDemo: () => log.push('demo'),
    setStartAtLogin: (on) => log.push(`login:${on}`),
    quit: () => log.push('quit'),
  };
}

describe('tray icon per state and platform', () => {
  it('maps each connection state to its icon; live shows DND, then missed', () => {
    expect(trayIconName(view({ state: 'signed-out' }))).toBe('signed-out');
    expect(trayIconName(view({ state: 'needs-sign-in' }))).toBe('signed-out');
    expect(trayIconName(view({ state: 'signing-in' }))).toBe('connecting');
    expect(trayIconName(view({ state: 'connecting' }))).toBe('connecting');
    expect(trayIconName(view({ state: 'reconnecting' }))).toBe('reconnecting');
    expect(trayIconName(view({ state: 'offline' }))).toBe('reconnecting');
    expect(trayIconName(view({ state: 'needs-attention', doNotDisturb: true }))).toBe('attention');
    expect(trayIconName(view({ state: 'live' }))).toBe('live');
    expect(trayIconName(view({ state: 'live', missedCount: 2 }))).toBe('missed');
    expect(trayIconName(view({ state: 'live', missedCount: 2, doNotDisturb: true }))).toBe('dnd');
    // A connection problem is what the user must see first, even in DND.
    expect(trayIconName(view({ state: 'reconnecting', doNotDisturb: true, missedCount: 3 }))).toBe('reconnecting');
  });

  it('uses a template image on macOS, .ico on Windows and .png on Linux', () => {
    expect(trayIconFile(ASSETS, 'live', 'darwin')).toBe(path.join(ASSETS, 'tray', 'liveTemplate.png'));
    expect(trayIconFile(ASSETS, 'live', 'win32')).toBe(path.join(ASSETS, 'tray', 'live.ico'));
    expect(trayIconFile(ASSETS, 'live', 'linux')).toBe(path.join(ASSETS, 'tray', 'live.png'));
    expect(trayIconFile(ASSETS, 'signed-out', 'darwin')).toBe(path.join(ASSETS, 'tray', 'signed-outTemplate.png'));
  });

  it('says the state in words in the tooltip, with demo, DND and the missed count', () => {
    expect(trayTooltip(view({ state: 'live' }))).toBe('Ringtray: Live \u2014 watching for calls');
    expect(trayTooltip(view({ state: 'reconnecting', demo: true, doNotDisturb: true, missedCount: 2 }))).toBe(
      'Ringtray (demo): Reconnecting\u2026 \u00b7 Do Not Disturb \u00b7 2 missed calls',
    );
    expect(trayTooltip(view({ state: 'signed-out', missedCount: 1 }))).toBe('Ringtray: Signed out \u00b7 1 missed call');
  });
});

describe('tray menu template', () => {
  const labels = (v: TrayView) => trayMenuTemplate(v, recorder(), hhmm).map((i) => (i.type === 'separator' ? '---' : i.label));

  it('signed out: status, no calls, sign in and the demo, every action present', () => {
    expect(labels(view({ state: 'signed-out' }))).toEqual([
      'Signed out',
      '---',
      'No calls yet',
      '---',
      'Do Not Disturb',
      'Sign in\u2026',
      'Try the demo',
      'Open Ringtray',
      'Settings\u2026',
      'Start at login',
      '---',
      'Quit Ringtray',
    ]);
  });

  it('lists the last five calls newest first, and clicking one opens its report', () => {
    const calls = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].map((id, i) =>
      summary(0, { callId: id, caller: { name: i === 1 ? null : `Caller ${i + 1}`, number: '+1 555 0101' }, outcome: i === 0 ? 'missed' : 'answered' }),
    );
    const actions = recorder();
    const template = trayMenuTemplate(view({ recentCalls: calls }), actions, hhmm);
    const items = template.filter((i) => typeof i.label === 'string' && i.label.includes('\u2014') && i.click);
    expect(items.map((i) => i.label)).toEqual([
      'Caller 1 \u2014 missed, 15:00',
      '+1 555 0101 \u2014 answered, 15:00',
      'Caller 3 \u2014 answered, 15:00',
      'Caller 4 \u2014 answered, 15:00',
      'Caller 5 \u2014 answered, 15:00',
    ]);
    (items[2]?.click as (() => void) | undefined)?.();
    expect(actions.log).toEqual(['report:c3']);
  });

  it('shows the status message, the missed count line, DND checked and sign-out when live', () => {
    const template = trayMenuTemplate(view({ message: 'Keychain locked', missedCount: 3, doNotDisturb: true, startAtLogin: true }), recorder(), hhmm);
    expect(template.slice(0, 3).map((i) => i.label)).toEqual(['Live \u2014 watching for calls', 'Keychain locked', '3 missed calls']);
    expect(template.find((i) => i.label === 'Do Not Disturb')).toMatchObject({ type: 'checkbox', checked: true });
    expect(template.find((i) => i.label === 'Start at login')).toMatchObject({ type: 'checkbox', checked: true });
    expect(template.some((i) => i.label === 'Sign out')).toBe(true);
    expect(template.some((i) => i.label === 'Sign in\u2026')).toBe(false);
  });

  it('shows a literal & in caller names and messages (a single & would be a mnemonic and vanish)', () => {
    const call = summary(0, { callId: 'c1', caller: { name: 'Smith & Sons', number: '+1 555 0101' }, outcome: 'answered' });
    const template = trayMenuTemplate(view({ message: 'R&D line is busy', recentCalls: [call] }), recorder(), hhmm);
    expect(template.map((i) => i.label)).toContain('R&&D line is busy');
    expect(template.map((i) => i.label)).toContain('Smith && Sons \u2014 answered, 15:00');
    expect(literalMenuLabel('A && B & C')).toBe('A &&&& B && C');
  });

  it('says when toasts are not showing, in the menu (opening the window that explains it) and the tooltip', () => {
    const actions = recorder();
    const template = trayMenuTemplate(view({ toastProblem: 'Call notifications are not showing.' }), actions, hhmm);
    const item = template.find((i) => String(i.label).startsWith('\u26a0 Notifications are not showing'));
    (item?.click as (() => void) | undefined)?.();
    expect(actions.log).toEqual(['main']);
    expect(trayTooltip(view({ toastProblem: 'x' }))).toBe('Ringtray: Live \u2014 watching for calls \u00b7 notifications are not showing');
    expect(labels(view()).some((l) => String(l).includes('Notifications are not showing'))).toBe(false);
  });

  it('a stopped connection says what is wrong and offers Retry now and a new sign-in', () => {
    const actions = recorder();
    const message = 'GoTo refused to send call events for this account (403). Subscribing needs an admin.';
    const template = trayMenuTemplate(view({ state: 'needs-attention', message }), actions, hhmm);
    const shown = template.map((i) => (i.type === 'separator' ? '---' : i.label));
    expect(shown.slice(0, 3)).toEqual(['Stopped \u2014 needs your attention', message, 'Retry now']);
    expect(shown).toContain('Sign in again\u2026');
    for (const label of ['Retry now', 'Sign in again\u2026']) (template.find((i) => i.label === label)?.click as () => void)();
    expect(actions.log).toEqual(['retry', 'signIn']);
    expect(labels(view({ state: 'offline' }))).not.toContain('Retry now');
  });

  it('offers cancel while signing in, and says demo mode in the demo', () => {
    expect(labels(view({ state: 'signing-in' }))).toContain('Cancel sign-in');
    const demo = labels(view({ state: 'live', demo: true }));
    expect(demo[0]).toBe('Demo \u2014 Live \u2014 watching for calls');
    expect(demo).toContain('Leave demo and sign in\u2026');
    expect(demo).not.toContain('Sign out');
  });
});

describe('tray menu in the demo', () => {
  it('renders the demo: status, missed line, the demo call, and every action', () => {
    const tray = createTrayController(
      { assetsDir: ASSETS, platform: 'linux', actions: recorder(), formatTime: hhmm },
      view({ state: 'live', demo: true, missedCount: 1, recentCalls: [summary(0, { callId: 'demo-call-1' })] }),
    );
    const fake = FakeTray.instances.at(-1)!;
    expect(fake.labels()).toEqual([
      'Demo \u2014 Live \u2014 watching for calls',
      '1 missed call',
      '---',
      'Recent calls',
      'Caller 0 \u2014 missed, 15:00',
      '---',
      'Do Not Disturb',
      'Leave demo and sign in\u2026',
      'Open Ringtray',
      'Settings\u2026',
      'Start at login',
      '---',
      'Quit Ringtray',
    ]);
    expect(fake.tooltip).toBe('Ringtray (demo): Live \u2014 watching for calls \u00b7 1 missed call');
    expect(fake.image).toBe(path.join(ASSETS, 'tray', 'missed.png'));
    tray.destroy();
  });
});

describe('tray controller', () => {
  beforeEach(() => {
    FakeTray.instances.length = 0;
  });

  it('sets image, tooltip and menu, and follows state changes', () => {
    const actions = recorder();
    const ctl = createTrayController({ assetsDir: ASSETS, platform: 'linux', actions, formatTime: hhmm }, view({ state: 'connecting' }));
    const tray = FakeTray.instances[0]!;
    expect(tray.image).toBe(path.join(ASSETS, 'tray', 'connecting.png'));
    expect(tray.tooltip).toBe('Ringtray: Connecting\u2026');
    ctl.update(view({ state: 'live', missedCount: 1, recentCalls: [summary(0, { callId: 'c1' })] }));
    expect(tray.image).toBe(path.join(ASSETS, 'tray', 'missed.png'));
    expect(tray.labels()).toContain('1 missed call');
    // Linux needs setContextMenu again for menu changes to show (Electron Tray docs).
    expect(tray.menuSets).toBe(2);
    tray.clickItem('Do Not Disturb');
    tray.clickItem('Caller 0 \u2014 missed, 15:00');
    tray.clickItem('Quit Ringtray');
    expect(actions.log).toEqual(['dnd:true', 'report:c1', 'quit']);
    ctl.destroy();
    expect(tray.destroyed).toBe(true);
  });

  it('macOS: template icons and the missed count as the tray title', () => {
    const ctl = createTrayController({ assetsDir: ASSETS, platform: 'darwin', actions: recorder() }, view({ state: 'live', missedCount: 2 }));
    const tray = FakeTray.instances[0]!;
    expect(tray.image).toBe(path.join(ASSETS, 'tray', 'missedTemplate.png'));
    expect(tray.title).toBe('2');
    ctl.update(view({ state: 'live', missedCount: 0 }));
    expect(tray.title).toBe('');
  });

  it('shows offline with the reconnecting drawing and says which in the tooltip', () => {
    createTrayController({ assetsDir: ASSETS, platform: 'win32', actions: recorder() }, view({ state: 'offline' }));
    expect(FakeTray.instances[0]!.image).toBe(path.join(ASSETS, 'tray', 'reconnecting.ico'));
    expect(FakeTray.instances[0]!.tooltip).toMatch(/Offline/);
  });

  it('shows a stopped session with its own drawing, never as offline', () => {
    createTrayController({ assetsDir: ASSETS, platform: 'linux', actions: recorder() }, view({ state: 'needs-attention' }));
    expect(FakeTray.instances[0]!.image).toBe(path.join(ASSETS, 'tray', 'attention.png'));
    expect(FakeTray.instances[0]!.tooltip).toMatch(/needs your attention/);
    expect(FakeTray.instances[0]!.tooltip).not.toMatch(/Offline|network/);
  });
});
