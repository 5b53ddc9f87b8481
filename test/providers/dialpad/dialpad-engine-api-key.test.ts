// The engine itself (auth, session, tracker) with Dialpad in API-key mode, against the Dialpad
// sandbox over real HTTP and sockets: a key saved in the secret store (as Settings saves it) or
// given in RINGTRAY_DIALPAD_API_KEY signs in without a browser, a wrong key is refused with the
// way out, a key Dialpad stops accepting puts the engine in needs-sign-in, and sign-out deletes
// the key, the websocket and the subscription.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallNotice } from '../../../shared/calls';
import { silentLogger } from '../../../electron/engine/log/logger';
import { dialpadProvider } from '../../../electron/engine/providers/dialpad/dialpad-provider';
import { Engine } from '../../../electron/engine/ringtray-engine';
import { createMemorySecretStore } from '../../../electron/engine/secrets/memory-secret-store';
import { apiKeyAccount, type SecretStore } from '../../../electron/engine/secrets/secret-store';
import { createDialpadSandbox, type DialpadSandbox } from '../../../electron/sandbox/dialpad/dialpad-sandbox';
import { FAST_CONNECTION } from './dialpad-rig';

let sandbox: DialpadSandbox | null = null;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.stop();
  await sandbox?.close();
  engine = null;
  sandbox = null;
});

function engineFor(box: DialpadSandbox, store: SecretStore, env: Record<string, string> = {}): { engine: Engine; notices: CallNotice[] } {
  const resolved = dialpadProvider.resolve({ ...dialpadProvider.settings.defaults, apiUrl: box.url }, env);
  if (!resolved.ok) throw new Error(resolved.message);
  const built = new Engine({
    provider: dialpadProvider,
    configured: resolved.provider,
    store,
    log: silentLogger,
    openUrl: () => {
      throw new Error('an API key never opens a browser');
    },
    lineSelection: { mode: 'mine', lineIds: [] },
    session: { connection: FAST_CONNECTION, reportRetryDelaysMs: [30, 200] },
  });
  const notices: CallNotice[] = [];
  built.onNotice((n) => notices.push(n));
  engine = built;
  return { engine: built, notices };
}

const waitFor = (cond: () => boolean, message: string) => sandbox!.waitFor(cond, { timeoutMs: 10_000, message });

describe('Dialpad in API-key mode, through the engine', () => {
  it('starts signed in with the key saved in the keychain, rings, and sign-out deletes the key, the websocket and the subscription', async () => {
    sandbox = await createDialpadSandbox();
    const store = createMemorySecretStore();
    const account = apiKeyAccount('dialpad', sandbox.url);
    await store.set(account, sandbox.apiKey);
    const { engine: e, notices } = engineFor(sandbox, store);
    await e.start();
    await waitFor(() => e.status().state === 'live', 'never live');
    expect(sandbox.websockets()).toHaveLength(1);
    expect(sandbox.subscriptions()).toHaveLength(1);
    const id = sandbox.calls.ring({ caller: { name: 'Ada Lovelace', phone: '+14155550100' } });
    await waitFor(() => notices.some((n) => n.callId === id && n.type === 'ringing'), 'no ringing');
    expect(notices[0]).toMatchObject({ type: 'ringing', provider: 'dialpad', caller: { name: 'Ada Lovelace' }, line: { id: sandbox.user.id } });

    await e.signOut();
    expect(e.status().state).toBe('signed-out');
    expect(sandbox.websockets()).toEqual([]);
    expect(sandbox.subscriptions()).toEqual([]);
    expect(await store.get(account)).toBeNull();
    // Nothing saved any more: signing in says what to do.
    await expect(e.signIn()).rejects.toThrow(/No Dialpad API key is saved: enter it in Settings .* or set RINGTRAY_DIALPAD_API_KEY/);
  });

  it('signs in with RINGTRAY_DIALPAD_API_KEY after checking it with Dialpad; a wrong key is refused and nothing is kept', async () => {
    sandbox = await createDialpadSandbox();
    const fresh = engineFor(sandbox, createMemorySecretStore(), { RINGTRAY_DIALPAD_API_KEY: 'not-the-key' });
    await expect(fresh.engine.signIn()).rejects.toThrow(/Dialpad refused the API key/);
    expect(fresh.engine.status()).toMatchObject({ state: 'signed-out', message: expect.stringMatching(/refused the API key/) });
    await fresh.engine.stop();

    const { engine: e, notices } = engineFor(sandbox, createMemorySecretStore(), { RINGTRAY_DIALPAD_API_KEY: sandbox.apiKey });
    await e.signIn();
    await waitFor(() => e.status().state === 'live', 'never live');
    const id = sandbox.calls.ring();
    sandbox.calls.end(id, 'missed');
    await waitFor(() => notices.some((n) => n.callId === id && n.type === 'missed'), 'no missed');
    expect(notices.filter((n) => n.callId === id).map((n) => n.type).slice(0, 2)).toEqual(['ringing', 'missed']);
  });

  it('a saved key Dialpad no longer accepts: needs sign-in with the way out, and a new key saved in Settings signs in again', async () => {
    sandbox = await createDialpadSandbox();
    const store = createMemorySecretStore();
    const account = apiKeyAccount('dialpad', sandbox.url);
    await store.set(account, 'revoked-key');
    const { engine: e } = engineFor(sandbox, store);
    await e.start();
    await waitFor(() => e.status().state === 'needs-sign-in', 'the refused key was not noticed');
    expect(e.status().message).toMatch(/Dialpad refused the API key .* Enter a new key in Settings or set RINGTRAY_DIALPAD_API_KEY/);
    expect(JSON.stringify(e.status())).not.toContain('revoked-key');
    await store.set(account, sandbox.apiKey);
    await e.signIn();
    await waitFor(() => e.status().state === 'live', 'never live with the new key');
  });
});
