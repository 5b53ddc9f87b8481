// Sign-out with a locked keychain (docs/security.md, "Keychain"): the saved refresh token is still
// valid, so the user is told it could not be deleted instead of seeing a plain "signed out".
// A store whose delete fails the way a locked keyring does (SecretStoreError 'locked').
import { describe, expect, it } from 'vitest';
import { TokenManager } from '../../electron/engine/auth/token-manager';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';
import { SecretStoreError, type SecretStore } from '../../electron/engine/secrets/secret-store';

const ACCOUNT = 'goto:refresh-token:u@example.com';

function keychain(options: { locked: boolean }): SecretStore & { inner: ReturnType<typeof createMemorySecretStore> } {
  const inner = createMemorySecretStore({ [ACCOUNT]: 'refresh-token-4d5e6f7a8b' });
  return {
    inner,
    kind: 'keychain',
    get: (a) => inner.get(a),
    set: (a, v) => inner.set(a, v),
    delete: (a) => (options.locked ? Promise.reject(new SecretStoreError('locked', 'The system keychain is locked (test).')) : inner.delete(a)),
  };
}

const manager = (store: SecretStore) =>
  new TokenManager({ provider: 'goto', store, grant: { refresh: () => Promise.reject(new Error('not used')) } });

describe('sign-out', () => {
  it('with a locked keychain: signed out, and told the saved sign-in could not be deleted', async () => {
    const store = keychain({ locked: true });
    const tm = manager(store);
    await tm.restore('u@example.com');
    expect(tm.current.state).toBe('signed-in');
    await tm.signOut();
    expect(tm.current.state).toBe('signed-out');
    expect(tm.current.message).toMatch(/refused to delete your saved sign-in/);
    expect(await store.inner.get(ACCOUNT)).not.toBeNull();
  });

  it('with a working keychain: the token is deleted and nothing needs saying', async () => {
    const store = keychain({ locked: false });
    const tm = manager(store);
    await tm.restore('u@example.com');
    await tm.signOut();
    expect(tm.current).toEqual({ state: 'signed-out', user: null, message: null });
    expect(await store.inner.get(ACCOUNT)).toBeNull();
  });
});
