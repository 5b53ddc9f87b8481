import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProviderState } from '../providers/provider-module';
import type { RememberedUser } from '../ringtray-engine';

// Headless runs with the keychain remember who signed in, and with which provider (not secrets:
// they only name the keychain entry holding the refresh token), in a small JSON file, so the next
// run resumes without a browser. Runs with RINGTRAY_SECRETS=memory remember nothing.

export function headlessStatePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'ringtray', 'headless-state.json');
}

/**
 * `provider`: the user is remembered for this provider only (a run with another provider starts
 * signed out). A file without a provider was written before there were several: `legacyProvider`'s.
 */
export function fileRememberedUser(file: string, scope: { provider: string; legacyProvider: string }, onError: (error: unknown) => void): RememberedUser {
  let user: string | null = null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const saved = parsed && typeof parsed === 'object' ? (parsed as { user?: unknown; provider?: unknown }) : {};
    const savedProvider = typeof saved.provider === 'string' ? saved.provider : scope.legacyProvider;
    if (typeof saved.user === 'string' && savedProvider === scope.provider) user = saved.user;
  } catch (error) {
    // No file yet, or a damaged one: start signed out (the refresh token is still in the keychain).
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error);
  }
  return {
    get: () => user,
    set(next) {
      if (next === user) return;
      user = next;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify({ user: next, provider: scope.provider })}\n`, { mode: 0o600 });
        renameSync(tmp, file);
      } catch (error) {
        onError(error);
      }
    },
  };
}

/**
 * What a provider keeps between headless runs (ProviderState: ids of what it made at the
 * provider, never secrets), for runs whose secrets are in the keychain: the next run reuses them.
 * One file for every provider: `{ "<provider>": { "<key>": "<value>" } }`.
 */
export function fileProviderState(file: string, provider: string, onError: (error: unknown) => void): ProviderState {
  const read = (report: boolean): Record<string, Record<string, string>> => {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, Record<string, string>>;
    } catch (error) {
      if (report && (error as NodeJS.ErrnoException).code !== 'ENOENT') onError(error);
    }
    return {};
  };
  let all = read(true);
  const own = (): Record<string, string> => {
    const values = all[provider];
    return values && typeof values === 'object' ? values : {};
  };
  return {
    get: (key) => {
      const value = own()[key];
      return typeof value === 'string' ? value : null;
    },
    set(key, value) {
      // Read again first: another provider's run may have written its own section since.
      all = { ...read(false), [provider]: own() };
      const values = { ...own() };
      if (value === null) delete values[key];
      else values[key] = value;
      all = { ...all, [provider]: values };
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify(all)}\n`, { mode: 0o600 });
        renameSync(tmp, file);
      } catch (error) {
        onError(error);
      }
    },
  };
}

export function headlessProviderStatePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.dirname(headlessStatePath(env)), 'headless-provider-state.json');
}
