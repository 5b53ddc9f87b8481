import type { z } from 'zod';
import { crmUrlTemplateSchema, gotoSettingsSchema, type Settings } from '../../../shared/settings';

/** Field key (dotted path, as main's fieldErrors use) → message. */
export type FieldErrors = Record<string, string>;

// Per-field schemas from shared/settings.ts, so the form says exactly what main would say, before
// a round trip. (String schemas only: zod's object parser probes `new Function`, which the CSP forbids.)
const FIELD_SCHEMAS: [string, z.ZodType, (s: Settings) => unknown][] = [
  ['goto.clientId', gotoSettingsSchema.shape.clientId, (s) => s.goto.clientId],
  ['goto.redirectUri', gotoSettingsSchema.shape.redirectUri, (s) => s.goto.redirectUri],
  ['goto.accountKey', gotoSettingsSchema.shape.accountKey, (s) => s.goto.accountKey],
  ['crmUrlTemplate', crmUrlTemplateSchema, (s) => s.crmUrlTemplate],
];

export function validateSettings(settings: Settings): FieldErrors {
  const errors: FieldErrors = {};
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
  'goto.clientId',
  'clientSecret',
  'goto.redirectUri',
  'goto.accountKey',
  'lineFilter',
  'doNotDisturb',
  'startAtLogin',
  'notificationSound',
  'crmUrlTemplate',
  'logLevel',
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];

/** Server errors no field claims (shown above the form so nothing is silently lost). */
export function unclaimedErrors(errors: FieldErrors): string[] {
  return Object.entries(errors)
    .filter(([key]) => !FIELD_KEYS.some((field) => serverErrorFor({ [key]: 'x' }, field)))
    .map(([key, message]) => `${key}: ${message}`);
}
