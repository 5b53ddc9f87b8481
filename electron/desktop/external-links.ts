// External links leave the app only through here (Electron security checklist #15: do not use
// shell.openExternal with untrusted content). A URL must be https, carry no credentials, and be
// on a host we allow: the providers' own pages (ProviderModule.linkHosts), plus the host of the
// CRM URL template the user set — that one only once the user has said yes in a native dialog
// (the renderer could have set the template), which is remembered (docs/security.md, "Links").
import { providerLinkHosts } from '../engine/providers/registry';

/** Always allowed: every provider's own sites. */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = providerLinkHosts();

export interface ExternalLinkOpenerOptions {
  openExternal: (url: string) => Promise<void>;
  /** Always allowed. Read on every call. */
  allowedHosts: () => readonly string[];
  /** Allowed once the user agrees (the CRM template's host). Read on every call. */
  askHosts?: () => readonly string[];
  /** The hosts the user agreed to, kept across runs. */
  approvals?: { has(host: string): boolean; add(host: string): void };
  /** Main's native dialog: true when the user allows links to `host`. */
  confirmHost?: (host: string) => Promise<boolean>;
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
  // One dialog per host at a time: a second click while it is open waits for the same answer.
  const asking = new Map<string, Promise<boolean>>();
  const agreed = async (host: string): Promise<boolean> => {
    if (options.approvals?.has(host)) return true;
    if (!options.confirmHost) return false;
    let answer = asking.get(host);
    if (!answer) {
      answer = options.confirmHost(host).finally(() => asking.delete(host));
      asking.set(host, answer);
    }
    const yes = await answer;
    if (yes) options.approvals?.add(host);
    return yes;
  };

  return async function openExternalLink(raw: string): Promise<OpenExternalResult> {
    const always = options.allowedHosts();
    const askable = options.askHosts?.() ?? [];
    const checked = checkExternalUrl(raw, [...always, ...askable]);
    if (!checked.ok) return { opened: false, reason: checked.reason };
    const host = checked.url.hostname.toLowerCase();
    if (!always.some((h) => h.toLowerCase() === host) && !(await agreed(host))) {
      return { opened: false, reason: `links to ${host} were not allowed` };
    }
    await options.openExternal(checked.url.toString());
    return { opened: true };
  };
}
