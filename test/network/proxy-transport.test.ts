import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../electron/engine/http/http-errors';
import { requestJson } from '../../electron/engine/http/json-request';
import { useNetworkPort } from '../../electron/engine/net/network';
import { NetworkProblemError } from '../../electron/engine/net/network-errors';
import { directPort, type NetworkPort, type ProxyCredentials } from '../../electron/engine/net/network-port';
import { ConnectionManager, type FailureInfo } from '../../electron/engine/transport/connection-manager';
import { startForwardProxy, UNREACHABLE_PROXY, type ForwardProxy } from '../support/network/forward-proxy';
import { makeThrowawayCa, type ThrowawayCa } from '../support/network/throwaway-ca';
import { until } from '../support/until';
import { startTlsEchoServer, type TlsEchoServer } from './tls-echo-server';

// REST and the WebSocket through a real forward proxy (the npm `proxy` package: CONNECT with
// Basic auth) to a real TLS server whose certificate comes from a CA made for this run. The
// network port here is a plain object: which proxy, which credentials, which CAs.

let ca: ThrowawayCa;
let server: TlsEchoServer;
let proxy: ForwardProxy;
const RIGHT = { username: 'desk', password: 'pa ss:wörd' };

beforeAll(async () => {
  ca = makeThrowawayCa();
  server = await startTlsEchoServer(ca);
  proxy = await startForwardProxy(RIGHT);
});
afterAll(async () => {
  useNetworkPort(directPort);
  await proxy.close();
  await server.close();
  ca.remove();
});

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  useNetworkPort(directPort);
});

function port(options: { proxy?: URL; credentials?: ProxyCredentials | null; trust?: boolean; authFailed?: (proxy: URL, had: boolean) => void }): NetworkPort {
  return {
    route: () => Promise.resolve(options.proxy ? { kind: 'proxy', proxy: options.proxy, credentials: options.credentials ?? null } : { kind: 'direct' }),
    trustedCertificates: () => (options.trust === false ? null : [...tls.rootCertificates, ca.caPem]),
    proxyAuthFailed: options.authFailed,
  };
}

async function restError(): Promise<HttpError> {
  const error = await requestJson({ url: `${server.https.href}ping`, timeoutMs: 10_000 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

/**
 * Dials the echo server's socket through the installed port until it is live or fails once. The
 * manager retries a first failure within 250 ms (docs/reliability.md, "Backoff"), so it stops at
 * the failure: otherwise a second CONNECT could reach the proxy before the test looks.
 */
function socketRun() {
  const failures: FailureInfo[] = [];
  const lives: number[] = [];
  const m = new ConnectionManager({ dial: () => Promise.resolve({ url: server.wss.href }) });
  m.on('failure', (f) => {
    failures.push(f);
    m.stop();
  });
  m.on('live', (g) => lives.push(g));
  stops.push(() => m.stop());
  m.start();
  return { m, failures, lives };
}

describe('through a forward proxy with Basic authentication', () => {
  it('REST and the WebSocket both tunnel through the proxy with the right credentials', async () => {
    useNetworkPort(port({ proxy: proxy.url, credentials: RIGHT }));
    const before = proxy.connects.length;
    const { data } = await requestJson<{ ok: boolean; path: string }>({ url: `${server.https.href}ping` });
    expect(data).toEqual({ ok: true, path: '/ping' });
    const run = socketRun();
    await until(() => run.lives.length === 1, 10_000, 'socket live through the proxy');
    const echoed: string[] = [];
    run.m.on('message', (text) => echoed.push(text));
    expect(run.m.send('hello')).toBe(true);
    await until(() => echoed.length === 1);
    expect(echoed).toEqual(['hello']);
    // One tunnel for REST (kept alive) and one for the socket, both to the TLS server.
    expect(proxy.connects.slice(before)).toEqual([server.https.host, server.https.host]);
  });

  it('no credentials: "asks for a user name and password", and the port is told so', async () => {
    const told: [string, boolean][] = [];
    useNetworkPort(port({ proxy: proxy.url, credentials: null, authFailed: (p, had) => told.push([p.host, had]) }));
    const error = await restError();
    expect(error.details.problem).toEqual({ kind: 'proxy-auth-required', message: `The proxy server ${proxy.url.host} asks for a user name and password.` });
    const run = socketRun();
    await until(() => run.failures.length === 1, 10_000, 'socket failure');
    const socketError = run.failures[0]?.error;
    expect(socketError).toBeInstanceOf(NetworkProblemError);
    expect((socketError as NetworkProblemError).problem.kind).toBe('proxy-auth-required');
    expect(told).toEqual([
      [proxy.url.host, false],
      [proxy.url.host, false],
    ]);
  });

  it('wrong credentials: "refused the user name and password", with no secret in the message', async () => {
    useNetworkPort(port({ proxy: proxy.url, credentials: { username: 'desk', password: 'wrong-secret' } }));
    const refusedBefore = proxy.refused;
    const error = await restError();
    expect(error.details.problem?.kind).toBe('proxy-auth-failed');
    expect(error.details.problem?.message).toBe(`The proxy server ${proxy.url.host} refused the user name and password. Enter them again.`);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain('wrong-secret');
    const run = socketRun();
    await until(() => run.failures.length === 1, 10_000, 'socket failure');
    expect((run.failures[0]?.error as NetworkProblemError).problem.kind).toBe('proxy-auth-failed');
    expect(proxy.refused - refusedBefore).toBe(2);
  });
});

describe('an unreachable proxy', () => {
  it('names the proxy, for REST and for the socket', async () => {
    useNetworkPort(port({ proxy: UNREACHABLE_PROXY, credentials: RIGHT }));
    const error = await restError();
    expect(error.details.problem).toEqual({
      kind: 'proxy-unreachable',
      message: `Ringtray cannot reach the proxy server ${UNREACHABLE_PROXY.host} (ECONNREFUSED). Check the proxy setting, or ask your IT team whether it has moved.`,
    });
    const run = socketRun();
    await until(() => run.failures.length === 1, 10_000, 'socket failure');
    expect((run.failures[0]?.error as NetworkProblemError).problem.kind).toBe('proxy-unreachable');
  });
});

describe('a certificate from an authority this computer does not trust', () => {
  it('names the issuer, direct and through the proxy, for REST and for the socket', async () => {
    const expected = {
      kind: 'certificate-untrusted',
      message: `The connection to localhost uses a certificate issued by “${ca.name}” that this computer does not trust. If your network inspects secure traffic, ask your IT team to install its root certificate on this computer.`,
    };
    for (const viaProxy of [false, true]) {
      useNetworkPort(port({ proxy: viaProxy ? proxy.url : undefined, credentials: RIGHT, trust: false }));
      expect((await restError()).details.problem).toEqual(expected);
      const run = socketRun();
      await until(() => run.failures.length === 1, 10_000, 'socket failure');
      expect((run.failures[0]?.error as NetworkProblemError).problem).toEqual(expected);
      run.m.stop();
    }
    // Trusting the CA (the port's list) makes the same server work.
    useNetworkPort(port({ trust: true }));
    await expect(requestJson({ url: `${server.https.href}ping` })).resolves.toMatchObject({ status: 200 });
  });
});
