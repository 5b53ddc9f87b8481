import { session } from 'electron';
import type { Logger } from '../../engine/log/logger';
import { useNetworkPort } from '../../engine/net/network';
import type { SecretStore } from '../../engine/secrets/secret-store';
import { createProxySignInWindows, type ProxySignInWindows } from '../network/proxy-sign-in-windows';
import { createSystemNetworkPort, type SystemNetworkPort } from '../network/system-network-port';

// Start-up phase (after app ready, before the engine starts): the engine's network port answers
// from the system — Chromium's proxy resolution (PAC included), the OS trust store, proxy
// credentials from the keychain asked for in a small window (docs/network.md#desktop).

export interface NetworkDeps {
  store: SecretStore;
  preloadPath: string;
  openExternalLink: (url: string) => Promise<unknown>;
  /** New proxy credentials: retry now rather than at the end of the backoff. */
  retryNow: () => void;
  log: Logger;
}

export function installSystemNetwork(deps: NetworkDeps): { port: SystemNetworkPort; signInWindows: ProxySignInWindows } {
  const signInWindows = createProxySignInWindows({ preloadPath: deps.preloadPath, openExternalLink: deps.openExternalLink });
  const port = createSystemNetworkPort({
    resolveProxy: (url) => session.defaultSession.resolveProxy(url),
    store: deps.store,
    ask: (proxy, refused) => signInWindows.ask(proxy, refused),
    credentialsChanged: deps.retryNow,
    log: deps.log,
  });
  useNetworkPort(port);
  return { port, signInWindows };
}
