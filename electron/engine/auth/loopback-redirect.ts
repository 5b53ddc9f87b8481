// The loopback redirect URI an OAuth provider sends the browser back to (RFC 8252 §7.3): http,
// this machine, an explicit port and a path. Providers that match the registered URI exactly (GoTo)
// need it verbatim, so the string is kept as written next to its parts.
import { z } from 'zod';

export interface LoopbackRedirect {
  /** Exactly as configured: providers compare the string, so it is sent unchanged. */
  uri: string;
  /** '127.0.0.1' or 'localhost' as written in the URI (the listener always binds 127.0.0.1). */
  hostname: '127.0.0.1' | 'localhost';
  port: number;
  path: string;
}

export const isLoopbackHost = (h: string): boolean => h === '127.0.0.1' || h === 'localhost';

/** Parses a redirect URI; `providerName` goes into the sentence that says how to fix it. */
export function loopbackRedirectSchema(providerName: string) {
  return z
    .string()
    .trim()
    .transform((value, ctx): LoopbackRedirect => {
      const help = `it must look like http://127.0.0.1:<port>/<path> (or http://localhost:<port>/<path>) and match the redirect URI registered on your ${providerName} OAuth client`;
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `Redirect URI "${value}" is not a URL: ${help}` });
        return z.NEVER;
      }
      // RFC 8252 §7.3: loopback redirects use http and an explicit port on this machine.
      const portText = /^http:\/\/[^/]+:(\d+)(?:\/|$)/i.exec(value)?.[1];
      const port = Number(portText);
      const problem =
        url.protocol !== 'http:'
          ? 'the scheme must be http'
          : !isLoopbackHost(url.hostname)
            ? 'the host must be 127.0.0.1 or localhost'
            : !portText || !Number.isInteger(port) || port < 1 || port > 65535
              ? 'it needs an explicit port between 1 and 65535'
              : url.pathname === '/' || url.pathname === ''
                ? 'it needs a path'
                : url.search || url.hash || url.username || url.password
                  ? 'it must not have a query, fragment or credentials'
                  : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `Redirect URI "${value}": ${problem}; ${help}` });
        return z.NEVER;
      }
      return { uri: value, hostname: url.hostname as LoopbackRedirect['hostname'], port, path: url.pathname };
    });
}
