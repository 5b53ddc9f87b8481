import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { App, Notification } from 'electron';
import { SMOKE_ENV, SMOKE_GLOBAL, SMOKE_REPORT_ENV, SMOKE_USER_DATA_ENV, type SmokeLeftovers, type SmokeProbe } from '../../scripts/smoke-contract';

// Test-only. `npm run smoke` drives the built app in a real Electron and has to see what a
// person would: that a toast was shown and can be clicked, what the pages logged (a CSP
// violation is logged there), and what the engine left on the provider when it stopped. The hook
// exists only when RINGTRAY_SMOKE=1 on an unpackaged build (`electron .`): an installed app never
// has it, whatever its environment says.

type Env = Record<string, string | undefined>;

export function smokeHooksEnabled(env: Env, isPackaged: boolean): boolean {
  return !isPackaged && env[SMOKE_ENV] === '1';
}

/** Before anything reads userData: a smoke run keeps its settings and logs in a throwaway folder. */
export function applySmokeUserData(app: Pick<App, 'setPath'>, env: Env): void {
  const dir = env[SMOKE_USER_DATA_ENV];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  app.setPath('userData', path.resolve(dir));
}

export interface SmokeHookOptions {
  app: Pick<App, 'on'>;
  env: Env;
  /** The live toast of a call (call-notifications.ts liveToast). */
  liveToast: (callId: string) => Notification | undefined;
  /** Where the probe is published for Playwright's evaluate(); globalThis in the app. */
  target?: Record<string, unknown>;
}

export function installSmokeHooks(options: SmokeHookOptions) {
  const probe: SmokeProbe = {
    toasts: [],
    console: [],
    clickToast(callId) {
      const toast = options.liveToast(callId);
      if (!toast) return false;
      toast.emit('click', { preventDefault: () => undefined });
      return true;
    },
  };
  (options.target ?? (globalThis as Record<string, unknown>))[SMOKE_GLOBAL] = probe;

  options.app.on('web-contents-created', (_event, contents) => {
    contents.on('console-message', (details) => {
      probe.console.push({ url: contents.getURL(), level: details.level, message: details.message });
    });
  });

  return {
    probe,
    /** After a ringing notice was handled: records its toast, if one was made. */
    toastRequested(callId: string): void {
      const toast = options.liveToast(callId);
      if (!toast || probe.toasts.some((t) => t.callId === callId)) return;
      const entry = { callId, title: toast.title, outcome: 'pending' as 'pending' | 'shown' | 'failed' };
      probe.toasts.push(entry);
      toast.on('show', () => (entry.outcome = 'shown'));
      toast.on('failed', () => (entry.outcome = 'failed'));
    },
    /** The demo engine stopped; the sandbox still holds whatever it did not delete. */
    engineStopped(sandbox: { stats: { liveChannels: number; openSockets: number } }): void {
      const file = options.env[SMOKE_REPORT_ENV];
      if (!file) return;
      const leftovers: SmokeLeftovers = { liveChannels: sandbox.stats.liveChannels, openSockets: sandbox.stats.openSockets };
      writeFileSync(file, JSON.stringify(leftovers));
    },
  };
}
