import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeSession } from '../../test/support/fake-electron';

// Electron cannot run on these machines: BrowserWindow is the test's fake, which records what
// the factory asked for. Types are checked against the real electron.d.ts by `npm run typecheck`.
vi.mock('electron', async () => {
  const fake = await import('../../test/support/fake-electron');
  return { BrowserWindow: fake.FakeBrowserWindow };
});

const { createSecureWindow, secureSession, SECURE_WEB_PREFERENCES } = await import('./secure-window');
const { CONTENT_SECURITY_POLICY } = await import('./content-security-policy');

describe('createSecureWindow', () => {
  const opened: string[] = [];
  const openExternalLink = async (url: string) => {
    opened.push(url);
  };
  beforeEach(() => {
    opened.length = 0;
    FakeBrowserWindow.instances.length = 0;
  });

  const make = (window = {}) => createSecureWindow({ preloadPath: '/app/dist/preload/preload.cjs', openExternalLink, window }) as unknown as FakeBrowserWindow;

  it('fixes the security-relevant web preferences whatever the caller passes', () => {
    // A caller cannot smuggle webPreferences in through `window` (the type forbids it; check at run time too).
    const win = make({ title: 'Call', webPreferences: { nodeIntegration: true, sandbox: false } } as never);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toBe('/app/dist/preload/preload.cjs');
    expect(win.options.title).toBe('Call');
    expect(win.options.show).toBe(false);
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true);
  });

  it('denies window.open and hands the URL to the external-link opener instead', () => {
    const win = make();
    expect(win.webContents.windowOpenHandler?.({ url: 'https://developer.goto.com/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://developer.goto.com/']);
  });

  it('prevents navigation, redirects and webviews', () => {
    const win = make();
    expect(win.webContents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.emitCancellable('will-redirect', 'https://evil.example/')).toBe(true);
    expect(win.webContents.emitCancellable('will-attach-webview', {}, {})).toBe(true);
    // The navigation target goes to the opener, which applies the allow-list (tested separately).
    expect(opened).toEqual(['https://evil.example/']);
  });
});

describe('secureSession', () => {
  it('adds the CSP header to every response and denies every permission', () => {
    const session = new FakeSession();
    secureSession(session as never);
    let result: unknown;
    session.headersListener?.({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (result = r));
    expect(result).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    let granted: boolean | undefined;
    session.permissionRequestHandler?.({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(session.permissionCheckHandler?.({}, 'notifications')).toBe(false);
  });

  it('uses a policy that allows no remote content, inline script or network access', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
