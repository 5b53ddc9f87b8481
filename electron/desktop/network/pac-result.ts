// Chromium's answer to "how do I reach this URL?" (session.resolveProxy, PAC scripts included):
// a list like "PROXY proxy.corp:3128; HTTPS gw.corp:443; DIRECT", tried in order. Ringtray takes
// the first entry it can use: PROXY (an http:// proxy) or HTTPS (a proxy spoken to over TLS),
// or DIRECT. SOCKS entries are skipped: the proxy agent speaks HTTP CONNECT only.

export type PacChoice = { kind: 'direct' } | { kind: 'proxy'; proxy: URL } | { kind: 'unusable'; entries: string[] };

export function parsePacResult(result: string): PacChoice {
  const entries = result
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) return { kind: 'direct' };
  for (const entry of entries) {
    const [type = '', hostPort = ''] = entry.split(/\s+/, 2);
    const upper = type.toUpperCase();
    if (upper === 'DIRECT') return { kind: 'direct' };
    if ((upper === 'PROXY' || upper === 'HTTPS') && hostPort) {
      const proxy = proxyUrl(upper === 'HTTPS' ? 'https' : 'http', hostPort);
      if (proxy) return { kind: 'proxy', proxy };
    }
  }
  return { kind: 'unusable', entries: entries.map((e) => e.split(/\s+/, 1)[0] ?? '') };
}

function proxyUrl(scheme: 'http' | 'https', hostPort: string): URL | null {
  try {
    const url = new URL(`${scheme}://${hostPort}`);
    // Only host and port: anything else is not a proxy address.
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
    return url;
  } catch {
    return null;
  }
}
