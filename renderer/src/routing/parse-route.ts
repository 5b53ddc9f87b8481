// Electron loads the page with loadFile(), so routes live in the hash: `#/` is the main window,
// `#/report/<callId>` is a call report window opened by main for one call, and
// `#/proxy-sign-in/<host:port>[/refused]` the small window that asks for a proxy's credentials.
export type Route = { name: 'main' } | { name: 'report'; callId: string } | { name: 'proxy-sign-in'; proxy: string; refused: boolean };

export function parseRoute(hash: string): Route {
  const proxy = /^#\/proxy-sign-in\/([A-Za-z0-9.\-[\]:%]{1,300})(\/refused)?\/?$/.exec(hash);
  if (proxy?.[1]) {
    try {
      return { name: 'proxy-sign-in', proxy: decodeURIComponent(proxy[1]), refused: proxy[2] !== undefined };
    } catch {
      // A malformed %-escape: the main window.
    }
  }
  const match = /^#\/report\/([^/?#]+)\/?$/.exec(hash);
  if (match?.[1]) {
    try {
      return { name: 'report', callId: decodeURIComponent(match[1]) };
    } catch {
      // A malformed %-escape: fall through to the main window rather than crash.
    }
  }
  return { name: 'main' };
}

export function reportHash(callId: string): string {
  return `#/report/${encodeURIComponent(callId)}`;
}
