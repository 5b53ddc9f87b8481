import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appPageUrl, appRouteOf, createAppSchemeHandler, resolveAppFile } from './app-scheme';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

// The handler is plain Request → Response, so it is tested against real files on disk with
// Node's own fetch types; only its registration needs Electron (done in main.ts).

const root = mkdtempSync(path.join(os.tmpdir(), 'ringtray-scheme-'));
const rendererDir = path.join(root, 'dist', 'renderer');
mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ringtray</title>');
writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(path.join(rendererDir, 'assets', 'a b.css'), 'body{}');
// Secrets next to the renderer folder: what a traversal would be after.
writeFileSync(path.join(root, 'dist', 'secret.txt'), 'SECRET');
mkdirSync(path.join(root, 'dist', 'renderer-evil'));
writeFileSync(path.join(root, 'dist', 'renderer-evil', 'index.html'), 'EVIL');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const handler = createAppSchemeHandler({ rendererDir, readFile: (f) => readFile(f) });
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('the ringtray-app:// scheme handler', () => {
  it('serves the renderer page with its type, the CSP header and nosniff', async () => {
    const res = await get(appPageUrl('/settings'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Ringtray</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves module scripts as JavaScript (Chromium refuses a module with another type) and decodes %20', async () => {
    const js = await get('ringtray-app://ui/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await get('ringtray-app://ui/assets/a%20b.css');
    expect(css.status).toBe(200);
    expect(await css.text()).toBe('body{}');
    expect((await get('ringtray-app://ui/')).status).toBe(200);
  });

  it.each([
    ['a missing file', 'ringtray-app://ui/nope.html'],
    ['a folder', 'ringtray-app://ui/assets'],
    ['an encoded ..', 'ringtray-app://ui/%2e%2e/secret.txt'],
    ['an encoded slash', 'ringtray-app://ui/assets%2f..%2f..%2fsecret.txt'],
    ['an encoded backslash', 'ringtray-app://ui/..%5csecret.txt'],
    ['a NUL byte', 'ringtray-app://ui/index.html%00.png'],
    ['a drive letter', 'ringtray-app://ui/C:%5cWindows%5cwin.ini'],
    ['a sibling folder sharing the prefix', 'ringtray-app://ui/..%2frenderer-evil/index.html'],
    ['another host', 'ringtray-app://other/index.html'],
    ['broken percent-encoding', 'ringtray-app://ui/%E0%A4%A'],
  ])('answers 404 for %s and never reads outside the renderer folder', async (_name, url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).not.toMatch(/SECRET|EVIL/);
    expect(body).not.toContain(root);
  });

  it('a dot-dot in the URL is resolved by the URL parser first and can never climb above the origin root', async () => {
    // WHATWG parsing turns /../../secret.txt into /secret.txt: a file the folder does not have.
    expect((await get('ringtray-app://ui/../../secret.txt')).status).toBe(404);
    expect((await get('ringtray-app://ui/assets/../index.html')).status).toBe(200);
  });

  it('allows GET and HEAD only', async () => {
    expect((await get(appPageUrl('/'), 'HEAD')).status).toBe(200);
    expect((await get(appPageUrl('/'), 'POST')).status).toBe(405);
  });
});

describe('resolveAppFile', () => {
  it('keeps every path inside the folder on Windows paths too (drive-letter case, UNC)', () => {
    const win = path.win32;
    for (const dir of ['C:\\Users\\Ann Lee\\AppData\\Local\\Programs\\Ringtray\\resources\\app.asar\\dist\\renderer', 'c:\\repo\\dist\\renderer', '\\\\fileserver\\apps\\Ringtray\\resources\\app.asar\\dist\\renderer']) {
      expect(resolveAppFile(dir, 'ringtray-app://ui/assets/a%20b.css', win)).toBe(win.join(dir, 'assets', 'a b.css'));
      expect(resolveAppFile(dir, 'ringtray-app://ui/', win)).toBe(win.join(dir, 'index.html'));
      expect(resolveAppFile(dir, 'ringtray-app://ui/..%5c..%5csecret.txt', win)).toBeNull();
      expect(resolveAppFile(dir, 'ringtray-app://ui/D:secret.txt', win)).toBeNull();
      expect(resolveAppFile(dir, 'ringtray-app://ui/index.html::$DATA', win)).toBeNull();
    }
  });
});

describe('scheme facts', () => {
  it('is a standard, secure scheme that does not bypass the CSP or open itself to other origins', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
  });

  it('reads the route back from a page URL', () => {
    expect(appRouteOf(appPageUrl('/settings'))).toBe('/settings');
    expect(appRouteOf('ringtray-app://ui/index.html')).toBe('/');
    expect(appRouteOf('https://evil.example/#/settings')).toBeNull();
  });
});
