import { Notification } from 'electron';
import type { CallNotice } from '../../shared/calls';
import type { Logger } from '../engine/log/logger';
import { toastFor } from './notification-content';

// Native call toasts: one per call. A ringing toast stays until the call is answered, ends or is
// missed (then it is closed, or replaced by a missed-call toast). Every live toast is held in a
// Map by call id until it is clicked, closed or its call ends: a Notification nothing references
// is garbage-collected and its click never fires (docs/architecture.md#platform-notes).
// Do Not Disturb suppresses the toasts only; history and the missed count are kept elsewhere.

export interface ToastPreferences {
  doNotDisturb: boolean;
  /** settings.notificationSound === false */
  silent: boolean;
  demo: boolean;
}

export interface CallNotificationsOptions {
  platform: NodeJS.Platform;
  preferences: () => ToastPreferences;
  openCallReport: (callId: string) => void;
  log: Logger;
  /** The app icon shown in toasts (assets/icon.png). */
  icon?: string;
  /** Every toast the OS refused ('failed'), and every one it showed: see toast-health.ts. */
  onFailed?: (error: string) => void;
  onShown?: () => void;
}

interface LiveToast {
  kind: 'ringing' | 'missed';
  notification: Notification;
}

/** How many finished calls are remembered so a late or repeated notice shows no second toast. */
const FINISHED_MEMORY = 500;

export function createCallNotifications(options: CallNotificationsOptions) {
  const live = new Map<string, LiveToast>();
  const rang = new Set<string>();
  const finished = new Set<string>();

  const forget = (callId: string, notification?: Notification): void => {
    const entry = live.get(callId);
    if (entry && (!notification || entry.notification === notification)) live.delete(callId);
  };

  const closeToast = (callId: string): void => {
    const entry = live.get(callId);
    if (!entry) return;
    live.delete(callId);
    entry.notification.close();
  };

  const markFinished = (callId: string): void => {
    rang.delete(callId);
    finished.add(callId);
    if (finished.size > FINISHED_MEMORY) {
      const oldest = finished.values().next().value;
      if (oldest !== undefined) finished.delete(oldest);
    }
  };

  const show = (notice: CallNotice, kind: LiveToast['kind']): void => {
    const prefs = options.preferences();
    if (prefs.doNotDisturb && !notice.bypassDoNotDisturb) {
      options.log.debug('toast suppressed by Do Not Disturb', { callId: notice.callId, kind });
      return;
    }
    if (!Notification.isSupported()) {
      options.log.warn('this system shows no notifications', { callId: notice.callId });
      return;
    }
    const content = toastFor(notice, { platform: options.platform, silent: prefs.silent, demo: prefs.demo, icon: options.icon });
    if (!content) return;
    const notification = new Notification(content);
    const { callId } = notice;
    notification.on('click', () => {
      forget(callId, notification);
      options.openCallReport(callId);
    });
    // Windows also emits 'close' when a toast moves to the Action Center; a later click there
    // comes back through the toast's ringtray:// link, not through this object.
    notification.on('close', () => forget(callId, notification));
    notification.on('show', () => options.onShown?.());
    // macOS refuses every toast of an unsigned app this way (Electron 45); Windows when the
    // AppUserModelId has no shortcut. Logged and reported, so the tray and window can say so.
    notification.on('failed', (_event, error) => {
      forget(callId, notification);
      options.log.warn('a toast could not be shown', { callId, error });
      options.onFailed?.(String(error));
    });
    live.set(callId, { kind, notification });
    notification.show();
  };

  return {
    handle(notice: CallNotice): void {
      const { callId } = notice;
      switch (notice.type) {
        case 'ringing':
          // One toast per call: a repeated ringing (reconnect, backfill) changes nothing.
          if (rang.has(callId) || finished.has(callId) || live.has(callId)) return;
          rang.add(callId);
          show(notice, 'ringing');
          return;
        case 'missed':
          if (finished.has(callId)) return;
          closeToast(callId);
          markFinished(callId);
          show(notice, 'missed');
          return;
        case 'answered':
        case 'ended':
          // A missed-call toast stays for the user to see; a ringing one goes.
          if (live.get(callId)?.kind === 'ringing') closeToast(callId);
          if (notice.type === 'ended') markFinished(callId);
          return;
        case 'report':
          return;
      }
    },
    /** On quit: close every toast this run showed. */
    closeAll(): void {
      for (const callId of [...live.keys()]) closeToast(callId);
    },
    /** The live toast of a call (tests; the reference the map keeps alive). */
    liveToast(callId: string): Notification | undefined {
      return live.get(callId)?.notification;
    },
    get liveCount(): number {
      return live.size;
    },
  };
}

export type CallNotifications = ReturnType<typeof createCallNotifications>;
