// Whether the OS is showing Ringtray's toasts. A toast the OS refuses emits 'failed' and shows
// nothing — on macOS every toast of an unsigned (or not notarized) build does, and on any system
// notifications can be turned off for the app. The user would simply never see a call, so the
// problem is shown where they look instead: a line in the tray menu and tooltip, and a banner in
// the main window. The next toast that does show clears it.

export function toastProblemMessage(platform: NodeJS.Platform): string {
  if (platform === 'darwin') {
    return 'Call notifications are not showing. macOS shows them only for a signed Ringtray: install a signed release, and check System Settings \u2192 Notifications \u2192 Ringtray.';
  }
  if (platform === 'win32') {
    return 'Call notifications are not showing. Check Settings \u2192 System \u2192 Notifications \u2192 Ringtray, and start Ringtray from its Start-menu shortcut.';
  }
  return 'Call notifications are not showing. Check that your desktop runs a notification service and that notifications are allowed for Ringtray.';
}

export function createToastHealth(options: { platform: NodeJS.Platform; onChange: () => void }) {
  let problem: string | null = null;
  return {
    failed(): void {
      if (problem) return;
      problem = toastProblemMessage(options.platform);
      options.onChange();
    },
    shown(): void {
      if (!problem) return;
      problem = null;
      options.onChange();
    },
    get problem(): string | null {
      return problem;
    },
  };
}
