// Proxy credentials in the keychain (docs/network.md#desktop), one entry per proxy:
// `network:proxy-credentials:<host:port>` holds `{"username":…,"password":…}`. Never in the
// settings file, never logged.
import { registerSecret } from '../../engine/log/secret-values';
import type { ProxyCredentials } from '../../engine/net/network-port';
import { proxyLabel } from '../../engine/net/network-port';
import type { SecretStore } from '../../engine/secrets/secret-store';

const MAX_CREDENTIAL_LENGTH = 1024;

export function proxyCredentialsAccount(proxy: URL): string {
  return `network:proxy-credentials:${proxyLabel(proxy)}`;
}

export async function readProxyCredentials(store: SecretStore, proxy: URL): Promise<ProxyCredentials | null> {
  const raw = await store.get(proxyCredentialsAccount(proxy));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (parsed && typeof parsed === 'object') {
      const { username, password } = parsed as Record<string, unknown>;
      if (typeof username === 'string' && typeof password === 'string' && validCredentials({ username, password })) {
        registerSecret(password);
        return { username, password };
      }
    }
  } catch {
    // A damaged entry is as good as none: the user is asked again.
  }
  return null;
}

export async function saveProxyCredentials(store: SecretStore, proxy: URL, credentials: ProxyCredentials): Promise<void> {
  registerSecret(credentials.password);
  await store.set(proxyCredentialsAccount(proxy), JSON.stringify(credentials));
}

/** A user name without ':' (Basic auth cannot carry it), both bounded and without control characters. */
export function validCredentials(c: ProxyCredentials): boolean {
  const clean = (s: string) => s.length <= MAX_CREDENTIAL_LENGTH && !/\p{Cc}/u.test(s);
  return c.username.length > 0 && !c.username.includes(':') && clean(c.username) && clean(c.password);
}
