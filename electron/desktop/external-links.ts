// External links leave the app only through here (Electron security checklist #15: do not use
// shell.openExternal with untrusted content). A URL must be https, carry no credentials, and be
// on a host we allow: GoTo's own pages, plus the host of the CRM URL template the user set.

export const DEFAULT_ALLOWED_HOSTS: readonly string[] = ['developer.goto.com', 'support.goto.com', 'my.jive.com'];

export interface ExternalLinkOpenerOptions {
  openExternal: (url: string) => Promise<void>;
  /** Read on every call, so a changed CRM template takes effect at once. */
  allowedHosts: () => readonly string[];
}

export type OpenExternalResult = { opened: true } | { opened: false; reason: string };

export function checkExternalUrl(raw: string, allowedHosts: readonly string[]): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'only https links can be opened' };
  if (url.username || url.password) return { ok: false, reason: 'links with credentials are not opened' };
  const host = url.hostname.toLowerCase();
  if (!allowedHosts.some((allowed) => host === allowed.toLowerCase())) {
    return { ok: false, reason: `${host} is not an allowed host` };
  }
  return { ok: true, url };
}

export function createExternalLinkOpener(options: ExternalLinkOpenerOptions) {
  return async function openExternalLink(raw: string): Promise<OpenExternalResult> {
    const checked = checkExternalUrl(raw, options.allowedHosts());
    if (!checked.ok) return { opened: false, reason: checked.reason };
    await options.openExternal(checked.url.toString());
    return { opened: true };
  };
}
