import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { FakePowerMonitor } from '../../test/support/fake-electron-shell';
import { watchSessionEnd, type SessionWatcherWindow } from './session-end';

// Electron cannot run here: the watcher window and powerMonitor are EventEmitters standing in for
// BaseWindow and powerMonitor; the module is type-checked against electron.d.ts.
class FakeWatcherWindow extends EventEmitter {
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

function setup(platform: NodeJS.Platform) {
  const windows: FakeWatcherWindow[] = [];
  const powerMonitor = new FakePowerMonitor();
  const ends: string[][] = [];
  const stop = watchSessionEnd({
    platform,
    createWatcherWindow: () => {
      const w = new FakeWatcherWindow();
      windows.push(w);
      return w as unknown as SessionWatcherWindow;
    },
    powerMonitor: powerMonitor as never,
    onSessionEnd: (reasons) => ends.push([...reasons]),
  });
  return { windows, powerMonitor, ends, stop };
}

describe('session end', () => {
  it('Windows: a hidden window receives session-end (log-off, shutdown) and the app quits once', () => {
    const s = setup('win32');
    expect(s.windows).toHaveLength(1);
    s.windows[0]!.emit('session-end', { reasons: ['logoff'], preventDefault: () => undefined });
    s.windows[0]!.emit('session-end', { reasons: ['shutdown'], preventDefault: () => undefined });
    expect(s.ends).toEqual([['logoff']]);
    // powerMonitor 'shutdown' does not exist on Windows; nothing listens there.
    expect(s.powerMonitor.listenerCount('shutdown')).toBe(0);
    s.stop();
    expect(s.windows[0]!.destroyed).toBe(true);
  });

  it.each(['darwin', 'linux'] as const)('%s: powerMonitor shutdown ends the session; no window is made', (platform) => {
    const s = setup(platform);
    expect(s.windows).toHaveLength(0);
    s.powerMonitor.emit('shutdown');
    expect(s.ends).toEqual([['shutdown']]);
    s.stop();
    expect(s.powerMonitor.listenerCount('shutdown')).toBe(0);
  });
});
