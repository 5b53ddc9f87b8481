import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTrustedSenderCheck } from './trusted-sender';

describe('trusted sender check', () => {
  const rendererDir = path.resolve('/opt/Ringtray/resources/app.asar/dist/renderer');
  const isTrusted = createTrustedSenderCheck(rendererDir);
  const own = pathToFileURL(path.join(rendererDir, 'index.html')).href;

  it('trusts the app page in its main frame', () => {
    expect(isTrusted({ url: own, parent: null })).toBe(true);
    expect(isTrusted({ url: `${own}#/report/abc`, parent: null })).toBe(true);
  });

  it.each([
    ['an iframe of the app page', { url: own, parent: {} }],
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['a file outside the renderer folder', { url: pathToFileURL('/etc/passwd').href, parent: null }],
    ['a sibling folder with the same prefix', { url: pathToFileURL(`${rendererDir}-evil/index.html`).href, parent: null }],
    ['a path escaping with ..', { url: `${pathToFileURL(rendererDir).href}/../../evil.html`, parent: null }],
    ['a file URL with a host', { url: 'file://evil-host/opt/Ringtray/resources/app.asar/dist/renderer/index.html', parent: null }],
    ['garbage', { url: 'not a url', parent: null }],
  ])('refuses %s', (_name, frame) => {
    expect(isTrusted(frame)).toBe(false);
  });

  it('refuses a missing frame (the frame was destroyed or navigated)', () => {
    expect(isTrusted(null)).toBe(false);
    expect(isTrusted(undefined)).toBe(false);
  });
});
