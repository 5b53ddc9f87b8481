// The electron-builder `appId`. Windows shows a toast only for an app whose AppUserModelId
// matches the installed shortcut's, which electron-builder sets to the appId; a test keeps this
// constant and electron-builder.yml in step.
export const APP_ID = 'com.ringtray.app';
export const PRODUCT_NAME = 'Ringtray';

/**
 * The AppUserModelId to set. A packaged build uses the appId, which the installer gives its
 * Start-menu shortcut. Under `npm start` there is no such shortcut, and Windows drops every toast
 * of an id without one: Electron's notifications tutorial advises process.execPath in
 * development (with node_modules\electron\dist\electron.exe pinned to the Start menu if Windows
 * still shows nothing; see README).
 */
export function appUserModelId(isPackaged: boolean, execPath: string): string {
  return isPackaged ? APP_ID : execPath;
}
