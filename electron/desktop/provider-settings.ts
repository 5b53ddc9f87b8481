import type { ProviderSettingsValues } from '../../shared/providers';
import type { Settings } from '../../shared/settings';
import type { ProviderModule } from '../engine/providers/provider-module';
import { DEFAULT_PROVIDER, findProvider, PROVIDERS } from '../engine/providers/registry';
import { fieldErrorsOf } from './settings-errors';

// settings.providers.<id> in main: each provider's defaults, its own validation, and the move of
// an older settings file's per-provider block (its legacy key) under providers.<id>.

/** The chosen provider, else the registry's default (a first run has chosen none yet). */
export function activeProviderOf(settings: Pick<Settings, 'activeProvider'>): ProviderModule {
  const found = settings.activeProvider ? findProvider(settings.activeProvider) : null;
  return found?.ok ? found.provider : DEFAULT_PROVIDER;
}

/** A provider's saved values over its defaults. */
export function providerValues(settings: Pick<Settings, 'providers'>, provider: ProviderModule): ProviderSettingsValues {
  return { ...provider.settings.defaults, ...(Object.hasOwn(settings.providers, provider.id) ? settings.providers[provider.id] : {}) };
}

/** Every registered provider filled in with its defaults (what the Settings screen shows). */
export function withProviderDefaults(settings: Settings): Settings {
  const providers = { ...settings.providers };
  for (const provider of PROVIDERS) providers[provider.id] = providerValues(settings, provider);
  return { ...settings, providers };
}

export type ProviderValuesCheck = { ok: true; values: ProviderSettingsValues } | { ok: false; fieldErrors: Record<string, string> };

/** Checks one provider's values with its own schema; errors are keyed providers.<id>.<field>. */
export function checkProviderValues(id: string, values: ProviderSettingsValues): ProviderValuesCheck {
  const found = findProvider(id);
  if (!found.ok) return { ok: false, fieldErrors: { [`providers.${id.slice(0, 40)}`]: found.message } };
  const parsed = found.provider.settings.schema.safeParse({ ...found.provider.settings.defaults, ...values });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const [key, message] of Object.entries(fieldErrorsOf(parsed.error))) errors[`providers.${id}.${key}`] = message;
    return { ok: false, fieldErrors: errors };
  }
  return { ok: true, values: parsed.data };
}

/**
 * Before providers were plug-ins, a provider's settings sat at the top level under its legacy key
 * (ProviderModule.legacySettingsKey). Moves such a block to providers.<id> and makes that provider the active
 * one when none is chosen, so an upgrade keeps the user's account set-up. Nothing else changes.
 */
export function migrateLegacyProviderSettings(settings: Record<string, unknown>): Record<string, unknown> {
  let next = settings;
  for (const provider of PROVIDERS) {
    const key = provider.legacySettingsKey;
    if (!key || !Object.hasOwn(next, key)) continue;
    const { [key]: legacy, ...rest } = next;
    const providers = rest.providers && typeof rest.providers === 'object' && !Array.isArray(rest.providers) ? (rest.providers as Record<string, unknown>) : {};
    next = {
      ...rest,
      providers: Object.hasOwn(providers, provider.id) ? providers : { ...providers, [provider.id]: legacy },
      activeProvider: rest.activeProvider ?? provider.id,
    };
  }
  return next;
}
