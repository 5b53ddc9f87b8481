// Report windows are bounded (docs/security.md, "Windows"), also when ringtray:// links arrive in
// a flood: any program or web page can fire them. Electron cannot run here
// (docs/testing.md): BrowserWindow is the fake in test/support.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow } from '../support/fake-electron';
import { silentLogger } from '../../electron/engine/log/logger';

vi.mock('electron', async () => {
  const base = await import('../support/fake-electron');
  return { BrowserWindow: base.FakeBrowserWindow };
});

const { createReportWindows, MAX_REPORT_WINDOWS } = await import('../../electron/desktop/report-windows');
const { installCallLinkRouting } = await import('../../electron/desktop/call-link-routing');
const { callLink } = await import('../../electron/desktop/call-link');

describe('report windows', () => {
  it('a flood of ringtray:// links opens at most MAX_REPORT_WINDOWS, closing the least recently used', async () => {
    FakeBrowserWindow.instances.length = 0;
    const reports = createReportWindows({ preloadPath: '/app/preload.cjs', openExternalLink: async () => undefined });
    const app = Object.assign(new EventEmitter(), { setAsDefaultProtocolClient: () => true, isDefaultProtocolClient: () => true });
    const opening: Promise<unknown>[] = [];
    installCallLinkRouting({
      app: app as never,
      defaultApp: false,
      platform: 'linux',
      isPackaged: true,
      appImage: false,
      argv: [],
      execPath: '/opt/Ringtray/ringtray',
      openCallReport: (callId) => void opening.push(reports.open(callId)),
      showMainWindow: () => undefined,
      log: silentLogger,
    });
    for (let i = 0; i < 50; i += 1) app.emit('open-url', { preventDefault: () => undefined }, callLink(`flood-${i}`));
    await Promise.all(opening);
    const alive = FakeBrowserWindow.instances.filter((w) => !w.isDestroyed());
    expect(MAX_REPORT_WINDOWS).toBeLessThanOrEqual(10);
    expect(alive).toHaveLength(MAX_REPORT_WINDOWS);
    expect(reports.count).toBe(MAX_REPORT_WINDOWS);
    expect(reports.windowFor('flood-49')).toBeDefined();
    expect(reports.windowFor('flood-0')).toBeUndefined();
    // Using a window keeps it: re-opening flood-44 makes it the newest, so the next open closes flood-45.
    await reports.open('flood-44');
    await reports.open('another');
    expect(reports.windowFor('flood-44')).toBeDefined();
    expect(reports.windowFor('flood-45')).toBeUndefined();
  });
});
