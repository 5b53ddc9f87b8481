// What `npm run smoke` (scripts/smoke.ts) and the app's test-only hook (electron/desktop/
// smoke-hooks.ts) agree on. No imports: Node runs the smoke script by stripping types, and the
// app bundles this file.

/** Set to "1" by the smoke script; an unpackaged build then installs the hook. */
export const SMOKE_ENV = 'RINGTRAY_SMOKE';
/** Where the hook writes what the engine left on the demo server when it stopped. */
export const SMOKE_REPORT_ENV = 'RINGTRAY_SMOKE_REPORT';
/** A throwaway userData folder, so a smoke run never touches the user's settings. */
export const SMOKE_USER_DATA_ENV = 'RINGTRAY_SMOKE_USER_DATA';
/** The main-process global the smoke script reads through Playwright's evaluate(). */
export const SMOKE_GLOBAL = '__ringtraySmoke';

export interface SmokeToast {
  callId: string;
  title: string;
  /** The OS said it showed the toast ('show'), refused it ('failed'), or has said nothing yet. */
  outcome: 'pending' | 'shown' | 'failed';
}

export interface SmokeConsoleMessage {
  url: string;
  level: string;
  message: string;
}

/** What the engine left on the demo server after it stopped (written at quit). */
export interface SmokeLeftovers {
  liveChannels: number;
  openSockets: number;
}

export interface SmokeProbe {
  toasts: SmokeToast[];
  console: SmokeConsoleMessage[];
  /** Emits 'click' on the live toast of a call, as the OS does when the user clicks it. */
  clickToast(callId: string): boolean;
}
