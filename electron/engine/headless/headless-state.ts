import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RememberedUser } from '../ringtray-engine';

// Headless runs with the keychain remember who signed in (GoTo's `principal`, not a secret: it
// only names the keychain entry holding the refresh token) in a small JSON file, so the next run
// resumes without a browser. Runs with RINGTRAY_SECRETS=memory remember nothing.

export function headlessStatePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'ringtray', 'headless-state.json');
}

export function fileRememberedUser(file: string, onError: (error: unknown) => void): RememberedUser {
  let user: string | null = null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { user?: unknown }).user === 'string') user = (parsed as { user: string }).user;
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
        writeFileSync(tmp, `${JSON.stringify({ user: next })}\n`, { mode: 0o600 });
        renameSync(tmp, file);
      } catch (error) {
        onError(error);
      }
    },
  };
}
