// The electron-builder `appId`. Windows shows a toast only for an app whose AppUserModelId
// matches the installed shortcut's, which electron-builder sets to the appId; a test keeps this
// constant and electron-builder.yml in step.
export const APP_ID = 'com.ringtray.app';
export const PRODUCT_NAME = 'Ringtray';
