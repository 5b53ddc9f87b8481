import { afterEach, describe, expect, it } from 'vitest';
import { followAuthorizeRedirect } from '../../electron/engine/demo/sandbox-browser';
import { freeLoopbackPort } from '../../electron/engine/demo/free-port';
import { createLogger } from '../../electron/engine/log/logger';
import { ringcentralProvider } from '../../electron/engine/providers/ringcentral/ringcentral-provider';
import { Engine } from '../../electron/engine/ringtray-engine';
import { createKeytarSecretStore } from '../../electron/engine/secrets/keytar-secret-store';
import { SecretStoreError, type SecretStore } from '../../electron/engine/secrets/secret-store';
import { startRingCentralDemo, type RingCentralDemoBackend } from '../../electron/sandbox/ringcentral/ringcentral-demo';
import { until } from '../support/until';

// Sign-out with a locked keychain (docs/security.md#keychain): the saved refresh token cannot be
// deleted, so it is revoked at the provider, which makes it worthless wherever it stays. The real
// engine against the RingCentral sandbox (its /restapi/oauth/revoke); the refresh token is saved
// in the real gnome-keyring of /work/tools/with-keyring, and a lock switch in front of it fails
// deletes the way the keytar store reports a locked collection.

let backend: RingCentralDemoBackend | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  await backend?.close();
  backend = null;
});

describe('sign-out with a locked keychain', () => {
  it('revokes the refresh token at RingCentral and says the saved sign-in could not be deleted', async () => {
    const redirectUri = `http://127.0.0.1:${await freeLoopbackPort()}/app/redirect`;
    backend = await startRingCentralDemo({ redirectUri });
    const keychain = createKeytarSecretStore({ service: `ringtray-test-${process.pid}-${Math.random().toString(36).slice(2)}` });
    let locked = false;
    const store: SecretStore = {
      kind: keychain.kind,
      get: (a) => keychain.get(a),
      set: (a, v) => keychain.set(a, v),
      delete: (a) => (locked ? Promise.reject(new SecretStoreError('locked', 'The system keychain is locked (test).')) : keychain.delete(a)),
    };
    const resolved = ringcentralProvider.resolve({ ...ringcentralProvider.settings.defaults, ...backend.settings }, backend.env);
    if (!resolved.ok) throw new Error(resolved.message);
    engine = new Engine({
      provider: ringcentralProvider,
      configured: resolved.provider,
      store,
      log: createLogger(() => undefined),
      openUrl: (url) => followAuthorizeRedirect(url),
      lineSelection: { mode: 'mine', lineIds: [] },
    });
    await engine.start();
    await engine.signIn();
    await until(() => engine!.status().state === 'live', 10_000, 'live');
    const sandbox = backend.sandbox;
    expect(sandbox.oauth.liveSessions()).toBe(1);
    locked = true;
    await engine.signOut();
    expect(engine.status()).toMatchObject({ state: 'signed-out', message: expect.stringMatching(/refused to delete your saved sign-in/) });
    expect(sandbox.oauth.stats.revocations).toBe(1);
    expect(sandbox.oauth.liveSessions()).toBe(0);
  });
});
