import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestJson } from '../../electron/engine/http/json-request';
import { envNetworkPort, routeFromEnv } from '../../electron/engine/net/env-network-port';
import { useNetworkPort } from '../../electron/engine/net/network';
import { directPort } from '../../electron/engine/net/network-port';
import { startForwardProxy, type ForwardProxy } from '../support/network/forward-proxy';
import { makeThrowawayCa, type ThrowawayCa } from '../support/network/throwaway-ca';
import { startTlsEchoServer, type TlsEchoServer } from './tls-echo-server';

// Headless mode's port: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) through proxy-from-env,
// against a real forward proxy and a TLS server on loopback.

let ca: ThrowawayCa;
let server: TlsEchoServer;
let proxy: ForwardProxy;

beforeAll(async () => {
  ca = makeThrowawayCa();
  server = await startTlsEchoServer(ca);
  proxy = await startForwardProxy({ username: 'env', password: 'p@ss word' });
});
afterAll(async () => {
  await proxy.close();
  await server.close();
  ca.remove();
});
afterEach(() => {
  vi.unstubAllEnvs();
  useNetworkPort(directPort);
});

function clearProxyEnv(): void {
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY', 'ALL_PROXY', 'WSS_PROXY', 'WS_PROXY']) {
    vi.stubEnv(name, '');
    vi.stubEnv(name.toLowerCase(), '');
  }
}

/** The env port, with the test CA added to what it trusts (NODE_EXTRA_CA_CERTS is read only at process start). */
function envPortTrustingTestCa() {
  const env = envNetworkPort();
  return { ...env, trustedCertificates: () => [...(env.trustedCertificates() ?? tls.rootCertificates), ca.caPem] };
}

describe('routeFromEnv', () => {
  it('reads the upper- and lower-case names, takes credentials out of the URL, and sends wss: where https: goes', () => {
    clearProxyEnv();
    vi.stubEnv('https_proxy', 'http://user%40corp:s%3Acret@proxy.corp:3128');
    expect(routeFromEnv(new URL('wss://api.example.com/ws'))).toEqual({
      kind: 'proxy',
      proxy: new URL('http://proxy.corp:3128'),
      credentials: { username: 'user@corp', password: 's:cret' },
    });
    clearProxyEnv();
    vi.stubEnv('HTTP_PROXY', 'proxy.corp:8080');
    expect(routeFromEnv(new URL('ws://calls.example.com/ws'))).toEqual({ kind: 'proxy', proxy: new URL('http://proxy.corp:8080'), credentials: null });
    expect(routeFromEnv(new URL('https://api.example.com/'))).toEqual({ kind: 'direct' });
    vi.stubEnv('no_proxy', 'calls.example.com');
    expect(routeFromEnv(new URL('ws://calls.example.com/ws'))).toEqual({ kind: 'direct' });
  });

  it('never sends loopback through the proxy, unless NO_PROXY says <-loopback> (as Chromium does)', () => {
    clearProxyEnv();
    vi.stubEnv('HTTP_PROXY', 'http://proxy.corp:8080');
    for (const url of ['http://127.0.0.1:12021/app/redirect', 'http://localhost:9/', 'ws://[::1]:9/ws']) expect(routeFromEnv(new URL(url))).toEqual({ kind: 'direct' });
    vi.stubEnv('NO_PROXY', '<-loopback>');
    expect(routeFromEnv(new URL('http://127.0.0.1:12021/'))).toEqual({ kind: 'proxy', proxy: new URL('http://proxy.corp:8080'), credentials: null });
  });

  it('refuses a proxy scheme it cannot speak, without echoing the value', () => {
    clearProxyEnv();
    vi.stubEnv('HTTPS_PROXY', 'socks5://u:topsecret@proxy.corp:1080');
    expect(() => routeFromEnv(new URL('https://api.example.com/'))).toThrow(/uses socks5:\/\/, .*use an http:\/\/ proxy/);
    try {
      routeFromEnv(new URL('https://api.example.com/'));
    } catch (error) {
      expect(String(error)).not.toContain('topsecret');
    }
  });
});

describe('envNetworkPort against a real proxy', () => {
  it('HTTPS_PROXY with credentials in the URL sends REST through the proxy', async () => {
    clearProxyEnv();
    vi.stubEnv('HTTPS_PROXY', `http://env:p%40ss%20word@${proxy.url.host}`);
    // The test server is on loopback, which is otherwise never proxied.
    vi.stubEnv('NO_PROXY', '<-loopback>');
    useNetworkPort(envPortTrustingTestCa());
    const before = proxy.connects.length;
    await expect(requestJson({ url: `${server.https.href}ping` })).resolves.toMatchObject({ data: { ok: true } });
    expect(proxy.connects.slice(before)).toEqual([server.https.host]);
  });

  it('NO_PROXY bypasses the proxy: the proxy sees no CONNECT', async () => {
    clearProxyEnv();
    vi.stubEnv('https_proxy', `http://env:p%40ss%20word@${proxy.url.host}`);
    vi.stubEnv('NO_PROXY', '<-loopback>, example.org, localhost');
    useNetworkPort(envPortTrustingTestCa());
    const before = proxy.connects.length;
    await expect(requestJson({ url: `${server.https.href}ping` })).resolves.toMatchObject({ data: { ok: true } });
    expect(proxy.connects.length).toBe(before);
  });

  it('trusts the system store and Node’s own roots, not the test CA', () => {
    const trusted = envNetworkPort().trustedCertificates();
    expect(trusted).not.toBeNull();
    expect(trusted).toEqual(expect.arrayContaining([...tls.rootCertificates]));
    expect(trusted).not.toContain(ca.caPem);
  });
});
