import { z } from 'zod';
import { providerIdSchema, providerSettingsValuesSchema } from './providers';

// The user's settings: non-secret only (docs/architecture.md#secrets: they live in the OS keychain). Saved by
// electron-store in main, edited by the renderer's Settings screen, validated with this one
// schema on both sides.

export const LOG_LEVEL_VALUES = ['debug', 'info', 'warn', 'error'] as const;

/** `https://…{number}…`: opened from the report window with the caller's number filled in. */
export const crmUrlTemplateSchema = z
  .string()
  .trim()
  .max(2_000)
  .refine((v) => v === '' || isHttpsUrl(v.replaceAll('{number}', '0')), { message: 'The CRM link must start with https://' })
  .refine((v) => v === '' || v.includes('{number}'), { message: 'The CRM link must contain {number} where the caller\u2019s number goes' });

/**
 * Which lines the user hears about — the one shape settings, the engine and headless mode share.
 * mine: the signed-in user's lines (default); all: every line of the account; chosen: lineIds
 * (kept, but ignored, in the other modes so switching back restores the choice).
 */
export const lineSelectionSchema = z.object({
  mode: z.enum(['mine', 'all', 'chosen']),
  lineIds: z.array(z.string().min(1).max(200)).max(500),
});
export type LineSelection = z.output<typeof lineSelectionSchema>;

export const settingsSchema = z.object({
  /** The phone system Ringtray listens to; null until the user chooses one (first run asks). */
  activeProvider: providerIdSchema.nullable(),
  /** Each provider's own settings (field key → value; never secrets), validated by that provider in main. */
  providers: z.record(providerIdSchema, providerSettingsValuesSchema),
  lineFilter: lineSelectionSchema,
  doNotDisturb: z.boolean(),
  startAtLogin: z.boolean(),
  notificationSound: z.boolean(),
  crmUrlTemplate: crmUrlTemplateSchema,
  logLevel: z.enum(LOG_LEVEL_VALUES),
});

export type Settings = z.output<typeof settingsSchema>;

/** What the renderer may change in one call: any subset, each part validated. */
export const settingsPatchSchema = settingsSchema.partial().strict();

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  activeProvider: null,
  providers: {},
  lineFilter: { mode: 'mine', lineIds: [] },
  doNotDisturb: false,
  startAtLogin: false,
  notificationSound: true,
  crmUrlTemplate: '',
  logLevel: 'info',
};

/** The CRM link for a number, or null when no template is set. */
export function crmUrlFor(template: string, number: string): string | null {
  if (!template) return null;
  return template.replaceAll('{number}', encodeURIComponent(number));
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
