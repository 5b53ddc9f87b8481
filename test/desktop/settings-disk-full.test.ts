// A disk that is full or a settings folder that cannot be written (docs/security.md, "Disk
// full"): Ringtray still starts, read-only, with a sentence saying why; a change the disk refuses
// is reported and not applied in memory. Real files and the real electron-store; Electron itself
// cannot run here (docs/testing.md), so `electron` and electron-log (which needs
// Electron's app paths) are mocked. The full-disk case uses a real 64 KB tmpfs when this machine
// lets the test mount one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';

vi.mock('electron', () => ({ default: {} }));
vi.mock('electron-log/main', () => ({
  default: { transports: { file: {}, console: {} }, log() {}, debug() {}, info() {}, warn() {}, error() {} },
}));

const { openSettingsAndLogs } = await import('../../electron/desktop/startup/open-settings-and-logs');
const { settingsFilePath } = await import('../../electron/desktop/settings-file');

let base: string;
beforeEach(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'ringtray-disk-'));
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const saved = { settings: { ...DEFAULT_SETTINGS, doNotDisturb: true }, windowBounds: {}, rememberedUser: 'ada@example.com' };

/** A real tmpfs of `kb` KB, or null when this machine does not allow mounting one. */
function tinyDisk(kb: number): { dir: string; fill(): void; unmount(): void } | null {
  const dir = path.join(base, 'disk');
  mkdirSync(dir);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return {
    dir,
    fill() {
      // Write until the disk says ENOSPC: from then on every write fails as on a full disk.
      try {
        for (let i = 0; ; i += 1) writeFileSync(path.join(dir, `filler-${i}`), Buffer.alloc(4096));
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
    },
    unmount: () => execFileSync('umount', [dir], { stdio: 'ignore' }),
  };
}

describe('settings on a disk that cannot be written', () => {
  it('starts read-only with a message when the settings folder cannot be created', () => {
    const blocker = path.join(base, 'not-a-folder');
    writeFileSync(blocker, 'a file where the settings folder should be');
    const opened = openSettingsAndLogs(path.join(blocker, 'Ringtray'), { logToConsole: false });
    expect(opened.readOnly).toMatch(/Ringtray cannot save settings because the settings folder cannot be written \(ENOTDIR\)/);
    expect(opened.settings.get()).toEqual(DEFAULT_SETTINGS);
    const update = opened.settings.update({ doNotDisturb: true });
    expect(update).toEqual({ ok: false, fieldErrors: { settings: opened.readOnly } });
    expect(opened.settings.get().doNotDisturb).toBe(false);
  });

  it('a save the disk refuses is reported, not applied, and nobody is told it changed', () => {
    const dir = path.join(base, 'userData');
    mkdirSync(dir);
    writeFileSync(settingsFilePath(dir), JSON.stringify(saved));
    const opened = openSettingsAndLogs(dir, { logToConsole: false });
    expect(opened.readOnly).toBeNull();
    const heard: unknown[] = [];
    opened.settings.onChange((next) => heard.push(next));
    // The folder goes away under the running app and a file takes its place: every write fails.
    renameSync(dir, `${dir}.gone`);
    writeFileSync(dir, '');
    const update = opened.settings.update({ doNotDisturb: false, crmUrlTemplate: 'https://crm.example.com/find?q={number}' });
    expect(update.ok).toBe(false);
    expect(!update.ok && update.fieldErrors.settings).toMatch(/could not save the settings because the settings folder cannot be written \(ENOTDIR\)\. Nothing was changed/);
    expect(opened.settings.get().doNotDisturb).toBe(true);
    expect(opened.settings.get().crmUrlTemplate).toBe(DEFAULT_SETTINGS.crmUrlTemplate);
    expect(heard).toEqual([]);
    // Window position and the remembered user are kept in memory without throwing.
    expect(() => opened.settings.saveMainWindowBounds({ x: 1, y: 2, width: 800, height: 600 })).not.toThrow();
    expect(() => opened.settings.rememberedUser.set('bob@example.com')).not.toThrow();
  });

  it('a full disk (real tmpfs): starts with the settings it can read, read-only; a full disk mid-run refuses the save', (context) => {
    const disk = tinyDisk(64);
    if (!disk) return context.skip('mounting a tmpfs is not permitted on this machine');
    try {
      const atStart = path.join(disk.dir, 'start');
      mkdirSync(atStart);
      writeFileSync(settingsFilePath(atStart), JSON.stringify(saved, null, '\t'));
      const midRun = path.join(disk.dir, 'mid-run');
      mkdirSync(midRun);
      const running = openSettingsAndLogs(midRun, { logToConsole: false });
      expect(running.readOnly).toBeNull();
      disk.fill();

      const opened = openSettingsAndLogs(atStart, { logToConsole: false });
      expect(opened.readOnly).toMatch(/because the disk is full/);
      expect(opened.settings.get().doNotDisturb).toBe(true);
      expect(opened.settings.rememberedUser.get()).toBe('ada@example.com');

      const before = readFileSync(settingsFilePath(midRun), 'utf8');
      const update = running.settings.update({ doNotDisturb: true });
      expect(!update.ok && update.fieldErrors.settings).toMatch(/because the disk is full\. Nothing was changed/);
      expect(running.settings.get().doNotDisturb).toBe(false);
      expect(readFileSync(settingsFilePath(midRun), 'utf8')).toBe(before);
    } finally {
      disk.unmount();
    }
  });
});
