import { crmUrlFor } from '../../shared/settings';
import { DEFAULT_ALLOWED_HOSTS } from './external-links';

// The CRM link template's host can join the external-link allow-list, once the user has agreed
// in a native dialog (and only its host: a template cannot open arbitrary sites through a crafted
// number, because the number is URL-encoded into the template).

function crmHost(template: string): string | null {
  if (!template) return null;
  try {
    const url = new URL(template.replaceAll('{number}', '0'));
    return url.protocol === 'https:' ? url.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The CRM template's host, which the user is asked about before its first link opens. */
export function askableExternalHosts(template: string): readonly string[] {
  const host = crmHost(template);
  return host && !DEFAULT_ALLOWED_HOSTS.includes(host) ? [host] : [];
}

/** The CRM link for the caller of a call, when a template is set and the number is known. */
export function crmUrlForCaller(template: string, number: string | null | undefined): string | null {
  const trimmed = number?.trim();
  return trimmed ? crmUrlFor(template, trimmed) : null;
}
