import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/ringtray-engine';
import { createLogger } from '../../electron/engine/log/logger';
import { gotoProvider } from '../../electron/engine/providers/goto/goto-provider';
import { createKeytarSecretStore } from '../../electron/engine/secrets/keytar-secret-store';
import { SecretStoreError, type SecretStore } from '../../electron/engine/secrets/secret-store';
import { FAST_CONNECTION, startHarness, type Harness } from '../support/demo-harness';
import { until } from '../support/until';

// A keyring still locked when Ringtray starts at login (docs/security.md#keychain): the saved
// sign-in is read again once it can be — on unlock/Retry, resume, before a browser sign-in, and by
// a slow timer — instead of staying signed out for good. The refresh token sits in the real
// gnome-keyring of /work/tools/with-keyring; the lock is a switch in front of it that fails reads
// the way the keytar store reports a locked collection (SecretStoreError 'locked').

let h: Harness | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  engine = null;
  await h?.close();
  h = null;
});

function lockable(inner: SecretStore): SecretStore & { locked: boolean } {
  const store = {
    locked: true,
    kind: inner.kind,
    get: (a: string) => (store.locked ? Promise.reject(new SecretStoreError('locked', 'The system keychain is locked (test).')) : inner.get(a)),
    set: (a: string, v: string) => inner.set(a, v),
    delete: (a: string) => inner.delete(a),
  };
  return store;
}

/** A second engine for the harness's user whose refresh token is in the keychain behind a lock. */
async function lockedAtLogin(harness: Harness, attentionRetryMs = 3_600_000): Promise<{ engine: Engine; store: ReturnType<typeof lockable>; browser: string[] }> {
  const user = harness.engine.auth.tokens.current.user!;
  const keychain = createKeytarSecretStore({ service: `ringtray-test-${process.pid}-${Math.random().toString(36).slice(2)}` });
  // The refresh token the sandbox issued to the harness's sign-in (GoTo does not rotate them, so
  // both engines can use it), read from the demo engine's memory store.
  const demoStore = (harness.engine as unknown as { options: { store: SecretStore } }).options.store;
  const refreshToken = (await demoStore.get(`goto:refresh-token:${user}`))!;
  expect(refreshToken).toBeTruthy();
  await keychain.set(`goto:refresh-token:${user}`, refreshToken);
  const store = lockable(keychain);
  const resolved = gotoProvider.resolve({ ...gotoProvider.settings.defaults, ...harness.backend.settings }, harness.backend.env);
  if (!resolved.ok) throw new Error(resolved.message);
  const browser: string[] = [];
  const e = new Engine({
    provider: gotoProvider,
    configured: resolved.provider,
    store,
    log: createLogger(() => undefined),
    openUrl: (url) => void browser.push(url),
    lineSelection: { mode: 'all', lineIds: [] },
    rememberedUser: { get: () => user, set: () => undefined },
    session: { connection: FAST_CONNECTION },
    attentionRetryMs,
  });
  await e.start();
  return { engine: e, store, browser };
}

async function ringsOn(harness: Harness, e: Engine): Promise<void> {
  await until(() => e.status().state === 'live', 10_000, 'live');
  const rang: string[] = [];
  const off = e.onNotice((n) => rang.push(`${n.callId}:${n.type}`));
  const call = harness.sandbox.calls.ringInbound({ lineId: harness.sandbox.userLines[0]!.id });
  await until(() => rang.includes(`${call.id}:ringing`), 10_000, 'ringing');
  off();
  call.end();
}

describe('keychain locked at login', () => {
  const ways: Array<[string, (e: Engine) => Promise<void> | void]> = [
    ['unlock (Retry)', (e) => e.retry()],
    ['resume', (e) => e.resume()],
    ['a sign-in, without the browser', (e) => e.signIn()],
  ];
  for (const [name, way] of ways) {
    it(`the saved sign-in is read again on ${name}`, async () => {
      h = await startHarness();
      const locked = await lockedAtLogin(h);
      engine = locked.engine;
      expect(engine.status().state).toBe('signed-out');
      expect(engine.status().message).toMatch(/locked/);
      locked.store.locked = false;
      await way(engine);
      await ringsOn(h, engine);
      expect(locked.browser).toEqual([]);
    });
  }

  it('and by itself after the slow interval', async () => {
    h = await startHarness();
    const locked = await lockedAtLogin(h, 300);
    engine = locked.engine;
    expect(engine.status().state).toBe('signed-out');
    locked.store.locked = false;
    await ringsOn(h, engine);
  });
});
