import { gotoProvider } from '../engine/providers/goto/goto-provider';
import { startGotoDemo } from '../sandbox/goto/goto-demo';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemo } from '../engine/demo/demo-engine';
import { createLogger } from '../engine/log/logger';
import { SMOKE_GLOBAL, type SmokeProbe } from '../../scripts/smoke-contract';
import { applySmokeUserData, installSmokeHooks, smokeHooksEnabled } from './smoke-hooks';

// The hook runs inside Electron during `npm run smoke`; here app, web contents and toasts are
// EventEmitters standing in for Electron's (no binary on these machines), and the leftovers
// check runs against the real demo engine and sandbox.

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtray-smoke-hooks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

class FakeToast extends EventEmitter {
  constructor(readonly title: string) {
    super();
  }
}

describe('smoke hooks', () => {
  it('exist only for RINGTRAY_SMOKE=1 on an unpackaged build', () => {
    expect(smokeHooksEnabled({ RINGTRAY_SMOKE: '1' }, false)).toBe(true);
    expect(smokeHooksEnabled({ RINGTRAY_SMOKE: '1' }, true)).toBe(false);
    expect(smokeHooksEnabled({}, false)).toBe(false);
    expect(smokeHooksEnabled({ RINGTRAY_SMOKE: 'true' }, false)).toBe(false);
  });

  it('points userData at the throwaway folder only when asked', () => {
    const set: string[] = [];
    const app = { setPath: (_name: string, value: string) => void set.push(value) };
    applySmokeUserData(app as never, {});
    applySmokeUserData(app as never, { RINGTRAY_SMOKE_USER_DATA: path.join(scratch, 'ud') });
    expect(set).toEqual([path.join(scratch, 'ud')]);
  });

  it('records toasts and what the OS said, console messages of every page, and clicks a toast as the OS does', () => {
    const app = new EventEmitter();
    const toasts = new Map<string, FakeToast>([['c1', new FakeToast('Incoming call \u2014 Ada')]]);
    const target: Record<string, unknown> = {};
    const hooks = installSmokeHooks({ app: app as never, env: {}, liveToast: (id) => toasts.get(id) as never, target });
    const probe = target[SMOKE_GLOBAL] as SmokeProbe;
    expect(probe).toBe(hooks.probe);

    hooks.toastRequested('c1');
    hooks.toastRequested('c1');
    hooks.toastRequested('no-toast');
    expect(probe.toasts).toEqual([{ callId: 'c1', title: 'Incoming call \u2014 Ada', outcome: 'pending' }]);
    toasts.get('c1')!.emit('show');
    expect(probe.toasts[0]!.outcome).toBe('shown');

    let clicks = 0;
    toasts.get('c1')!.on('click', () => (clicks += 1));
    expect(probe.clickToast('c1')).toBe(true);
    expect(probe.clickToast('gone')).toBe(false);
    expect(clicks).toBe(1);

    const contents = Object.assign(new EventEmitter(), { getURL: () => 'ringtray-app://ui/index.html#/' });
    app.emit('web-contents-created', {}, contents);
    contents.emit('console-message', { level: 'error', message: "Refused to load the script because it violates the following Content Security Policy directive: \"script-src 'self'\"" });
    expect(probe.console).toEqual([{ url: 'ringtray-app://ui/index.html#/', level: 'error', message: expect.stringContaining('Content Security Policy') }]);
  });

  it('writes what the real demo engine left on the server after it stopped: its channel is gone', async () => {
    const report = path.join(scratch, 'leftovers.json');
    const hooks = installSmokeHooks({ app: new EventEmitter() as never, env: { RINGTRAY_SMOKE_REPORT: report }, liveToast: () => undefined, target: {} });
    const demo = await startDemo({
      provider: gotoProvider,
      backend: (o) => startGotoDemo(o),
      log: createLogger(() => undefined, { level: 'error' }),
      callsPerMinute: 0,
      onEngineStopped: (backend) => hooks.engineStopped(backend.sandbox),
    });
    // Signed in; live (channel made, socket open) a moment later.
    await demo.backend.sandbox.waitFor(() => demo.engine.status().state === 'live', { timeoutMs: 15_000, message: 'the demo engine goes live' });
    const channelsWhileLive = demo.backend.sandbox.stats.liveChannels;
    await demo.close();
    // The count can fail: while live the engine holds a channel, and the file says what was left.
    expect(channelsWhileLive).toBe(1);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ liveChannels: 0 });
  });
});
