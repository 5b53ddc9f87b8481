import type { z } from 'zod';
import { settingsPatchSchema, type Settings } from '../../shared/settings';
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

export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    // A strict object reports unknown keys as one issue at the parent's path.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')) : [issue.path.join('.') || 'settings'];
    const message = issue.code === 'unrecognized_keys' ? 'Unknown setting' : issue.message;
    for (const key of keys) errors[key] ??= message;
  }
  return errors;
}

export function createSettingsStore(backend: KeyValueBackend, initial: StoredSettings) {
  let current: StoredSettings = storedSettingsSchema.parse(initial);
  const listeners = new Set<SettingsListener>();

  return {
    get(): Settings {
      return structuredClone(current.settings);
    },
    update(patch: unknown): SettingsUpdate {
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
      const previous = current.settings;
      const { goto, ...rest } = parsed.data;
      const next: Settings = { ...previous, ...rest, goto: { ...previous.goto, ...goto } };
      const changed = (Object.keys(next) as Array<keyof Settings>).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(previous[k]));
      if (changed.length === 0) return { ok: true, settings: structuredClone(next), changed };
      current = { ...current, settings: next };
      backend.set('settings', next);
      for (const listener of listeners) listener(structuredClone(next), structuredClone(previous), changed);
      return { ok: true, settings: structuredClone(next), changed };
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
        backend.set('rememberedUser', user);
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
      backend.set('windowBounds', current.windowBounds);
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
