// Figure 3, behind a proxy: the engine reaches the GoTo sandbox (served over TLS with a
// certificate from a CA made for the run) through a real forward proxy with Basic auth
// (docs/network.md). The proxy cuts every tunnel at once — the socket's and the REST pool's —
// and the engine must be live again, through the proxy, as fast as after a direct drop. One
// engine at a time (the cut hits every tunnel), each after a healthy period: the real backoff.
import tls from 'node:tls';
import { useNetworkPort } from '../electron/engine/net/network';
import { directPort } from '../electron/engine/net/network-port';
import { startForwardProxy } from '../test/support/network/forward-proxy';
import { makeThrowawayCa } from '../test/support/network/throwaway-ca';
import { startRig } from './engine-rig';
import { dropOnce, type DropRun } from './recovery';
import { sleep } from './stats';

const CREDENTIALS = { username: 'bench', password: 'bench proxy password' };

export async function measureProxyDrops(count: number): Promise<DropRun[]> {
  const ca = makeThrowawayCa();
  const proxy = await startForwardProxy(CREDENTIALS);
  // Only the sandbox speaks TLS: it goes through the proxy; the loopback sign-in listener does not.
  useNetworkPort({
    route: (url) => Promise.resolve(url.protocol === 'https:' || url.protocol === 'wss:' ? { kind: 'proxy', proxy: proxy.url, credentials: CREDENTIALS } : { kind: 'direct' }),
    trustedCertificates: () => [...tls.rootCertificates, ca.caPem],
  });
  try {
    const runs: DropRun[] = [];
    for (let i = 0; i < count; i += 1) {
      const rig = await startRig({ sandbox: { tls: { key: ca.key, cert: ca.cert } } });
      try {
        if (!(await rig.waitLive())) throw new Error('the engine did not go live through the proxy');
        await sleep(200);
        const before = proxy.connects.length;
        const run = await dropOnce(rig, () => proxy.dropTunnels());
        if (proxy.connects.length === before) throw new Error('the engine came back without the proxy');
        runs.push(run);
      } finally {
        await rig.close();
      }
    }
    return runs;
  } finally {
    useNetworkPort(directPort);
    await proxy.close();
    ca.remove();
  }
}
