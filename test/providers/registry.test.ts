import { describe, expect, it } from 'vitest';
import { DEFAULT_PROVIDER, PROVIDERS, findProvider } from '../../electron/engine/providers/registry';
import { providerDescriptorSchema, providerIdSchema } from '../../shared/providers';

// Every registered provider must be complete enough for the engine, Settings and headless mode to
// use it without knowing which one it is: these checks run on each module in the registry, so a
// new provider is held to them the moment its line is added.
describe('provider registry', () => {
  it('lists providers with unique, well-formed ids; the first is the default', () => {
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(providerIdSchema.safeParse(id).success).toBe(true);
    expect(DEFAULT_PROVIDER.id).toBe('goto');
  });

  describe.each(PROVIDERS.map((p) => [p.id, p] as const))('%s', (_id, provider) => {
    it('has a descriptor the renderer accepts, whose fields, secret owner and set-up steps name real settings', () => {
      const descriptor = { ...provider.descriptor, id: provider.id, displayName: provider.displayName, shortName: provider.shortName ?? provider.displayName, demo: false };
      expect(providerDescriptorSchema.parse(descriptor)).toEqual(descriptor);
      const keys = new Set(Object.keys(provider.settings.defaults));
      for (const field of provider.descriptor.fields) expect(keys).toContain(field.key);
      if (provider.descriptor.secret) expect(keys).toContain(provider.descriptor.secret.ownerField);
      for (const step of provider.descriptor.setupSteps) if (step.codeField) expect(keys).toContain(step.codeField);
    });

    it('accepts its own defaults and rejects a value its field pattern rejects', () => {
      expect(provider.settings.schema.safeParse(provider.settings.defaults).success).toBe(true);
      for (const field of provider.descriptor.fields) {
        if (!field.pattern) continue;
        expect(new RegExp(field.pattern.source).test('not a valid value')).toBe(false);
        const parsed = provider.settings.schema.safeParse({ ...provider.settings.defaults, [field.key]: 'not a valid value' });
        expect(parsed.success).toBe(false);
      }
    });

    it('names its environment variables RINGTRAY_<ID>_*', () => {
      const prefix = `RINGTRAY_${provider.id.toUpperCase().replaceAll('-', '_')}_`;
      expect(provider.env.length).toBeGreaterThan(0);
      for (const { name } of provider.env) expect(name.startsWith(prefix)).toBe(true);
      for (const field of provider.descriptor.fields) if (field.env) expect(provider.env.map((e) => e.name)).toContain(field.env);
    });

    it('explains an incomplete configuration instead of throwing, and never with a secret in it', () => {
      const result = provider.resolve(provider.settings.defaults, { [`RINGTRAY_${provider.id.toUpperCase()}_CLIENT_SECRET`]: 'do-not-print-me' });
      if (result.ok) return; // a provider that needs nothing before sign-in
      expect(result.message).toContain(provider.displayName.split(' ')[0]);
      expect(result.message).not.toContain('do-not-print-me');
    });
  });

  it('finds a provider by id, and names the available ones for an unknown id', () => {
    const found = findProvider('goto');
    expect(found.ok && found.provider.displayName).toBe('GoTo Connect');
    const missing = findProvider('nextiva');
    expect(missing).toEqual({ ok: false, message: expect.stringContaining('no provider "nextiva"') });
    expect(!missing.ok && missing.message).toContain('goto (GoTo Connect)');
    const long = findProvider('x'.repeat(500));
    expect(!long.ok && long.message.length).toBeLessThan(300);
  });
});

describe('GoTo as a provider module', () => {
  const goto = PROVIDERS.find((p) => p.id === 'goto')!;

  it('resolves saved settings and env into a confidential OAuth client with Basic auth and no rotation', () => {
    const result = goto.resolve({ clientId: 'client-1', redirectUri: 'http://127.0.0.1:12021/app/redirect', accountKey: '' }, { RINGTRAY_GOTO_CLIENT_SECRET: 's3cret' });
    if (!result.ok) throw new Error(result.message);
    expect(result.provider.credential).toMatchObject({
      kind: 'oauth',
      clientId: 'client-1',
      clientAuth: 'basic',
      clientSecretFromEnv: 's3cret',
      rotatesRefreshToken: false,
      userClaim: 'principal',
      revokeUrl: null,
      tokenUrl: 'https://authentication.logmeininc.com/oauth/token',
    });
    expect(result.provider.manualAccountId).toBeNull();
  });

  it('lets env win over saved settings (a headless run can point at a sandbox)', () => {
    const result = goto.resolve({ clientId: 'saved', redirectUri: '', accountKey: 'saved-key' }, { RINGTRAY_GOTO_CLIENT_ID: 'from-env', RINGTRAY_GOTO_ACCOUNT_KEY: 'env-key' });
    if (!result.ok) throw new Error(result.message);
    expect(result.provider.credential).toMatchObject({ clientId: 'from-env' });
    expect(result.provider.manualAccountId).toBe('env-key');
  });

  it('says what to set when the client id is missing', () => {
    const result = goto.resolve(goto.settings.defaults, {});
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('client id is not set') });
  });
});
