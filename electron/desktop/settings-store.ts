import { settingsPatchSchema, settingsSchema, type Settings } from '../../shared/settings';
import { checkProviderValues } from './provider-settings';
import { fieldErrorsOf } from './settings-errors';
import { storedSettingsSchema, windowBoundsSchema, type StoredSettings, type WindowBounds } from './settings-file';

// The one place settings are read and changed in main. Backed by electron-store in the app (any
// get/set store in tests); every change is validated with the shared schema and announced to
// listeners (tray, toasts, engine, windows). Secrets never come here: they go to the keychain.

export interface KeyValueBackend {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export type SettingsUpdate = { ok: true; settings: Settings; changed: Array<keyof Settings> } | { ok: false; fieldErrors: Record<string, string> };

export type SettingsListener = (settings: Settings, previous: Settings, changed: ReadonlyArray<keyof Settings>) => void;

const providerSettingsPatchSchema = settingsSchema.shape.providers;


/** Why a write failed, in words: "the disk is full" … */
export function whyNotWritten(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return `the settings folder cannot be written${code ? ` (${code})` : ''}`;
}

/** The sentence for a settings save that failed (disk full, folder read-only …). */
function settingsSaveFailedMessage(error: unknown): string {
  return `Ringtray could not save the settings because ${whyNotWritten(error)}. Nothing was changed. Free some space (or fix the folder's permissions) and try again.`;
}

export interface SettingsStoreOptions {
  /** Set when the settings file could not be written at start-up: every change is refused with this sentence. */
  readOnly?: string | null;
  /** A background write (window position, remembered user) failed; the value stays in memory. */
  onWriteError?: (what: string, error: unknown) => void;
}

export function createSettingsStore(backend: KeyValueBackend, initial: StoredSettings, options: SettingsStoreOptions = {}) {
  let current: StoredSettings = storedSettingsSchema.parse(initial);
  const listeners = new Set<SettingsListener>();
  const readOnly = options.readOnly ?? null;
  const writeInBackground = (key: string, value: unknown): void => {
    if (readOnly) return;
    try {
      backend.set(key, value);
    } catch (error) {
      options.onWriteError?.(key, error);
    }
  };

  return {
    get(): Settings {
      return structuredClone(current.settings);
    },
    update(patch: unknown): SettingsUpdate {
      const parsed = settingsPatchSchema.safeParse(patch);
      const previous = current.settings;
      // A provider's values merge over what is saved, then its own schema checks them (also
      // when another part of the patch is bad, so the form shows every problem at once).
      const changedProviders = providerSettingsPatchSchema.safeParse((patch as { providers?: unknown } | null)?.providers ?? {});
      const providers = { ...previous.providers };
      const fieldErrors: Record<string, string> = parsed.success ? {} : fieldErrorsOf(parsed.error);
      for (const [id, values] of Object.entries(changedProviders.success ? changedProviders.data : {})) {
        const checked = checkProviderValues(id, { ...(Object.hasOwn(previous.providers, id) ? previous.providers[id] : {}), ...values });
        if (checked.ok) providers[id] = checked.values;
        else Object.assign(fieldErrors, checked.fieldErrors);
      }
      if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
      const { providers: _checked, ...rest } = parsed.data;
      const next: Settings = { ...previous, ...rest, providers };
      const changed = (Object.keys(next) as Array<keyof Settings>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(previous[k]));
      if (changed.length === 0) return { ok: true, settings: structuredClone(next), changed };
      // Saved first, applied after: a change the disk refused must not live on in memory only
      // (it would be lost at the next start without anyone having been told).
      if (readOnly) return { ok: false, fieldErrors: { settings: readOnly } };
      try {
        backend.set('settings', next);
      } catch (error) {
        return { ok: false, fieldErrors: { settings: settingsSaveFailedMessage(error) } };
      }
      current = { ...current, settings: next };
      for (const listener of listeners) listener(structuredClone(next), structuredClone(previous), changed);
      return { ok: true, settings: structuredClone(next), changed };
    },
    /** Why settings cannot be saved this run, or null. */
    readOnly(): string | null {
      return readOnly;
    },
    onChange(listener: SettingsListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    mainWindowBounds(): WindowBounds | null {
      return current.windowBounds.main ?? null;
    },
    /** For the engine (RememberedUser): whose refresh token to look up at the next start. */
    rememberedUser: {
      get: (): string | null => current.rememberedUser,
      set: (user: string | null): void => {
        current = { ...current, rememberedUser: user };
        writeInBackground('rememberedUser', user);
      },
    },
    /** For the engine (ProviderState): what `provider` keeps between runs, in the settings file. */
    providerState: (provider: string) => ({
      get: (key: string): string | null => current.providerState[provider]?.[key] ?? null,
      set: (key: string, value: string | null): void => {
        const values = { ...current.providerState[provider] };
        if (value === null) delete values[key];
        else values[key] = value;
        current = { ...current, providerState: { ...current.providerState, [provider]: values } };
        writeInBackground('providerState', current.providerState);
      },
    }),
    /** Hosts the user allowed external links to; kept in the settings file. */
    approvedLinkHosts: {
      has: (host: string): boolean => current.approvedLinkHosts.includes(host),
      add: (host: string): void => {
        if (current.approvedLinkHosts.includes(host)) return;
        current = { ...current, approvedLinkHosts: [...current.approvedLinkHosts, host].slice(-50) };
        writeInBackground('approvedLinkHosts', current.approvedLinkHosts);
      },
    },
    saveMainWindowBounds(bounds: WindowBounds): void {
      const parsed = windowBoundsSchema.safeParse({
        x: Math.round(bounds.x),
        y: Math.round(bounds.y),
        width: Math.round(bounds.width),
        height: Math.round(bounds.height),
      });
      if (!parsed.success) return;
      current = { ...current, windowBounds: { ...current.windowBounds, main: parsed.data } };
      writeInBackground('windowBounds', current.windowBounds);
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
