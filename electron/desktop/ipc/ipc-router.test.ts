import { describe, expect, it } from 'vitest';
import { INVOKE, PUSH } from '../../../shared/ipc/channels';
import { createLogger, type LogRecord } from '../../engine/log/logger';
import { FakeIpc, FakeWebContents } from '../../../test/support/fake-electron';
import { createIpcRouter, IpcRequestError, pushToWindow } from './ipc-router';
import { createTrustedSenderCheck } from './trusted-sender';

// The router imports only Electron's types, so no mock is needed: FakeIpc plays ipcMain and
// ipcRenderer with structured cloning, as Electron's IPC does.

function setup() {
  const ipc = new FakeIpc();
  const logs: LogRecord[] = [];
  const router = createIpcRouter({
    ipcMain: ipc.ipcMain,
    isTrustedSender: createTrustedSenderCheck(),
    log: createLogger((r) => logs.push(r), { level: 'debug' }),
  });
  return { ipc, router, logs };
}

const version = { name: 'Ringtray', version: '1.2.3', electron: '45.4.1', platform: 'linux' };

describe('ipc router', () => {
  it('answers a valid request from the app page', async () => {
    const { ipc, router } = setup();
    router.handle(INVOKE.getVersion, () => version);
    expect(await ipc.ipcRenderer.invoke(INVOKE.getVersion)).toEqual({ ok: true, value: version });
  });

  it('rejects a payload that does not match the channel schema, without calling the handler', async () => {
    const { ipc, router, logs } = setup();
    let calls = 0;
    router.handle(INVOKE.getVersion, () => {
      calls += 1;
      return version;
    });
    const result = await ipc.ipcRenderer.invoke(INVOKE.getVersion, { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ipc.ipcRenderer.invoke(INVOKE.getVersion, undefined, 'extra')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(calls).toBe(0);
    expect(logs.some((l) => l.message.includes('malformed payload'))).toBe(true);
  });

  it('refuses calls from frames that are not the app page', async () => {
    const { ipc, router } = setup();
    let calls = 0;
    router.handle(INVOKE.getVersion, () => {
      calls += 1;
      return version;
    });
    ipc.senderFrame = { url: 'https://evil.example/', parent: null };
    expect(await ipc.ipcRenderer.invoke(INVOKE.getVersion)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    ipc.senderFrame = null;
    expect(await ipc.ipcRenderer.invoke(INVOKE.getVersion)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toBe(0);
  });

  it("validates main's own answer (at compile time and at run time) and hides internal error text from the renderer", async () => {
    const { ipc, router } = setup();
    // The contract is also checked at compile time: `npm run typecheck` fails when an expected
    // error does not occur, so the next line proves tsc rejects an answer of the wrong shape.
    // @ts-expect-error app:get-version answers { version: string }
    router.handle(INVOKE.getVersion, () => ({ ...version, version: 7 }));
    expect(await ipc.ipcRenderer.invoke(INVOKE.getVersion)).toMatchObject({ ok: false, error: { code: 'failed' } });
    router.dispose();
    router.handle(INVOKE.getVersion, () => {
      throw new Error('ENOENT /home/someone/secret/path');
    });
    const failed = (await ipc.ipcRenderer.invoke(INVOKE.getVersion)) as { error: { message: string } };
    expect(failed.error.message).not.toContain('/home/someone');
    router.dispose();
    router.handle(INVOKE.getVersion, () => {
      throw new IpcRequestError('That call is not known.');
    });
    expect(await ipc.ipcRenderer.invoke(INVOKE.getVersion)).toEqual({ ok: false, error: { code: 'bad-request', message: 'That call is not known.' } });
  });

  it('refuses to register channels outside the contract, or twice', () => {
    const { router } = setup();
    expect(() => router.handle('app:run-shell' as never, () => version as never)).toThrow(/not an IPC channel/);
    router.handle(INVOKE.getVersion, () => version);
    expect(() => router.handle(INVOKE.getVersion, () => version)).toThrow(/already/);
  });

  it('an unknown channel has no handler at all', async () => {
    const { ipc } = setup();
    await expect(ipc.ipcRenderer.invoke('app:run-shell')).rejects.toThrow(/No handler registered/);
  });
});

describe('pushToWindow', () => {
  it('validates pushes and skips destroyed windows', () => {
    const contents = new FakeWebContents();
    const status = { state: 'live' as const, message: null, at: new Date(0).toISOString() };
    pushToWindow(contents, PUSH.statusChanged, status);
    expect(contents.sent).toEqual([{ channel: PUSH.statusChanged, payload: status }]);
    expect(() => pushToWindow(contents, PUSH.statusChanged, { ...status, state: 'exploded' } as never)).toThrow();
    contents.destroyed = true;
    pushToWindow(contents, PUSH.statusChanged, status);
    expect(contents.sent).toHaveLength(1);
  });
});
