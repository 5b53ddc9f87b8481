import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useNetworkPort } from '../../electron/engine/net/network';
import { directPort, type NetworkPort, type ProxyCredentials } from '../../electron/engine/net/network-port';
import { startHarness, type Harness } from '../support/demo-harness';
import { startForwardProxy, UNREACHABLE_PROXY, type ForwardProxy } from '../support/network/forward-proxy';
import { makeThrowawayCa, type ThrowawayCa } from '../support/network/throwaway-ca';

// The whole engine — sign-in (the OAuth token endpoint), REST (users, channel, subscriptions,
// reports) and the call-events WebSocket — against the GoTo sandbox served over TLS with a
// certificate from a CA made for this run, through a real forward proxy with Basic auth.
// Only the sandbox speaks TLS here; the engine's own loopback sign-in listener stays direct, as
// a system proxy's loopback bypass would have it.

let ca: ThrowawayCa;
let proxy: ForwardProxy;
const RIGHT = { username: 'reception', password: 'front desk 2' };

beforeAll(async () => {
  ca = makeThrowawayCa();
  proxy = await startForwardProxy(RIGHT);
});
afterAll(async () => {
  await proxy.close();
  ca.remove();
});

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
  useNetworkPort(directPort);
});

function sandboxThroughProxy(options: { credentials?: ProxyCredentials | null; trustCa?: boolean } = {}): NetworkPort {
  return {
    route: (url) =>
      Promise.resolve(url.protocol === 'https:' || url.protocol === 'wss:' ? { kind: 'proxy', proxy: proxy.url, credentials: options.credentials === undefined ? RIGHT : options.credentials } : { kind: 'direct' }),
    trustedCertificates: () => (options.trustCa === false ? null : [...tls.rootCertificates, ca.caPem]),
  };
}

const tlsSandbox = () => ({ tls: { key: ca.key, cert: ca.cert } });

describe('the engine behind a proxy, against a TLS sandbox', () => {
  it('signs in, goes live, rings a call and survives a drop of every tunnel, all through the proxy', async () => {
    useNetworkPort(sandboxThroughProxy());
    const before = proxy.connects.length;
    h = await startHarness({ sandbox: tlsSandbox() });
    const harness = h;
    expect(harness.sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const sandboxHost = new URL(harness.sandbox.url).host;
    expect(harness.sandbox.stats.requests['POST /oauth/token']).toBe(1);
    // Every tunnel went to the sandbox: the REST pool's and the socket's at least.
    const tunnels = proxy.connects.slice(before);
    expect(tunnels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(tunnels)).toEqual(new Set([sandboxHost]));

    const line = harness.sandbox.userLines[0]!.id;
    const first = harness.sandbox.calls.ringInbound({ lineId: line });
    await harness.waitFor(() => harness.noticesFor(first.id).includes('ringing'), 'ringing through the proxy');

    // The proxy cuts every tunnel (REST and socket): the engine reconnects through it again.
    const beforeDrop = proxy.connects.length;
    const statesBefore = harness.states.length;
    proxy.dropTunnels();
    await harness.waitFor(() => harness.states.slice(statesBefore).some((s) => s !== 'live'), 'the drop noticed');
    await harness.waitForLive();
    expect(proxy.connects.length).toBeGreaterThan(beforeDrop);
    const second = harness.sandbox.calls.ringInbound({ lineId: line });
    await harness.waitFor(() => harness.noticesFor(second.id).includes('ringing'), 'ringing after the drop');
    first.end({ emptyParticipants: true });
    await harness.waitFor(() => harness.noticesFor(first.id).includes('report'), 'report fetched through the proxy');
  });

  it('Retry tells the network port (the desktop may then ask for proxy credentials again)', async () => {
    let retries = 0;
    useNetworkPort({ ...sandboxThroughProxy(), retryRequested: () => (retries += 1) });
    h = await startHarness({ sandbox: tlsSandbox() });
    h.engine.retry();
    expect(retries).toBe(1);
    await h.waitForLive();
  });

  // Once live, the network changes under the engine (the proxy's password changed, the proxy
  // moved, a TLS-inspecting gateway appeared): the tunnels drop, every reconnect fails the same
  // way, and the state says which — needs-attention with its own problem, not "reconnecting".
  const cases: { name: string; port: () => NetworkPort; kind: string; says: () => string }[] = [
    {
      name: 'the proxy refuses the credentials',
      port: () => sandboxThroughProxy({ credentials: { username: 'reception', password: 'changed' } }),
      kind: 'proxy-auth-failed',
      says: () => `The proxy server ${proxy.url.host} refused the user name and password. Enter them again.`,
    },
    { name: 'the proxy wants credentials', port: () => sandboxThroughProxy({ credentials: null }), kind: 'proxy-auth-required', says: () => `The proxy server ${proxy.url.host} asks for a user name and password.` },
    { name: 'the proxy cannot be reached', port: () => ({ ...sandboxThroughProxy(), route: () => Promise.resolve({ kind: 'proxy', proxy: UNREACHABLE_PROXY, credentials: RIGHT }) }), kind: 'proxy-unreachable', says: () => `Ringtray cannot reach the proxy server ${UNREACHABLE_PROXY.host}` },
    { name: 'the certificate’s authority is not trusted', port: () => sandboxThroughProxy({ trustCa: false }), kind: 'certificate-untrusted', says: () => `issued by “${ca.name}” that this computer does not trust` },
  ];
  for (const c of cases) {
    it(`${c.name}: its own state and sentence, and live again once the network is fixed`, async () => {
      useNetworkPort(sandboxThroughProxy());
      h = await startHarness({ sandbox: tlsSandbox() });
      const harness = h;
      useNetworkPort(c.port());
      proxy.dropTunnels();
      await harness.waitFor(() => harness.engine.status().state === 'needs-attention', `needs-attention (${c.kind})`);
      const status = harness.engine.status();
      expect(status.problem).toMatchObject({ kind: c.kind, actions: ['retry'] });
      expect(status.message).toContain(c.says());
      expect(status.problem?.message).toBe(status.message);
      // Fixed (credentials entered, proxy back, CA installed): the next attempt goes live.
      useNetworkPort(sandboxThroughProxy());
      harness.engine.online();
      await harness.waitForLive();
      expect(harness.engine.status().problem).toBeNull();
    });
  }
});
