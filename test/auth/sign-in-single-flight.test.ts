// Sign-in is single flight (docs/security.md, "Sign-in"): two requests close together while the
// keychain is slow (tray and window) share one attempt on one listener, and Cancel always closes
// it. Real fake-GoTo authorization server, real loopback listener, a keychain made slow on purpose.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGotoAuth, type GotoAuth } from '../../electron/engine/providers/goto/goto-auth';
import { resolveGotoConfig, type GotoConfig } from '../../electron/engine/providers/goto/goto-config';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';
import { clientSecretAccount, type SecretStore } from '../../electron/engine/secrets/secret-store';
import { freePort, isListening, startFakeGoto, type FakeGoto } from './support/fake-goto';

const CLIENT_ID = 'ringtray-flight-client';
const CLIENT_SECRET = 'client-secret-5e2b9d41c7';

let fake: FakeGoto;
let port: number;
let config: GotoConfig;
let auth: GotoAuth;
let opened: string[];
let releaseKeychain: () => void;

/** The client secret lives in a keychain that answers only when the test says so. */
function slowKeychain(): SecretStore {
  const inner = createMemorySecretStore({ [clientSecretAccount('goto', CLIENT_ID)]: CLIENT_SECRET });
  const gate = new Promise<void>((resolve) => (releaseKeychain = resolve));
  return {
    kind: 'keychain',
    async get(account) {
      await gate;
      return inner.get(account);
    },
    set: (account, value) => inner.set(account, value),
    delete: (account) => inner.delete(account),
  };
}

beforeEach(async () => {
  port = await freePort();
  const redirectUri = `http://127.0.0.1:${port}/app/redirect`;
  fake = await startFakeGoto({ clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }] });
  const resolved = resolveGotoConfig({}, { RINGTRAY_GOTO_AUTH_URL: fake.authUrl, RINGTRAY_GOTO_CLIENT_ID: CLIENT_ID, RINGTRAY_GOTO_REDIRECT_URI: redirectUri });
  if (!resolved.ok) throw new Error(resolved.message);
  config = resolved.config;
  opened = [];
  auth = createGotoAuth({ config, store: slowKeychain(), signInTimeoutMs: 20_000, openUrl: (url) => void opened.push(url) });
});

afterEach(async () => {
  await auth.dispose();
  await fake.close();
  expect(await isListening(port)).toBe(false);
});

const until = async (check: () => boolean | Promise<boolean>): Promise<void> => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
};

describe('single-flight sign-in', () => {
  it('two requests while the keychain is slow share one attempt; the second re-opens its page', async () => {
    const first = auth.signIn();
    const second = auth.signIn();
    releaseKeychain();
    await until(() => opened.length === 1);
    const third = auth.signIn(); // the user clicks again once the browser is open: same page again
    await until(() => opened.length === 2);
    expect(opened[1]).toBe(opened[0]);
    const callback = (await fetch(opened[0]!, { redirect: 'manual' })).headers.get('location')!;
    expect((await fetch(callback)).status).toBe(200);
    const outcomes = await Promise.all([first, second, third]);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ ok: true, status: { state: 'signed-in' } });
  });

  it('Cancel while the keychain is slow: no listener is ever started, both requests end cancelled', async () => {
    const first = auth.signIn();
    const second = auth.signIn();
    const cancelled = auth.cancelSignIn();
    releaseKeychain();
    await cancelled;
    for (const outcome of await Promise.all([first, second])) expect(outcome).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(opened).toEqual([]);
    expect(await isListening(port)).toBe(false);
    expect(auth.tokens.current.state).toBe('signed-out');
  });

  it('Cancel while the browser is open closes the listener, and the next sign-in works at once', async () => {
    const first = auth.signIn();
    const second = auth.signIn();
    releaseKeychain();
    await until(() => opened.length === 1);
    expect(await isListening(port)).toBe(true);
    await auth.cancelSignIn();
    expect(await isListening(port)).toBe(false);
    for (const outcome of await Promise.all([first, second])) expect(outcome).toMatchObject({ ok: false, reason: 'cancelled' });
    const again = auth.signIn();
    await until(() => opened.length === 2);
    const callback = (await fetch(opened[1]!, { redirect: 'manual' })).headers.get('location')!;
    await fetch(callback);
    expect(await again).toMatchObject({ ok: true });
  });
});
