import { describe, expect, it, vi } from 'vitest';
import { INVOKE, PUSH } from '../shared/ipc/channels';
import type { AppStatusView, RingtrayApi } from '../shared/ipc/api';
import { silentLogger } from './engine/log/logger';
import { FakeIpc } from '../test/support/fake-electron';
import { registerAppInfoHandlers } from './desktop/app-info-handlers';
import { createIpcRouter } from './desktop/ipc/ipc-router';
import { createTrustedSenderCheck } from './desktop/ipc/trusted-sender';

// The first channel end to end: renderer API (preload) → IPC → main's validated router →
// handler → answer. Electron cannot run here, so `electron` is mocked with an in-memory IPC
// bus that clones payloads like Electron does; everything else is the real code.
const ipc = new FakeIpc();
const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  ipcRenderer: ipc.ipcRenderer,
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
}));

const { invoke } = await import('./preload');
const api = exposed.ringtray as RingtrayApi;

const router = createIpcRouter({ ipcMain: ipc.ipcMain, isTrustedSender: createTrustedSenderCheck(), log: silentLogger });
registerAppInfoHandlers(router, { name: 'Ringtray', version: '0.1.0', electronVersion: '45.4.1', platform: 'linux' });

describe('preload', () => {
  it('exposes named functions only, under window.ringtray', () => {
    expect(Object.keys(exposed)).toEqual(['ringtray']);
    // Every invoke channel has exactly one named function, plus one subscription per push.
    expect(Object.keys(api).length).toBe(Object.keys(INVOKE).length + Object.keys(PUSH).length);
    expect(Object.keys(api)).toEqual(expect.arrayContaining([...Object.keys(INVOKE), 'onStatusChanged', 'onCallNotice', 'onSettingsChanged']));
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('invoke');
  });

  it('app:get-version travels renderer → main → renderer', async () => {
    await expect(api.getVersion()).resolves.toEqual({ name: 'Ringtray', version: '0.1.0', electron: '45.4.1', platform: 'linux' });
  });

  it('types invoke per channel: a wrong payload or answer does not compile, and main refuses it', async () => {
    // `npm run typecheck` compiles this file: it fails when an expected error does not occur, so
    // each marked line proves tsc rejects a channel paired with another channel's payload or answer.
    // @ts-expect-error app:get-version takes no payload
    await expect(invoke(INVOKE.getVersion, { callId: 'c1' })).rejects.toMatchObject({ name: 'RingtrayError:bad-request' });
    // @ts-expect-error calls:get-details needs { callId }
    await expect(invoke(INVOKE.getCallDetails)).rejects.toThrow();
    // @ts-expect-error app:get-version answers a version, not a status
    const status: AppStatusView = await invoke(INVOKE.getVersion);
    expect(status).not.toHaveProperty('state');
  });

  it("turns main's refusal into an Error with a readable message", async () => {
    ipc.senderFrame = { url: 'https://evil.example/', parent: null };
    try {
      await expect(api.getVersion()).rejects.toThrow('This page may not talk to Ringtray.');
    } finally {
      ipc.senderFrame = { url: 'ringtray-app://ui/index.html#/', parent: null };
    }
  });

  it('delivers pushes without the IPC event and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = api.onStatusChanged((s) => seen.push(s));
    const status = { state: 'live', message: null, at: 'now' };
    ipc.rendererListeners.emit(PUSH.statusChanged, { sender: 'ipcRenderer itself' }, status);
    off();
    ipc.rendererListeners.emit(PUSH.statusChanged, {}, status);
    expect(seen).toEqual([status]);
    expect(INVOKE.getVersion).toBe('app:get-version');
  });
});
