import path from 'node:path';
import type { App } from 'electron';
import type { Logger } from '../engine/log/logger';
import { CALL_LINK_SCHEME, findCallLinkInArgv, parseCallLink } from './call-link';

// Where a ringtray://call/<id> link comes in, and what a second launch does:
// - Windows/Linux: the OS starts a second instance with the link in argv; the single-instance
//   lock makes it quit and the first instance gets 'second-instance' with that argv.
// - macOS: 'open-url' on the running app (registered before 'ready' so a cold start sees it too).
// - A cold start from a toast: the link is in this process's own argv.
// Anything that is not a valid call link just shows the main window.

export interface CallLinkRoutingOptions {
  app: Pick<App, 'on' | 'setAsDefaultProtocolClient' | 'isDefaultProtocolClient'>;
  platform: NodeJS.Platform;
  /** process.defaultApp: true when run as `electron .` in development. */
  defaultApp: boolean;
  /** app.isPackaged */
  isPackaged: boolean;
  /** Linux: running as an AppImage ($APPIMAGE is set). */
  appImage: boolean;
  /** process.argv of this process. */
  argv: readonly string[];
  execPath: string;
  openCallReport: (callId: string) => void;
  showMainWindow: () => void;
  log: Logger;
}

/**
 * Where registering the ringtray:// handler at run time does any good:
 * - Windows, always: toast clicks from the Action Center come back as ringtray:// links, also
 *   under `npm start` (then registered as electron.exe + the app path).
 * - macOS, a packaged app only: the bundle's Info.plist declares the scheme; in development the
 *   registration would make the bare Electron.app the handler.
 * - Linux, an installed package only: the deb's .desktop file declares the scheme. An AppImage
 *   lives at a path nothing else knows (a moved or deleted file would be left as the handler),
 *   and in development there is no .desktop file to register.
 */
function callLinkRegistration(options: Pick<CallLinkRoutingOptions, 'platform' | 'defaultApp' | 'isPackaged' | 'appImage'>): 'app' | 'development' | null {
  if (options.platform === 'win32') return options.defaultApp ? 'development' : 'app';
  if (options.platform === 'darwin') return options.isPackaged && !options.defaultApp ? 'app' : null;
  if (options.platform === 'linux') return options.isPackaged && !options.appImage ? 'app' : null;
  return null;
}

export function installCallLinkRouting(options: CallLinkRoutingOptions): { initialCallId: string | null } {
  const { app, log } = options;
  const registration = callLinkRegistration(options);
  // In development the executable is electron itself, so Windows must be told which app to pass
  // the link to (Electron's deep-links tutorial registers execPath + the app path this way).
  if (registration) {
    const registered =
      registration === 'development' && options.argv[1]
        ? app.setAsDefaultProtocolClient(CALL_LINK_SCHEME, options.execPath, [path.resolve(options.argv[1])])
        : app.setAsDefaultProtocolClient(CALL_LINK_SCHEME);
    if (!registered) log.warn('could not register the ringtray:// link handler; toast clicks from the notification centre may not open reports');
  }

  app.on('second-instance', (_event, argv) => {
    const callId = findCallLinkInArgv(argv);
    if (callId) options.openCallReport(callId);
    else options.showMainWindow();
  });

  app.on('open-url', (event, url) => {
    event.preventDefault();
    const callId = parseCallLink(url);
    if (callId) options.openCallReport(callId);
    else log.warn('ignored a link that is not a call link');
  });

  return { initialCallId: findCallLinkInArgv(options.argv) };
}
