// Headless mode's network port (docs/network.md#headless): the proxy from HTTPS_PROXY /
// HTTP_PROXY / NO_PROXY (either case; proxy-from-env reads them as curl does), and Node's trust
// store — its bundled roots plus NODE_EXTRA_CA_CERTS, which Node reads at start-up — joined by
// the operating system's store where this Node can read it.
import tls from 'node:tls';
import { getProxyForUrl } from 'proxy-from-env';
import type { NetworkPort, ProxyCredentials, Route } from './network-port';

/** The port for this process's environment (proxy-from-env reads `process.env` itself). */
export function envNetworkPort(): NetworkPort {
  let trusted: readonly string[] | null | undefined;
  return {
    route: (url) => Promise.resolve(routeFromEnv(url)),
    trustedCertificates: () => (trusted ??= systemAndDefaultCertificates()),
  };
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function routeFromEnv(url: URL): Route {
  // Nothing behind a proxy can reach this machine's loopback (the sign-in listener, the demo
  // sandbox): like Chromium, loopback is never proxied unless NO_PROXY says `<-loopback>`.
  if (LOOPBACK.test(url.hostname) && !noProxyValue().includes('<-loopback>')) return { kind: 'direct' };
  // A WebSocket goes where its HTTPS twin goes: people set HTTPS_PROXY, not WSS_PROXY.
  const asked = new URL(url.href);
  if (asked.protocol === 'wss:') asked.protocol = 'https:';
  else if (asked.protocol === 'ws:') asked.protocol = 'http:';
  const raw = getProxyForUrl(asked);
  if (!raw) return { kind: 'direct' };
  let proxy: URL;
  try {
    proxy = new URL(raw);
  } catch {
    // Never the value itself: it may hold a password.
    throw new Error('the proxy address in HTTPS_PROXY/HTTP_PROXY cannot be read (expected http://host:port)');
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new Error(`the proxy in HTTPS_PROXY/HTTP_PROXY uses ${proxy.protocol}//, which Ringtray does not support (use an http:// proxy)`);
  }
  let credentials: ProxyCredentials | null = null;
  if (proxy.username || proxy.password) {
    credentials = { username: decodeURIComponent(proxy.username), password: decodeURIComponent(proxy.password) };
    proxy.username = '';
    proxy.password = '';
  }
  return { kind: 'proxy', proxy: new URL(proxy.origin), credentials };
}

function noProxyValue(): string {
  return process.env.no_proxy || process.env.NO_PROXY || '';
}

/**
 * Node's defaults plus the system store, or null (Node's defaults alone) where this Node cannot
 * list its stores. `tls.getCACertificates` arrived in Node 22.15 / 23.10.
 */
export function systemAndDefaultCertificates(): readonly string[] | null {
  const list = (tls as { getCACertificates?: (type: 'default' | 'system') => string[] }).getCACertificates;
  if (typeof list !== 'function') return null;
  try {
    return [...new Set([...list('default'), ...list('system')])];
  } catch {
    return null;
  }
}
