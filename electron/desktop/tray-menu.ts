import type { MenuItemConstructorOptions } from 'electron';
import type { CallSummary } from '../../shared/calls';
import { callerLabel } from './notification-content';
import { missedWords, stateWords, type TrayView } from './tray-state';

// The tray's context menu as a pure function of state, turned into a Menu by tray.ts. Every
// action is here, because Linux app indicators ignore clicks on the icon itself (Electron's Tray
// docs, "Platform limitations") and GNOME may not deliver them at all (docs/architecture.md#platform-notes).

export interface TrayActions {
  openCallReport(callId: string): void;
  openMainWindow(): void;
  openSettings(): void;
  setDoNotDisturb(on: boolean): void;
  signIn(): void;
  cancelSignIn(): void;
  signOut(): void;
  /** Needs-attention: start the stopped connection anew now. */
  retry(): void;
  startDemo(): void;
  setStartAtLogin(on: boolean): void;
  quit(): void;
}

const RECENT_CALLS_IN_MENU = 5;

const OUTCOME_WORDS: Record<CallSummary['outcome'], string> = {
  answered: 'answered',
  missed: 'missed',
  voicemail: 'voicemail',
  abandoned: 'hung up',
  other: 'ended',
  ringing: 'ringing',
  'in-progress': 'in progress',
};

function recentCallLabel(call: CallSummary, formatTime: (iso: string) => string): string {
  const direction = call.direction === 'outbound' ? '\u2197 ' : '';
  return `${direction}${callerLabel(call.caller)} \u2014 ${OUTCOME_WORDS[call.outcome]}, ${formatTime(call.startedAt)}`;
}

/** "10:42" in the user's locale. */
function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/**
 * A label made from data (a caller's name, a status message) as a menu shows it literally: a
 * single `&` marks a mnemonic and vanishes on Windows and Linux (macOS strips it too), `&&` is one
 * literal `&` (Electron's MenuItem docs).
 */
export function literalMenuLabel(text: string): string {
  return text.replaceAll('&', '&&');
}

export function trayMenuTemplate(view: TrayView, actions: TrayActions, formatTime: (iso: string) => string = localTime): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ label: `${view.demo ? 'Demo \u2014 ' : ''}${stateWords(view.state)}`, enabled: false }];
  if (view.message) items.push({ label: literalMenuLabel(view.message.length > 90 ? `${view.message.slice(0, 89)}\u2026` : view.message), enabled: false });
  // Where a toast problem is explained in full: the main window's banner.
  if (view.toastProblem) items.push({ label: '\u26a0 Notifications are not showing\u2026', click: () => actions.openMainWindow() });
  // A stopped connection: the way out comes first, right under what is wrong.
  if (view.state === 'needs-attention') items.push({ label: 'Retry now', click: () => actions.retry() });
  const missed = missedWords(view.missedCount);
  if (missed) items.push({ label: missed, click: () => actions.openMainWindow() });

  items.push({ type: 'separator' });
  const recent = view.recentCalls.slice(0, RECENT_CALLS_IN_MENU);
  if (recent.length === 0) items.push({ label: 'No calls yet', enabled: false });
  else {
    items.push({ label: 'Recent calls', enabled: false });
    for (const call of recent) {
      items.push({ label: literalMenuLabel(recentCallLabel(call, formatTime)), click: () => actions.openCallReport(call.callId) });
    }
  }

  items.push({ type: 'separator' });
  items.push({ label: 'Do Not Disturb', type: 'checkbox', checked: view.doNotDisturb, click: (item) => actions.setDoNotDisturb(item.checked) });
  items.push(...accountItems(view, actions));
  items.push({ label: 'Open Ringtray', click: () => actions.openMainWindow() });
  items.push({ label: 'Settings\u2026', click: () => actions.openSettings() });
  items.push({ label: 'Start at login', type: 'checkbox', checked: view.startAtLogin, click: (item) => actions.setStartAtLogin(item.checked) });
  items.push({ type: 'separator' });
  items.push({ label: 'Quit Ringtray', click: () => actions.quit() });
  return items;
}

function accountItems(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  if (view.state === 'signing-in') return [{ label: 'Cancel sign-in', click: () => actions.cancelSignIn() }];
  if (view.demo) return [{ label: 'Leave demo and sign in\u2026', click: () => actions.signIn() }];
  // Stopped: a new sign-in (another user, fresh rights) is one of the ways out.
  if (view.state === 'needs-attention') return [{ label: 'Sign in again\u2026', click: () => actions.signIn() }, { label: 'Sign out', click: () => actions.signOut() }];
  if (view.state === 'signed-out' || view.state === 'needs-sign-in') {
    return [
      { label: 'Sign in\u2026', click: () => actions.signIn() },
      { label: 'Try the demo', click: () => actions.startDemo() },
    ];
  }
  return [{ label: 'Sign out', click: () => actions.signOut() }];
}
