import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_KEY, type RingtrayApi } from '../shared/ipc/api';
import { INVOKE, PUSH, type IpcResult } from '../shared/ipc/channels';

// Runs in the sandboxed renderer before the page: bundled to CommonJS (a sandboxed preload
// cannot be an ES module) with no dependency but `electron`. It exposes named functions only,
// never ipcRenderer itself or a generic invoke, so the page can ask for nothing the contract
// does not name. Payloads are validated in main, not here.

async function invoke<T>(channel: string, payload?: unknown): Promise<T> {
  const result = (await ipcRenderer.invoke(channel, payload)) as IpcResult<T>;
  if (!result.ok) {
    const error = new Error(result.error.message);
    error.name = `RingtrayError:${result.error.code}`;
    throw error;
  }
  return result.value;
}

function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  // The IpcRendererEvent is not passed on: it exposes `sender`, i.e. ipcRenderer itself.
  const wrapped = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

const done = async (channel: string, payload?: unknown): Promise<void> => {
  await invoke(channel, payload);
};

export const ringtrayApi: RingtrayApi = {
  getVersion: () => invoke(INVOKE.getVersion),
  getStatus: () => invoke(INVOKE.getStatus),
  listRecentCalls: (query) => invoke(INVOKE.listRecentCalls, query ?? {}),
  getCallDetails: (callId) => invoke(INVOKE.getCallDetails, { callId }),
  openCallReport: (callId) => done(INVOKE.openCallReport, { callId }),
  getSettings: () => invoke(INVOKE.getSettings),
  updateSettings: (patch) => invoke(INVOKE.updateSettings, patch),
  setClientSecret: (clientSecret) => invoke(INVOKE.setClientSecret, { clientSecret }),
  listLines: () => invoke(INVOKE.listLines),
  detectAccountKey: () => invoke(INVOKE.detectAccountKey),
  signIn: () => done(INVOKE.signIn),
  cancelSignIn: () => done(INVOKE.cancelSignIn),
  signOut: () => done(INVOKE.signOut),
  startDemo: () => done(INVOKE.startDemo),
  openCrm: (number) => invoke(INVOKE.openCrm, { number }),
  copyText: (text) => done(INVOKE.copyText, { text }),
  onStatusChanged: (listener) => subscribe(PUSH.statusChanged, listener),
  onCallNotice: (listener) => subscribe(PUSH.callNotice, listener),
  onSettingsChanged: (listener) => subscribe(PUSH.settingsChanged, listener),
};

contextBridge.exposeInMainWorld(API_KEY, ringtrayApi);
