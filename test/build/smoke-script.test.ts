import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installedElectron } from '../../scripts/smoke';

// `npm run smoke` needs a real Electron; these machines have none. What can be checked here is
// that it finds the binary the way the electron package does, never starts a download, and
// without a binary stops at once with one line and exit code 2.

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtray-smoke-script-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const root = path.resolve(import.meta.dirname, '../..');

describe('npm run smoke', () => {
  it('finds Electron from path.txt + dist/, or ELECTRON_OVERRIDE_DIST_PATH, and says null otherwise', () => {
    const dir = path.join(scratch, 'electron');
    mkdirSync(dir, { recursive: true });
    expect(installedElectron(dir, {})).toBeNull();
    writeFileSync(path.join(dir, 'path.txt'), 'electron');
    expect(installedElectron(dir, {})).toBeNull();
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'electron'), '');
    expect(installedElectron(dir, {})).toBe(path.join(dir, 'dist', 'electron'));
    const override = path.join(scratch, 'override');
    mkdirSync(override);
    expect(installedElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBeNull();
    writeFileSync(path.join(override, 'electron'), '');
    expect(installedElectron(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
  });

  it('without an Electron binary stops at once: one line, exit code 2, nothing built', () => {
    // An override folder with no binary stands for "not installed" whatever this machine has.
    const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', path.join(root, 'scripts/smoke.ts')], {
      cwd: root,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(scratch, 'nothing-here') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^smoke: no Electron binary installed .*Nothing was tested\.$/)]);
  });
});
