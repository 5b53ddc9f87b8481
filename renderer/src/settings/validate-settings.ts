import type { z } from 'zod';
import type { ProviderDescriptor } from '../../../shared/providers';
import { crmUrlTemplateSchema, type Settings } from '../../../shared/settings';

/** Field key (dotted path, as main's fieldErrors use) → message. */
export type FieldErrors = Record<string, string>;

// Per-field schemas from shared/settings.ts, so the form says exactly what main would say, before
// a round trip. (String schemas only: zod's object parser probes `new Function`, which the CSP forbids.)
const FIELD_SCHEMAS: [string, z.ZodType, (s: Settings) => unknown][] = [
  ['crmUrlTemplate', crmUrlTemplateSchema, (s) => s.crmUrlTemplate],
];

/** The key of a provider field, as main's fieldErrors name it. */
export const providerFieldKey = (provider: string, field: string): FieldKey => `providers.${provider}.${field}`;

export function validateSettings(settings: Settings, provider: ProviderDescriptor | null = null): FieldErrors {
  const errors: FieldErrors = {};
  // The provider's own checks arrive as data (length, pattern); main runs the full schema on save.
  for (const field of provider?.fields ?? []) {
    const value = (settings.providers[provider!.id]?.[field.key] ?? '').trim();
    const key = providerFieldKey(provider!.id, field.key);
    if (value.length > field.maxLength) errors[key] = `${field.label} is too long.`;
    else if (value !== '' && field.pattern && !new RegExp(field.pattern.source).test(value)) errors[key] = field.pattern.message;
  }
  for (const [key, schema, read] of FIELD_SCHEMAS) {
    const result = schema.safeParse(read(settings));
    if (!result.success) errors[key] = result.error.issues[0]?.message ?? 'This value is not valid.';
  }
  if (settings.lineFilter.mode === 'chosen' && settings.lineFilter.lineIds.length === 0) {
    errors['lineFilter'] = 'Choose at least one line, or pick \u201cMy lines\u201d.';
  }
  return errors;
}

/** The server's message for a field: exact key, a nested key under it, or its last segment. */
export function serverErrorFor(errors: FieldErrors, key: string): string | undefined {
  if (errors[key]) return errors[key];
  const nested = Object.keys(errors).find((k) => k.startsWith(`${key}.`));
  if (nested) return errors[nested];
  const last = key.split('.').at(-1);
  return last && last !== key ? errors[last] : undefined;
}

export const FIELD_KEYS = [
  'activeProvider',
  'clientSecret',
  'lineFilter',
  'doNotDisturb',
  'startAtLogin',
  'notificationSound',
  'crmUrlTemplate',
  'logLevel',
] as const;

/** A fixed field, or one of a provider's fields (providers.<id>.<key>). */
export type FieldKey = (typeof FIELD_KEYS)[number] | `providers.${string}`;

/** Server errors no field claims (shown above the form so nothing is silently lost). */
export function unclaimedErrors(errors: FieldErrors): string[] {
  return Object.entries(errors)
    .filter(([key]) => !key.startsWith('providers.') && !FIELD_KEYS.some((field) => serverErrorFor({ [key]: 'x' }, field)))
    .map(([key, message]) => `${key}: ${message}`);
}
