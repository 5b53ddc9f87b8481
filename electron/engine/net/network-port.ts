// How the engine reaches the network (docs/network.md). The engine never asks the operating
// system itself: the desktop answers from Electron's session (system proxy, PAC, OS trust store,
// credentials from the keychain), headless mode from the environment (HTTPS_PROXY, NO_PROXY,
// NODE_EXTRA_CA_CERTS). Every REST call and every WebSocket asks the same port.

export interface ProxyCredentials {
  username: string;
  password: string;
}

export type Route =
  | { kind: 'direct' }
  | {
      kind: 'proxy';
      /** `http://host:port` or `https://host:port`, never with credentials in it. */
      proxy: URL;
      /** Sent as `Proxy-Authorization: Basic` on the CONNECT request. */
      credentials: ProxyCredentials | null;
    };

export interface NetworkPort {
  /** How to reach `url`: directly, or through which proxy with which credentials. */
  route(url: URL): Promise<Route>;
  /**
   * The certificate authorities to trust (PEM), Node's own list included; `null` for Node's
   * defaults. Read once per port: a new trust store means a new port.
   */
  trustedCertificates(): readonly string[] | null;
  /**
   * The proxy answered 407. `hadCredentials` tells a refusal of the credentials Ringtray sent
   * from a proxy that wants some. The desktop asks the user (once) and keeps the answer in the
   * keychain; the next attempt's `route` carries it.
   */
  proxyAuthFailed?(proxy: URL, hadCredentials: boolean): void;
  /** The user chose Retry: a prompt they cancelled may be shown again. */
  retryRequested?(): void;
}

export const directPort: NetworkPort = {
  route: () => Promise.resolve({ kind: 'direct' }),
  trustedCertificates: () => null,
};

/** `host:port` of a proxy, for messages: never its credentials. */
export function proxyLabel(proxy: URL): string {
  const port = proxy.port || (proxy.protocol === 'https:' ? '443' : '80');
  return `${proxy.hostname}:${port}`;
}
