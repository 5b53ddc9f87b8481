import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { providerIdSchema } from '../../shared/providers';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';
import { migrateLegacyProviderSettings } from './provider-settings';

// Reads and checks the settings file before electron-store opens it. electron-store would either
// throw on a corrupt file or (clearInvalidConfig) silently wipe it; neither tells the user, and
// wiping loses a file someone may have hand-edited. So: a file that is not JSON or fails the
// schema is renamed to `settings.json.corrupt-<timestamp>`, defaults are written in its place,
// and the caller gets a sentence to log and show once. No Electron here: tested on temp files.

export const SETTINGS_FILE_NAME = 'settings';

export const windowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(100).max(20_000),
  height: z.number().int().min(100).max(20_000),
});
export type WindowBounds = z.output<typeof windowBoundsSchema>;

export const storedSettingsSchema = z.object({
  settings: settingsSchema,
  windowBounds: z.object({ main: windowBoundsSchema.optional() }).default({}),
  /** The signed-in user's name: not a secret, it names the keychain entry of the refresh token. */
  rememberedUser: z.string().min(1).max(500).nullable().default(null),
  /** Hosts the user allowed links to (the CRM template's), asked once each. */
  approvedLinkHosts: z.array(z.string().min(1).max(253)).max(50).default([]),
  /** Small non-secret values each provider keeps between runs (ProviderState: e.g. ids of what it made at the provider to reuse). */
  providerState: z.record(providerIdSchema, z.record(z.string().min(1).max(64), z.string().max(500))).default({}),
});
export type StoredSettings = z.output<typeof storedSettingsSchema>;

export const DEFAULT_STORED_SETTINGS: StoredSettings = { settings: DEFAULT_SETTINGS, windowBounds: {}, rememberedUser: null, approvedLinkHosts: [], providerState: {} };

export interface SettingsLoadResult {
  data: StoredSettings;
  /** Set when the file was corrupt: where the old one went and a sentence for the user. */
  recovered: { backupPath: string; reason: string; message: string } | null;
}

export function settingsFilePath(dir: string): string {
  return path.join(dir, `${SETTINGS_FILE_NAME}.json`);
}

/**
 * Settings added in a later version are missing from an older file: fill them from the defaults
 * before validating, so an upgrade is not mistaken for corruption. Wrong values still fail.
 */
function withDefaults(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const file = raw as { settings?: unknown; windowBounds?: unknown };
  const settings = file.settings;
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) return raw;
  // A file from before providers were plug-ins keeps its provider block under the provider's
  // legacy key: it moves to providers.<id> and that provider stays the active one.
  const s = migrateLegacyProviderSettings((settings ?? {}) as Record<string, unknown>) as Partial<Record<keyof Settings, unknown>>;
  return { ...file, settings: { ...DEFAULT_SETTINGS, ...s } };
}

/** The settings as far as they can be read, writing nothing (when the disk cannot be written). */
export function readSettingsFileOnly(dir: string): StoredSettings {
  try {
    const parsed = storedSettingsSchema.safeParse(withDefaults(JSON.parse(readFileSync(settingsFilePath(dir), 'utf8'))));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing, unreadable or not JSON: the defaults below.
  }
  return structuredClone(DEFAULT_STORED_SETTINGS);
}

export function loadSettingsFile(dir: string, options: { now?: () => Date } = {}): SettingsLoadResult {
  const file = settingsFilePath(dir);
  if (!existsSync(file)) return { data: structuredClone(DEFAULT_STORED_SETTINGS), recovered: null };

  let reason: string;
  try {
    const parsed = storedSettingsSchema.safeParse(withDefaults(JSON.parse(readFileSync(file, 'utf8'))));
    if (parsed.success) return { data: parsed.data, recovered: null };
    reason = parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; ');
  } catch (error) {
    reason = error instanceof SyntaxError ? `not valid JSON (${error.message})` : `unreadable (${String(error)})`;
  }

  // ':' is not allowed in Windows file names.
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const backupPath = `${file}.corrupt-${stamp}`;
  renameSync(file, backupPath);
  const data = structuredClone(DEFAULT_STORED_SETTINGS);
  writeFileSync(file, `${JSON.stringify(data, null, '\t')}\n`, { mode: 0o600 });
  return {
    data,
    recovered: {
      backupPath,
      reason,
      message: `Ringtray could not read its settings file, so it started with default settings. The old file was kept as ${path.basename(backupPath)}.`,
    },
  };
}
