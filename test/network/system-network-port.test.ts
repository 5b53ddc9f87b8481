import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parsePacResult } from '../../electron/desktop/network/pac-result';
import { proxyCredentialsAccount } from '../../electron/desktop/network/proxy-credentials';
import { createSystemNetworkPort } from '../../electron/desktop/network/system-network-port';
import { HttpError } from '../../electron/engine/http/http-errors';
import { requestJson } from '../../electron/engine/http/json-request';
import { silentLogger } from '../../electron/engine/log/logger';
import { useNetworkPort } from '../../electron/engine/net/network';
import { directPort, type ProxyCredentials } from '../../electron/engine/net/network-port';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';
import { startForwardProxy, type ForwardProxy } from '../support/network/forward-proxy';
import { makeThrowawayCa, type ThrowawayCa } from '../support/network/throwaway-ca';
import { until } from '../support/until';
import { startTlsEchoServer, type TlsEchoServer } from './tls-echo-server';

// The desktop's port against a real proxy and TLS server. Electron is not here (no binary on
// these machines, docs/testing.md): `resolveProxy` stands in for session.defaultSession.resolveProxy
// and answers in Chromium's PAC-result format; `ask` stands in for the proxy sign-in window.
// What only a real Electron shows — Chromium's answer for the system's real proxy settings and
// PAC file — is not faked here.

describe('parsePacResult', () => {
  it('takes the first entry it can use, in order', () => {
    expect(parsePacResult('DIRECT')).toEqual({ kind: 'direct' });
    expect(parsePacResult('')).toEqual({ kind: 'direct' });
    expect(parsePacResult('PROXY proxy.corp:3128; DIRECT')).toEqual({ kind: 'proxy', proxy: new URL('http://proxy.corp:3128') });
    expect(parsePacResult('SOCKS5 s.corp:1080;HTTPS gw.corp:443;DIRECT')).toEqual({ kind: 'proxy', proxy: new URL('https://gw.corp:443') });
    expect(parsePacResult('proxy [::1]:8080')).toEqual({ kind: 'proxy', proxy: new URL('http://[::1]:8080') });
    expect(parsePacResult('SOCKS5 s.corp:1080; SOCKS s2.corp:1080')).toEqual({ kind: 'unusable', entries: ['SOCKS5', 'SOCKS'] });
    expect(parsePacResult('PROXY user:pw@proxy.corp:3128/x; DIRECT')).toEqual({ kind: 'direct' });
  });
});

describe('the desktop port through a real proxy', () => {
  let ca: ThrowawayCa;
  let server: TlsEchoServer;
  let proxy: ForwardProxy;
  const RIGHT = { username: 'frontdesk', password: 'correct horse' };

  beforeAll(async () => {
    ca = makeThrowawayCa();
    server = await startTlsEchoServer(ca);
    proxy = await startForwardProxy(RIGHT);
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
    ca.remove();
  });
  afterEach(() => useNetworkPort(directPort));

  function setUp(answers: (ProxyCredentials | null)[]) {
    const store = createMemorySecretStore();
    const asks: { proxy: string; refused: boolean }[] = [];
    const resolved: string[] = [];
    let changed = 0;
    const port = createSystemNetworkPort({
      resolveProxy: (url) => {
        resolved.push(url);
        return Promise.resolve(url.includes('localhost') ? `PROXY ${proxy.url.host}; DIRECT` : 'DIRECT');
      },
      store,
      ask: (p, refused) => {
        asks.push({ proxy: p.host, refused });
        return Promise.resolve(answers.shift() ?? null);
      },
      credentialsChanged: () => (changed += 1),
      trusted: () => [...tls.rootCertificates, ca.caPem],
      log: silentLogger,
    });
    useNetworkPort(port);
    return { store, asks, resolved, port, changed: () => changed };
  }

  const ping = () => requestJson({ url: `${server.https.href}ping` });
  const problemOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof HttpError ? (e.details.problem?.kind ?? e.kind) : String(e)));

  it('asks once on a 407, keeps the answer in the keychain, and the next request goes through', async () => {
    const t = setUp([RIGHT]);
    expect(await problemOf(ping())).toBe('proxy-auth-required');
    await until(() => t.changed() === 1, 5_000, 'credentials saved');
    expect(t.asks).toEqual([{ proxy: proxy.url.host, refused: false }]);
    expect(JSON.parse((await t.store.get(proxyCredentialsAccount(proxy.url))) ?? 'null')).toEqual(RIGHT);
    const before = proxy.connects.length;
    await expect(ping()).resolves.toMatchObject({ data: { ok: true } });
    expect(proxy.connects.slice(before)).toEqual([server.https.host]);
    // Chromium was asked about the https: URL.
    expect(t.resolved[0]).toBe(`${server.https.href}ping`);
  });

  it('a cancelled prompt is not shown again on every retry, until the user asks to retry', async () => {
    const t = setUp([null, RIGHT]);
    expect(await problemOf(ping())).toBe('proxy-auth-required');
    expect(await problemOf(ping())).toBe('proxy-auth-required');
    expect(await problemOf(ping())).toBe('proxy-auth-required');
    expect(t.asks.length).toBe(1);
    t.port.retryRequested();
    expect(await problemOf(ping())).toBe('proxy-auth-required');
    await until(() => t.changed() === 1, 5_000, 'credentials saved');
    expect(t.asks.length).toBe(2);
    await expect(ping()).resolves.toMatchObject({ status: 200 });
  });

  it('refused credentials from the keychain are not sent again; the user is asked with "refused"', async () => {
    const t = setUp([RIGHT]);
    await t.store.set(proxyCredentialsAccount(proxy.url), JSON.stringify({ username: 'frontdesk', password: 'old password' }));
    const refusedBefore = proxy.refused;
    expect(await problemOf(ping())).toBe('proxy-auth-failed');
    await until(() => t.changed() === 1, 5_000, 'credentials saved');
    expect(t.asks).toEqual([{ proxy: proxy.url.host, refused: true }]);
    await expect(ping()).resolves.toMatchObject({ status: 200 });
    expect(proxy.refused - refusedBefore).toBe(1);
  });

  it('DIRECT from the system goes around the proxy', async () => {
    const t = setUp([]);
    const before = proxy.connects.length;
    await expect(requestJson({ url: `${server.https.href.replace('localhost', '127.0.0.1')}ping` })).resolves.toMatchObject({ status: 200 });
    expect(proxy.connects.length).toBe(before);
    expect(t.asks).toEqual([]);
  });
});
