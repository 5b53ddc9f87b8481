import path from 'node:path';
import type { CallSummary } from '../../shared/calls';
import type { ConnectionState } from '../../shared/status';

// What the tray shows, as a pure function of the app's state: which icon, which words.

export interface TrayView {
  state: ConnectionState;
  message: string | null;
  demo: boolean;
  missedCount: number;
  doNotDisturb: boolean;
  startAtLogin: boolean;
  /** Newest first; the menu lists the first five. */
  recentCalls: readonly CallSummary[];
  /** Set while the OS refuses the app's toasts (toast-health.ts). */
  toastProblem?: string | null;
}

/** The icon sets scripts/make-icons.ts draws in assets/tray/ (test/packaging checks each file exists). */
export const TRAY_ICON_NAMES = ['signed-out', 'connecting', 'live', 'reconnecting', 'attention', 'dnd', 'missed'] as const;
export type TrayIconName = (typeof TRAY_ICON_NAMES)[number];

/** A connection problem outranks Do Not Disturb, which outranks missed calls. */
export function trayIconName(view: Pick<TrayView, 'state' | 'doNotDisturb' | 'missedCount'>): TrayIconName {
  switch (view.state) {
    case 'signed-out':
    case 'needs-sign-in':
      return 'signed-out';
    case 'signing-in':
    case 'connecting':
      return 'connecting';
    // One drawing (a slashed glyph) for both: the tooltip tells them apart.
    case 'reconnecting':
    case 'offline':
      return 'reconnecting';
    // Stopped until someone acts: its own drawing, so "waiting" and "stuck" never look alike.
    case 'needs-attention':
      return 'attention';
    case 'live':
      if (view.doNotDisturb) return 'dnd';
      return view.missedCount > 0 ? 'missed' : 'live';
  }
}

/**
 * The file for an icon on a platform: macOS a template image (black + alpha; the menu bar tints
 * it, and Electron picks `…@2x.png` beside it by itself), Windows an .ico (Electron's tray docs
 * recommend ICO there), Linux a PNG.
 */
export function trayIconFile(assetsDir: string, name: TrayIconName, platform: NodeJS.Platform): string {
  const dir = path.join(assetsDir, 'tray');
  if (platform === 'darwin') return path.join(dir, `${name}Template.png`);
  if (platform === 'win32') return path.join(dir, `${name}.ico`);
  return path.join(dir, `${name}.png`);
}

const STATE_WORDS: Record<ConnectionState, string> = {
  'signed-out': 'Signed out',
  'signing-in': 'Signing in\u2026',
  connecting: 'Connecting\u2026',
  live: 'Live \u2014 watching for calls',
  reconnecting: 'Reconnecting\u2026',
  offline: 'Offline \u2014 waiting for the network',
  'needs-sign-in': 'Signed out \u2014 sign in again',
  'needs-attention': 'Stopped \u2014 needs your attention',
};

export function stateWords(state: ConnectionState): string {
  return STATE_WORDS[state];
}

export function missedWords(count: number): string | null {
  if (count <= 0) return null;
  return count === 1 ? '1 missed call' : `${count} missed calls`;
}

/** "Ringtray (demo): Live — watching for calls · Do Not Disturb · 2 missed calls" */
export function trayTooltip(view: Pick<TrayView, 'state' | 'demo' | 'doNotDisturb' | 'missedCount' | 'toastProblem'>): string {
  const parts = [`Ringtray${view.demo ? ' (demo)' : ''}: ${stateWords(view.state)}`];
  if (view.toastProblem) parts.push('notifications are not showing');
  if (view.doNotDisturb) parts.push('Do Not Disturb');
  const missed = missedWords(view.missedCount);
  if (missed) parts.push(missed);
  return parts.join(' \u00b7 ');
}
