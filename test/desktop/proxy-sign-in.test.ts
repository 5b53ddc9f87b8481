import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE } from '../../shared/ipc/channels';
import { HttpError } from '../../electron/engine/http/http-errors';
import { requestJson } from '../../electron/engine/http/json-request';
import { silentLogger } from '../../electron/engine/log/logger';
import { useNetworkPort } from '../../electron/engine/net/network';
import { directPort } from '../../electron/engine/net/network-port';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';
import { proxyCredentialsAccount } from '../../electron/desktop/network/proxy-credentials';
import { registerNetworkHandlers } from '../../electron/desktop/network/network-handlers';
import type { IpcRouter } from '../../electron/desktop/ipc/ipc-router';
import { FakeBrowserWindow, type FakeSession } from '../support/fake-electron';
import { startForwardProxy, type ForwardProxy } from '../support/network/forward-proxy';
import { until } from '../support/until';

// The desktop's proxy sign-in end to end on the main side: Electron is mocked (no binary on these
// machines, docs/testing.md) — `session.defaultSession.resolveProxy` answers "PROXY <the test
// proxy>" the way Chromium would for a system proxy, and BrowserWindow is the fake that records
// what it loads. The proxy, the HTTP server and the requests are real. What only a real Electron
// can show — the window drawn, the system's own proxy settings — is not faked into this test.

const mocked = vi.hoisted(() => ({ session: null as FakeSession | null }));
vi.mock('electron', async () => {
  const fake = await import('../support/fake-electron');
  mocked.session = new fake.FakeSession();
  return { BrowserWindow: fake.FakeBrowserWindow, session: { defaultSession: mocked.session } };
});
const { installSystemNetwork } = await import('../../electron/desktop/startup/install-network');
const fakeSession = mocked.session!;

let proxy: ForwardProxy;
let server: http.Server;
let target: string;
const RIGHT = { username: 'desk', password: 'window typed' };

beforeAll(async () => {
  proxy = await startForwardProxy(RIGHT);
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ping`;
  fakeSession.proxyFor = () => `PROXY ${proxy.url.host}; DIRECT`;
});
afterAll(async () => {
  useNetworkPort(directPort);
  await proxy.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function install() {
  const store = createMemorySecretStore();
  let retries = 0;
  const network = installSystemNetwork({ store, preloadPath: '/app/preload.cjs', openExternalLink: async () => undefined, retryNow: () => (retries += 1), log: silentLogger });
  const handlers = new Map<string, (request: unknown) => unknown>();
  registerNetworkHandlers({ handle: (channel: string, handler: (request: unknown) => unknown) => handlers.set(channel, handler) } as unknown as IpcRouter, network.signInWindows);
  const answer = (request: unknown) => handlers.get(INVOKE.answerProxySignIn)!(request);
  return { store, network, answer, retries: () => retries };
}

const problemKind = () => requestJson({ url: target }).then(() => 'ok', (e: unknown) => (e instanceof HttpError ? (e.details.problem?.kind ?? e.kind) : String(e)));

describe('proxy sign-in on the desktop (Electron mocked)', () => {
  it('a 407 opens one small sign-in window; its answer goes to the keychain and the engine retries at once', async () => {
    const t = install();
    const windowsBefore = FakeBrowserWindow.instances.length;
    expect(await problemKind()).toBe('proxy-auth-required');
    expect(await problemKind()).toBe('proxy-auth-required');
    const opened = FakeBrowserWindow.instances.slice(windowsBefore);
    expect(opened).toHaveLength(1);
    const win = opened[0]!;
    expect(win.loaded).toBe(`ringtray-app://ui/index.html#/proxy-sign-in/${encodeURIComponent(proxy.url.host)}`);
    expect(win.options).toMatchObject({ resizable: false, show: false, webPreferences: { sandbox: true, contextIsolation: true, preload: '/app/preload.cjs' } });
    // Chromium was asked about the URL being fetched.
    expect(fakeSession.resolvedProxies).toContain(target);

    expect(t.answer({ proxy: proxy.url.host, credentials: RIGHT })).toEqual({ done: true });
    expect(win.destroyed).toBe(true);
    await until(() => t.retries() === 1, 5_000, 'retry after the answer');
    expect(JSON.parse((await t.store.get(proxyCredentialsAccount(proxy.url))) ?? 'null')).toEqual(RIGHT);
    const before = proxy.connects.length;
    expect(await problemKind()).toBe('ok');
    expect(proxy.connects.length).toBe(before + 1);
    // A stale answer (no window asks any more) is refused.
    expect(() => t.answer({ proxy: proxy.url.host, credentials: RIGHT })).toThrow(/not asking/);
  });

  it('closing the window is a cancel: nothing is saved and no new window opens on the next retries', async () => {
    const t = install();
    const windowsBefore = FakeBrowserWindow.instances.length;
    expect(await problemKind()).toBe('proxy-auth-required');
    const win = FakeBrowserWindow.instances.at(-1)!;
    win.close();
    expect(await problemKind()).toBe('proxy-auth-required');
    expect(await problemKind()).toBe('proxy-auth-required');
    expect(FakeBrowserWindow.instances.length - windowsBefore).toBe(1);
    expect(await t.store.get(proxyCredentialsAccount(proxy.url))).toBeNull();
    expect(t.retries()).toBe(0);
    // Retry lets it ask again.
    t.network.port.retryRequested();
    expect(await problemKind()).toBe('proxy-auth-required');
    expect(FakeBrowserWindow.instances.length - windowsBefore).toBe(2);
  });
});
