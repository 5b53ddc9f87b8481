// Electron loads the page with loadFile(), so routes live in the hash: `#/` is the main window and
// `#/report/<callId>` is a call report window opened by main for one call.
export type Route = { name: 'main' } | { name: 'report'; callId: string };

export function parseRoute(hash: string): Route {
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
