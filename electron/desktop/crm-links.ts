import { crmUrlFor } from '../../shared/settings';
import { DEFAULT_ALLOWED_HOSTS } from './external-links';

// The CRM link template is the user's own choice, so its host joins the external-link allow-list
// (and only its host: a template cannot open arbitrary sites through a crafted number, because the
// number is URL-encoded into the template).

export function crmHost(template: string): string | null {
  if (!template) return null;
  try {
    const url = new URL(template.replaceAll('{number}', '0'));
    return url.protocol === 'https:' ? url.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

export function allowedExternalHosts(template: string): readonly string[] {
  const host = crmHost(template);
  return host ? [...DEFAULT_ALLOWED_HOSTS, host] : DEFAULT_ALLOWED_HOSTS;
}

/** The CRM link for the caller of a call, when a template is set and the number is known. */
export function crmUrlForCaller(template: string, number: string | null | undefined): string | null {
  const trimmed = number?.trim();
  return trimmed ? crmUrlFor(template, trimmed) : null;
}
