// IPC channel names, in one place (the idea of mattermost/desktop's single constants file).
// This file has no runtime dependencies so the sandboxed preload can bundle it; the payload
// schemas live in ./schemas.ts, which main uses to validate every message.

/** Renderer → main, request/response (`ipcRenderer.invoke` / `ipcMain.handle`). */
export const INVOKE = {
  getVersion: 'app:get-version',
  getStatus: 'app:get-status',
  listRecentCalls: 'calls:list-recent',
  getCallDetails: 'calls:get-details',
  openCallReport: 'calls:open-report',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  setClientSecret: 'settings:set-client-secret',
  removeClientSecret: 'settings:remove-client-secret',
  listLines: 'account:list-lines',
  detectAccountKey: 'account:detect-key',
  signIn: 'auth:sign-in',
  cancelSignIn: 'auth:cancel-sign-in',
  signOut: 'auth:sign-out',
  retryConnection: 'app:retry-connection',
  startDemo: 'app:start-demo',
  listProviders: 'providers:list',
  openCrm: 'external:open-crm',
  copyText: 'clipboard:write-text',
  answerProxySignIn: 'network:answer-proxy-sign-in',
} as const;

/** Main → renderer pushes (`webContents.send` / `ipcRenderer.on`). */
export const PUSH = {
  statusChanged: 'app:status-changed',
  callNotice: 'calls:notice',
  settingsChanged: 'settings:changed',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];
export type PushChannel = (typeof PUSH)[keyof typeof PUSH];

/** Errors cross the process boundary as data; the preload turns them back into an Error. */
export type IpcErrorCode = 'forbidden' | 'bad-request' | 'failed';

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; message: string } };
