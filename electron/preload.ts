import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_KEY, type RingtrayApi } from '../shared/ipc/api';
import { INVOKE, PUSH, type InvokeChannel, type IpcResult, type PushChannel } from '../shared/ipc/channels';
import type { InvokeRequest, InvokeResponse, PushPayload } from '../shared/ipc/schemas';

// Runs in the sandboxed renderer before the page: bundled to CommonJS (a sandboxed preload
// cannot be an ES module) with no dependency but `electron`. It exposes named functions only,
// never ipcRenderer itself or a generic invoke, so the page can ask for nothing the contract
// does not name. Payloads are validated in main, not here; the types below make a channel used
// with another channel's payload or answer a compile error.

/** The payload a channel takes: none, or optional, for channels whose request may be undefined. */
type PayloadArgs<C extends InvokeChannel> = undefined extends InvokeRequest<C> ? [payload?: InvokeRequest<C>] : [payload: InvokeRequest<C>];
/** Channels that answer only `{ done: true }`. */
type DoneChannel = { [C in InvokeChannel]: InvokeResponse<C> extends { done: true } ? C : never }[InvokeChannel];

export async function invoke<C extends InvokeChannel>(channel: C, ...[payload]: PayloadArgs<C>): Promise<InvokeResponse<C>> {
  const result = (await ipcRenderer.invoke(channel, payload)) as IpcResult<InvokeResponse<C>>;
  if (!result.ok) {
    const error = new Error(result.error.message);
    error.name = `RingtrayError:${result.error.code}`;
    throw error;
  }
  return result.value;
}

function subscribe<C extends PushChannel>(channel: C, listener: (payload: PushPayload<C>) => void): () => void {
  // The IpcRendererEvent is not passed on: it exposes `sender`, i.e. ipcRenderer itself.
  const wrapped = (_event: IpcRendererEvent, payload: PushPayload<C>) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => ipcRenderer.removeListener(channel, wrapped);
}

const done = async <C extends DoneChannel>(channel: C, ...payload: PayloadArgs<C>): Promise<void> => {
  await invoke(channel, ...payload);
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
  removeClientSecret: () => done(INVOKE.removeClientSecret),
  listLines: () => invoke(INVOKE.listLines),
  detectAccountKey: () => invoke(INVOKE.detectAccountKey),
  signIn: () => done(INVOKE.signIn),
  cancelSignIn: () => done(INVOKE.cancelSignIn),
  signOut: () => done(INVOKE.signOut),
  retryConnection: () => done(INVOKE.retryConnection),
  startDemo: (provider) => done(INVOKE.startDemo, provider ? { provider } : undefined),
  listProviders: () => invoke(INVOKE.listProviders),
  openCrm: (number) => invoke(INVOKE.openCrm, { number }),
  copyText: (text) => done(INVOKE.copyText, { text }),
  answerProxySignIn: (proxy, credentials) => done(INVOKE.answerProxySignIn, { proxy, credentials }),
  onStatusChanged: (listener) => subscribe(PUSH.statusChanged, listener),
  onCallNotice: (listener) => subscribe(PUSH.callNotice, listener),
  onSettingsChanged: (listener) => subscribe(PUSH.settingsChanged, listener),
};

contextBridge.exposeInMainWorld(API_KEY, ringtrayApi);
