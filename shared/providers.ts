import { z } from 'zod';

// What the app shows about a phone system, sent from main to the renderer so the renderer stays
// generic: it draws the provider choice, the provider's settings fields and its set-up steps
// from these descriptors and never imports provider code. Plain data, validated at the IPC
// boundary like every other payload.

/** Provider ids: lower-case letters, digits and '-' (they name keychain entries and settings keys). */
export const providerIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'A provider id is lower-case letters, digits or -');

/** One editable setting of a provider, saved under settings.providers.<id>.<key> (never a secret). */
const providerFieldSchema = z.object({
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/),
  label: z.string().min(1).max(80),
  /** One sentence under the field: where to find the value. */
  help: z.string().max(500),
  kind: z.enum(['text', 'url']),
  placeholder: z.string().max(200).nullable(),
  /** The environment variable that overrides the saved value, shown so a set variable explains itself. */
  env: z.string().max(100).nullable(),
  /** True when sign-in cannot start without it. */
  required: z.boolean(),
  maxLength: z.number().int().positive().max(2_000),
  /** Checked as the user types (the full check runs in main); null: any text up to maxLength. */
  pattern: z.object({ source: z.string().max(500), message: z.string().max(300) }).nullable(),
  /** 'account': the field has a "Detect" button that asks the signed-in account for the value. */
  detect: z.enum(['account']).nullable(),
});

/** The credential the user enters that goes to the keychain, not to the settings file. */
const providerSecretSchema = z.object({
  /**
   * 'client-secret': the OAuth app's secret, used with the browser sign-in; 'api-key': a key that
   * signs in by itself (no browser), removed again by sign-out.
   */
  kind: z.enum(['client-secret', 'api-key']),
  label: z.string().min(1).max(80),
  help: z.string().max(500),
  env: z.string().max(100).nullable(),
  /** Whose entry: the value of this field names it (e.g. the OAuth client id). */
  ownerField: z.string().max(64),
});

/** One numbered set-up step; `code` is a settings field whose current value is shown as code. */
const setupStepSchema = z.object({
  text: z.string().min(1).max(500),
  codeField: z.string().max(64).nullable(),
  items: z.array(z.string().max(200)).max(50),
  /** Ends with a link to Settings (where the step's values are entered). */
  linkToSettings: z.boolean(),
});

export const providerDescriptorSchema = z.object({
  id: providerIdSchema,
  displayName: z.string().min(1).max(60),
  /** The name in sentences ("Sign in with {shortName}"). */
  shortName: z.string().min(1).max(40),
  /** One sentence: what the user needs from this phone system. */
  summary: z.string().max(300),
  fields: z.array(providerFieldSchema).max(20),
  secret: providerSecretSchema.nullable(),
  setupSteps: z.array(setupStepSchema).max(20),
  /** "Try the demo" can run this provider's sandbox. */
  demo: z.boolean(),
});

export type ProviderDescriptor = z.output<typeof providerDescriptorSchema>;

/** The saved settings of one provider: its field keys to their values. */
export const providerSettingsValuesSchema = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/), z.string().max(2_000));
export type ProviderSettingsValues = z.output<typeof providerSettingsValuesSchema>;
