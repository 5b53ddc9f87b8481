import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appPageUrl } from '../app-scheme';
import { createTrustedSenderCheck } from './trusted-sender';

describe('trusted sender check', () => {
  const isTrusted = createTrustedSenderCheck();
  const own = appPageUrl('/');

  it('trusts the app page in its main frame, on any route', () => {
    expect(isTrusted({ url: own, parent: null })).toBe(true);
    expect(isTrusted({ url: appPageUrl('/report/abc%20def'), parent: null })).toBe(true);
    // Chromium reports a standard scheme's host lower-cased; the check does not depend on it.
    expect(isTrusted({ url: 'ringtray-app://UI/index.html#/settings', parent: null })).toBe(true);
  });

  // The page URLs Chromium reports for a renderer loaded from file://, the way Windows installs
  // spell them: upper-cased drive letter, %20 for spaces, a UNC share. None is the app's origin any
  // more, so none is trusted whatever the case of the install path.
  it.each([
    ['a Windows file URL with an upper-case drive', 'file:///C:/Users/Ann%20Lee/AppData/Local/Programs/Ringtray/resources/app.asar/dist/renderer/index.html'],
    ['the same with a lower-case drive', 'file:///c:/Users/Ann%20Lee/AppData/Local/Programs/Ringtray/resources/app.asar/dist/renderer/index.html'],
    ['a UNC install path', 'file://fileserver/apps/Ringtray/resources/app.asar/dist/renderer/index.html'],
    ['a POSIX file URL of the renderer', pathToFileURL(path.resolve('/opt/Ringtray/resources/app.asar/dist/renderer/index.html')).href],
  ])('refuses %s (pages are never loaded from file:// now)', (_name, url) => {
    expect(isTrusted({ url, parent: null })).toBe(false);
  });

  it.each([
    ['an iframe of the app page', { url: own, parent: {} }],
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['a look-alike host', { url: 'ringtray-app://ui.evil.example/index.html', parent: null }],
    ['another host on the scheme', { url: 'ringtray-app://other/index.html', parent: null }],
    ['user info before the host', { url: 'ringtray-app://evil@ui/index.html', parent: null }],
    ['a port', { url: 'ringtray-app://ui:8080/index.html', parent: null }],
    ['the call-link scheme', { url: 'ringtray://call/abc', parent: null }],
    ['an https page named like the app', { url: 'https://ui/index.html', parent: null }],
    ['garbage', { url: 'not a url', parent: null }],
  ])('refuses %s', (_name, frame) => {
    expect(isTrusted(frame)).toBe(false);
  });

  it('refuses a missing frame (the frame was destroyed or navigated)', () => {
    expect(isTrusted(null)).toBe(false);
    expect(isTrusted(undefined)).toBe(false);
  });
});
