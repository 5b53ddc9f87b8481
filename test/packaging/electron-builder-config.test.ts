import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID, PRODUCT_NAME } from '../../electron/desktop/app-id';
import pkg from '../../package.json' with { type: 'json' };

// electron-builder.yml checked against the JSON schema electron-builder itself ships
// (app-builder-lib/scheme.json, draft-07), so a misspelled key or a wrong type fails npm test
// instead of a release build. Electron-builder cannot package here (no Electron binary), but
// the configuration it would read can be proven valid.
const root = path.resolve(import.meta.dirname, '../..');
const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a YAML document; the schema check is its type
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const errorsOf = (candidate: unknown): string[] => (validate(candidate) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`));

describe('electron-builder.yml', () => {
  it('is valid against the schema shipped with electron-builder', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('fails validation with a misspelled key or a wrong type (the check can fail)', () => {
    const { productName, ...rest } = config;
    expect(errorsOf({ ...rest, prodcutName: productName }).join('\n')).toMatch(/additionalProperty.*prodcutName/);
    expect(errorsOf({ ...config, asarUnpack: 42 }).join('\n')).toMatch(/asarUnpack/);
    expect(errorsOf({ ...config, mac: { ...config.mac, categroy: 'x' } }).join('\n')).toMatch(/categroy/);
  });

  it('uses the appId the app sets as its Windows AppUserModelId, and the product name', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
  });

  it('targets AppImage + deb, NSIS and dmg, unpacks keytar, registers ringtray:// and publishes nothing', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
    expect(config.protocols[0].schemes).toEqual(['ringtray']);
    expect(config.publish).toBeNull();
  });

  it('flips the fuses: no Node mode, no NODE_OPTIONS or --inspect, asar only and checked, no file:// privileges', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Integrity needs the asar (the default): never switched off.
    expect(config.asar).not.toBe(false);
    expect(errorsOf({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }).join('\n')).toMatch(/runAsNod/);
  });

  it('signs and notarizes macOS from the environment, and a release build refuses to be unsigned', () => {
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    // No identity, certificate or password in the file: they come from CSC_* / APPLE_* variables.
    expect(JSON.stringify(config)).not.toMatch(/cscLink|cscKeyPassword|identity|APPLE_|password/i);
    expect(pkg.scripts['dist:release']).toMatch(/forceCodeSigning=true/);
  });

  it('packages the entry points package.json names and every icon it references exists', () => {
    expect(pkg.main).toBe('dist/main/main.js');
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'assets/**', 'package.json']));
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) expect(existsSync(path.join(root, icon)), icon).toBe(true);
    expect(existsSync(path.join(root, config.directories.buildResources, 'icon.png'))).toBe(true);
  });
});
