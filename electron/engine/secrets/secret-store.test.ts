import { describe, expect, it, vi } from 'vitest';
import { createSecretStore } from './create-secret-store';
import { classifyKeychainError, createKeytarSecretStore, keychainTimeoutMs } from './keytar-secret-store';
import { clientSecretAccount, refreshTokenAccount, SecretStoreError } from './secret-store';

describe('secret stores', () => {
  it('RINGTRAY_SECRETS=memory gives a throwaway store; default is the keychain; anything else is refused', async () => {
    const memory = createSecretStore({ RINGTRAY_SECRETS: 'memory' });
    expect(memory.kind).toBe('memory');
    await memory.set('a', 'v');
    expect(await memory.get('a')).toBe('v');
    expect(await memory.delete('a')).toBe(true);
    expect(await memory.get('a')).toBeNull();
    expect(createSecretStore({}).kind).toBe('keychain');
    expect(() => createSecretStore({ RINGTRAY_SECRETS: 'file' })).toThrow(/"keychain" \(default\) or "memory"/);
  });

  it('a keytar module that cannot load is a clear "unavailable" state on every call', async () => {
    const store = createKeytarSecretStore({ load: () => Promise.reject(new Error("Cannot find module '../build/Release/keytar.node'")) });
    for (const op of [() => store.get('a'), () => store.set('a', 'secret-value'), () => store.delete('a')]) {
      const error = await op().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretStoreError);
      expect(error).toMatchObject({ reason: 'unavailable' });
      expect((error as Error).message).toMatch(/keychain is not available.*could not be loaded/);
    }
  });

  it('a keychain that never answers times out as "unavailable"', async () => {
    const hang = () => new Promise<never>(() => undefined);
    const store = createKeytarSecretStore({ timeoutMs: 50, load: async () => ({ getPassword: hang, setPassword: hang, deletePassword: hang }) });
    await expect(store.get('a')).rejects.toMatchObject({ reason: 'unavailable', message: expect.stringMatching(/did not answer/) });
  });

  it('macOS waits for a person answering the keychain prompt; elsewhere the 10 s limit stays', async () => {
    vi.useFakeTimers();
    try {
      // The keychain answers after 45 s, as when the user reads the "allow access" dialog first.
      const slow = (value: string) => () => new Promise<string>((resolve) => setTimeout(() => resolve(value), 45_000));
      const load = async () => ({ getPassword: slow('stored-token'), setPassword: slow(''), deletePassword: slow('') });
      const mac = createKeytarSecretStore({ platform: 'darwin', load }).get('a');
      const linux = createKeytarSecretStore({ platform: 'linux', load }).get('a').catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(45_000);
      await expect(mac).resolves.toBe('stored-token');
      expect(await linux).toMatchObject({ reason: 'unavailable', message: expect.stringMatching(/did not answer within 10 s/) });
      expect(keychainTimeoutMs('darwin')).toBeGreaterThanOrEqual(60_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('classifies the libsecret / D-Bus messages', () => {
    expect(classifyKeychainError(new Error('Cannot create an item in a locked collection')).reason).toBe('locked');
    expect(classifyKeychainError(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')).reason).toBe('unavailable');
    expect(classifyKeychainError(new Error('The name org.freedesktop.secrets was not provided by any .service files')).reason).toBe('unavailable');
    expect(classifyKeychainError(new Error('Something else')).reason).toBe('failed');
  });

  it('names accounts per provider and user / client', () => {
    expect(refreshTokenAccount('goto', 'user@example.com')).toBe('goto:refresh-token:user@example.com');
    expect(clientSecretAccount('goto', 'abc')).toBe('goto:client-secret:abc');
  });
});
