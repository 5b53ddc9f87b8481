import { afterAll, describe, expect, it, vi } from 'vitest';
import { INVOKE } from '../../shared/ipc/channels';
import { followAuthorizeRedirect } from '../../electron/engine/demo/sandbox-browser';
import { freeLoopbackPort } from '../../electron/engine/demo/free-port';
import { createRingCentralSandbox } from '../../electron/sandbox/ringcentral/rc-sandbox';
import { mainFake } from '../support/electron-main-fake';
import { FakeNotification, FakeTray } from '../support/fake-electron-shell';
import { until } from '../support/until';

// A RingCentral user's whole first run through the desktop code: electron/main.ts started for
// real with no provider chosen; through the real IPC handlers (as the renderer calls them) the
// user picks RingCentral, saves its settings and signs in; the system browser is played by the
// test (it follows the sandbox's authorize redirect to Ringtray's loopback listener); the engine
// goes live on the RingCentral sandbox's gateway (real HTTP and WebSocket on 127.0.0.1), a call
// rings and the toast appears. Only Electron (no binary on these machines) and electron-log are
// faked (test/support/electron-main-fake.ts); settings, engine, sign-in, tray and notifications
// are the product's own.

vi.mock('electron', async () => (await import('../support/electron-main-fake')).electronModule());
vi.mock('electron-log/main', async () => (await import('../support/electron-main-fake')).electronLogModule());

const redirectUri = `http://127.0.0.1:${await freeLoopbackPort()}/app/redirect`;
const sandbox = await createRingCentralSandbox({ redirectUris: [redirectUri], callLogDelayMs: 100 });
const main = mainFake();
main.onOpenExternal = (url) => followAuthorizeRedirect(url);
await main.start([]);

afterAll(async () => {
  main.restore();
  await sandbox.close();
});

const tooltip = () => FakeTray.instances[0]?.tooltip ?? '';

describe('RingCentral through the desktop shell (Electron faked)', () => {
  it('first run: no provider chosen, RingCentral offered with its set-up steps', async () => {
    await until(() => tooltip() !== '', 15_000, 'the tray');
    const providers = await main.invoke(INVOKE.listProviders);
    const rc = (providers.value!.providers as Array<{ id: string; setupSteps: Array<{ items: string[] }>; fields: Array<{ key: string }> }>).find((p) => p.id === 'ringcentral');
    expect(rc?.fields.map((f) => f.key)).toEqual(['clientId', 'serverUrl', 'redirectUri']);
    expect(rc?.setupSteps.flatMap((s) => s.items)).toContain('WebSocket Subscriptions');
    const settings = await main.invoke(INVOKE.getSettings);
    expect((settings.value!.settings as { activeProvider: unknown }).activeProvider).toBeNull();
  });

  it('pick RingCentral and save its settings: checked in main, a bad value refused by field', async () => {
    const bad = await main.invoke(INVOKE.updateSettings, { activeProvider: 'ringcentral', providers: { ringcentral: { clientId: sandbox.clientId, serverUrl: 'ftp://nope', redirectUri } } });
    expect(bad).toMatchObject({ ok: true, value: { ok: false, fieldErrors: { 'providers.ringcentral.serverUrl': expect.stringMatching(/server URL/) } } });
    const saved = await main.invoke(INVOKE.updateSettings, { activeProvider: 'ringcentral', providers: { ringcentral: { clientId: sandbox.clientId, serverUrl: sandbox.url, redirectUri } } });
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    const view = await main.invoke(INVOKE.getSettings);
    expect(view.value!.settings).toMatchObject({ activeProvider: 'ringcentral', providers: { ringcentral: { clientId: sandbox.clientId, serverUrl: sandbox.url, redirectUri } } });
    await until(() => tooltip().includes('Signed out'), 15_000, 'the tray to say Signed out');
  });

  it('sign in: the browser opens RingCentral\u2019s authorize page (PKCE), the loopback takes the code, the tray goes Live', async () => {
    const signIn = await main.invoke(INVOKE.signIn);
    expect(signIn).toMatchObject({ ok: true });
    await until(() => tooltip().includes('Live'), 20_000, 'the tray to say Live');
    const authorize = new URL(main.opened.at(-1)!);
    expect(authorize.origin + authorize.pathname).toBe(`${sandbox.url}/restapi/oauth/authorize`);
    expect(authorize.searchParams.get('client_id')).toBe(sandbox.clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(redirectUri);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(sandbox.subscriptions()).toHaveLength(1);
    const status = await main.invoke(INVOKE.getStatus);
    expect(status).toMatchObject({ ok: true, value: { state: 'live', demo: false } });
  });

  it('a call rings: the toast names the caller; it goes when the call is answered', async () => {
    const call = sandbox.calls.ring();
    await until(() => FakeNotification.instances.some((n) => String(n.options.title).includes(call.caller.name) && n.shown > 0), 10_000, 'the ringing toast');
    const toast = FakeNotification.instances.find((n) => String(n.options.title).includes(call.caller.name))!;
    // The number as the toast formats it, and the line it rings on.
    expect(String(toast.options.body).replace(/[^\d+\n]/g, '')).toContain(call.caller.number);
    expect(String(toast.options.body)).toContain(`Line: ${call.extension.name}`);
    sandbox.calls.answer(call.telephonySessionId);
    await until(() => toast.closed, 10_000, 'the toast to close on answer');
    sandbox.calls.hangUp(call.telephonySessionId);
  });

  it('quit: the engine stops and RingCentral keeps no subscription', async () => {
    main.app.quit();
    await until(() => main.app.calls.includes('quit:allowed'), 15_000, 'the second quit');
    expect(sandbox.subscriptions()).toEqual([]);
    expect(sandbox.stats.openSockets).toBe(0);
  });
});
