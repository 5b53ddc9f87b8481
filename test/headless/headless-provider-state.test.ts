// What a provider keeps between headless runs with the keychain (ids, never secrets): one file,
// one section per provider, read by the next run; a damaged file is reported and starts empty.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { fileProviderState, headlessProviderStatePath } from '../../electron/engine/headless/headless-state';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps each provider’s values for the next run, apart from the others', () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ringtray-provider-state-'));
  const file = headlessProviderStatePath({ XDG_CONFIG_HOME: dir });
  expect(file).toBe(path.join(dir, 'ringtray', 'headless-provider-state.json'));
  const errors: unknown[] = [];
  const first = fileProviderState(file, 'dialpad', (e) => errors.push(e));
  expect(first.get('websocketId')).toBeNull();
  first.set('websocketId', '4000000000000001');
  first.set('subscriptionId', '4000000000000002');
  fileProviderState(file, 'goto', (e) => errors.push(e)).set('other', 'x');
  first.set('subscriptionId', null);
  const next = fileProviderState(file, 'dialpad', (e) => errors.push(e));
  expect(next.get('websocketId')).toBe('4000000000000001');
  expect(next.get('subscriptionId')).toBeNull();
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ dialpad: { websocketId: '4000000000000001' }, goto: { other: 'x' } });
  expect(errors).toEqual([]);

  writeFileSync(file, '{ not json');
  const damaged = fileProviderState(file, 'dialpad', (e) => errors.push(e));
  expect(damaged.get('websocketId')).toBeNull();
  expect(errors).toHaveLength(1);
});
