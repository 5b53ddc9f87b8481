// The desktop's network port (docs/network.md#desktop): the system's proxy as Chromium resolves
// it (session.resolveProxy: system settings, PAC and WPAD included), the operating system's
// certificate store besides Node's own roots, and proxy credentials from the keychain, asked
// for once when the proxy wants them. Electron itself is injected (`resolveProxy`), so this file
// is plain Node and is tested with a real proxy; main.ts passes the real session.
import type { Logger } from '../../engine/log/logger';
import { systemAndDefaultCertificates } from '../../engine/net/env-network-port';
import { proxyLabel, type NetworkPort, type ProxyCredentials, type Route } from '../../engine/net/network-port';
import type { SecretStore } from '../../engine/secrets/secret-store';
import { parsePacResult } from './pac-result';
import { readProxyCredentials, saveProxyCredentials, validCredentials } from './proxy-credentials';

export interface SystemNetworkDeps {
  /** Electron: session.defaultSession.resolveProxy (after app ready). */
  resolveProxy(url: string): Promise<string>;
  /** The keychain (the app's secret store). */
  store: SecretStore;
  /**
   * Asks the user for the proxy's user name and password (a small window); null when they
   * cancel. `refused`: the last ones were refused.
   */
  ask(proxy: URL, refused: boolean): Promise<ProxyCredentials | null>;
  /** New credentials were saved: the engine may retry at once instead of waiting out its backoff. */
  credentialsChanged(): void;
  trusted?: () => readonly string[] | null;
  log: Logger;
  now?: () => number;
}

/** A cancelled prompt comes back on its own after this long (or at once on Retry: retryRequested). */
const ASK_AGAIN_AFTER_MS = 10 * 60_000;

export interface SystemNetworkPort extends NetworkPort {
  /** Lets the next 407 ask again after the user cancelled (the problem's Retry action). */
  retryRequested(): void;
}

export function createSystemNetworkPort(deps: SystemNetworkDeps): SystemNetworkPort {
  const known = new Map<string, ProxyCredentials | null>();
  /** Proxies whose prompt is open or was cancelled, and since when: asked once, not once per retry. */
  const asked = new Map<string, number>();
  const now = deps.now ?? Date.now;
  let trusted: readonly string[] | null | undefined;

  async function credentialsFor(proxy: URL): Promise<ProxyCredentials | null> {
    const key = proxyLabel(proxy);
    if (known.has(key)) return known.get(key) ?? null;
    let found: ProxyCredentials | null = null;
    try {
      found = await readProxyCredentials(deps.store, proxy);
    } catch (error) {
      // A locked keychain: go without; a 407 asks the user, and the answer stays in memory.
      deps.log.warn('could not read proxy credentials from the keychain', { proxy: key, error });
    }
    known.set(key, found);
    return found;
  }

  async function askFor(proxy: URL, refused: boolean): Promise<void> {
    const key = proxyLabel(proxy);
    const since = asked.get(key);
    if (since !== undefined && now() - since < ASK_AGAIN_AFTER_MS) return;
    asked.set(key, now());
    let answer: ProxyCredentials | null = null;
    try {
      answer = await deps.ask(proxy, refused);
    } catch (error) {
      deps.log.warn('the proxy sign-in window failed', { proxy: key, error });
    }
    if (!answer || !validCredentials(answer)) return; // cancelled: stays asked until retryRequested()
    known.set(key, answer);
    asked.delete(key);
    try {
      await saveProxyCredentials(deps.store, proxy, answer);
    } catch (error) {
      deps.log.warn('proxy credentials kept in memory only: the keychain refused them', { proxy: key, error });
    }
    deps.credentialsChanged();
  }

  return {
    async route(url: URL): Promise<Route> {
      // Chromium resolves http(s) URLs; a WebSocket goes where its HTTPS twin goes.
      const target = new URL(url.href);
      if (target.protocol === 'wss:') target.protocol = 'https:';
      else if (target.protocol === 'ws:') target.protocol = 'http:';
      const choice = parsePacResult(await deps.resolveProxy(target.href));
      if (choice.kind === 'direct') return { kind: 'direct' };
      if (choice.kind === 'unusable') {
        deps.log.warn('the system proxy offers only proxies Ringtray cannot use; connecting directly', { entries: choice.entries });
        return { kind: 'direct' };
      }
      return { kind: 'proxy', proxy: choice.proxy, credentials: await credentialsFor(choice.proxy) };
    },
    trustedCertificates: () => (trusted ??= (deps.trusted ?? systemAndDefaultCertificates)()),
    proxyAuthFailed(proxy, hadCredentials) {
      // Refused credentials are not sent again: a proxy that locks accounts after a few failures
      // would lock the user out while Ringtray retries.
      if (hadCredentials) known.set(proxyLabel(proxy), null);
      void askFor(proxy, hadCredentials);
    },
    retryRequested() {
      asked.clear();
    },
  };
}
