// Electron cannot run on these machines (docs/testing.md). These tests drive the real
// IPC router over the in-memory FakeIpc bus (test/support/fake-electron.ts); nothing here
// imports `electron` at run time, and the alias in vitest.config.ts would fail loudly if it did.
import { PROVIDERS, providerDescriptors } from '../../electron/engine/providers/registry';
import { beforeEach, describe, expect, it } from 'vitest';
import { INVOKE, type IpcResult } from '../../shared/ipc/channels';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { silentLogger } from '../../electron/engine/log/logger';
import { registerAccountHandlers } from '../../electron/desktop/account-handlers';
import { registerNetworkHandlers } from '../../electron/desktop/network/network-handlers';
import { registerAppInfoHandlers } from '../../electron/desktop/app-info-handlers';
import { registerCallHandlers } from '../../electron/desktop/call-handlers';
import { askableExternalHosts } from '../../electron/desktop/crm-links';
import { DEFAULT_ALLOWED_HOSTS } from '../../electron/desktop/external-links';
import { createExternalLinkOpener } from '../../electron/desktop/external-links';
import { createIpcRouter } from '../../electron/desktop/ipc/ipc-router';
import { createTrustedSenderCheck } from '../../electron/desktop/ipc/trusted-sender';
import { DEFAULT_STORED_SETTINGS } from '../../electron/desktop/settings-file';
import { registerSettingsHandlers, type ClientSecretPort } from '../../electron/desktop/settings-handlers';
import { createSettingsStore } from '../../electron/desktop/settings-store';
import { FakeIpc } from '../support/fake-electron';
import { summary } from '../support/call-fixtures';
import { FakeEngine } from '../support/fake-engine';

let toastProblem: string | null = null;
const GOTO_DEFAULTS = { clientId: '', redirectUri: 'http://127.0.0.1:12021/app/redirect', accountKey: '' };

function setup() {
  const ipc = new FakeIpc();
  ipc.senderFrame = { url: 'ringtray-app://ui/index.html#/', parent: null };
  const router = createIpcRouter({ ipcMain: ipc.ipcMain, isTrustedSender: createTrustedSenderCheck(), log: silentLogger });
  const engine = new FakeEngine({ state: 'live', demo: true });
  const saved = new Map<string, unknown>();
  const store = createSettingsStore({ get: (k) => saved.get(k), set: (k, v) => saved.set(k, v) }, structuredClone(DEFAULT_STORED_SETTINGS));
  const secretsSet: Array<[string, string]> = [];
  const secrets: ClientSecretPort = {
    remove: async (provider, owner, kind) => {
      events.push(`remove ${provider} ${kind} ${owner}`);
      secretsSet.splice(0, secretsSet.length, ...secretsSet.filter(([id]) => id !== owner));
    },
    status: async (_provider, clientId) => ({ hasClientSecret: secretsSet.some(([id]) => id === clientId), secretStorage: 'keychain', secretStorageMessage: null }),
    set: async (_provider, clientId, secret, kind) => {
      if (kind === 'api-key') events.push(`set api-key ${clientId}`);
      secretsSet.push([clientId, secret]);
      return { storedIn: 'keychain', message: null };
    },
  };
  const opened: string[] = [];
  const reports: string[] = [];
  const events: string[] = [];
  const asked: string[] = [];
  const clipboard: string[] = [];
  const openExternalLink = createExternalLinkOpener({
    openExternal: async (url) => void opened.push(url),
    allowedHosts: () => DEFAULT_ALLOWED_HOSTS,
    askHosts: () => askableExternalHosts(store.get().crmUrlTemplate),
    approvals: store.approvedLinkHosts,
    // Stands in for Electron's native dialog (no Electron here): the user says yes.
    confirmHost: async (host) => {
      asked.push(host);
      return true;
    },
  });
  registerAppInfoHandlers(router, { name: 'Ringtray', version: '0.1.0', electronVersion: '45.4.1', platform: 'linux' });
  registerCallHandlers(router, {
    engine: () => engine,
    missedCount: () => 2,
    toastProblem: () => toastProblem,
    crmTemplate: () => store.get().crmUrlTemplate,
    openCallReport: async (callId) => void reports.push(callId),
    openExternalLink,
    writeClipboard: (text) => void clipboard.push(text),
  });
  registerSettingsHandlers(router, {
    store,
    secrets,
    onSecretChanged: () => events.push('secret-changed'),
    signOut: async () => void events.push('signed-out'),
    env: {},
  });
  let demo = true;
  registerAccountHandlers(router, {
    engine: () => engine,
    isDemo: () => demo,
    leaveDemo: async () => {
      demo = false;
      events.push('left-demo');
    },
    startDemo: async () => void events.push('demo'),
    providers: () => providerDescriptors(new Set(['goto'])),
  });
  const proxyAnswers: unknown[] = [];
  registerNetworkHandlers(router, { answer: (proxy, credentials) => proxyAnswers.push({ proxy, credentials }) > 0 });
  const invoke = <T>(channel: string, payload?: unknown) => ipc.ipcRenderer.invoke(channel, payload) as Promise<IpcResult<T>>;
  return { ipc, engine, store, saved, secretsSet, opened, asked, clipboard, reports, events, invoke, proxyAnswers };
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

describe('IPC handlers', () => {
  it('handle every invoke channel of the contract', () => {
    expect([...t.ipc.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
  });

  it('refuse a frame that is not the app, before reading the payload', async () => {
    t.ipc.senderFrame = { url: 'https://evil.example/', parent: null };
    for (const channel of Object.values(INVOKE)) {
      const result = await t.invoke(channel, { callId: 'x' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    t.ipc.senderFrame = { url: 'ringtray-app://ui/index.html#/', parent: {} };
    expect(await t.invoke(INVOKE.getStatus)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(t.reports).toEqual([]);
  });

  it('reject bad payloads', async () => {
    expect(await t.invoke(INVOKE.openCallReport, { callId: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.invoke(INVOKE.openCallReport, 'c1')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.invoke(INVOKE.getCallDetails, { callId: 'x'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.invoke(INVOKE.openCrm, { number: 42 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.invoke(INVOKE.setClientSecret, { clientSecret: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.invoke(INVOKE.signIn, { now: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.invoke(INVOKE.listRecentCalls, { limit: 0 })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    // Proxy credentials: Basic auth cannot carry ':' in the user name; no control characters; bounded.
    for (const credentials of [{ username: 'a:b', password: 'x' }, { username: 'a', password: 'x\ny' }, { username: 'a', password: 'x'.repeat(1_025) }, { username: '', password: 'x' }]) {
      expect(await t.invoke(INVOKE.answerProxySignIn, { proxy: 'proxy.corp:3128', credentials })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    expect(t.proxyAnswers).toEqual([]);
    expect(await t.invoke(INVOKE.answerProxySignIn, { proxy: 'proxy.corp:3128', credentials: null })).toEqual({ ok: true, value: { done: true } });
    expect(t.proxyAnswers).toEqual([{ proxy: 'proxy.corp:3128', credentials: null }]);
    expect(t.reports).toEqual([]);
  });

  it('status carries the engine state, demo flag, missed count and a toast problem', async () => {
    toastProblem = null;
    expect(await t.invoke(INVOKE.getStatus)).toEqual({
      ok: true,
      value: { state: 'live', message: null, problem: null, at: '2025-01-01T00:00:00.000Z', demo: true, missedCount: 2, toastProblem: null },
    });
    toastProblem = 'Call notifications are not showing.';
    expect(await t.invoke(INVOKE.getStatus)).toMatchObject({ ok: true, value: { toastProblem: 'Call notifications are not showing.' } });
  });

  it('recent calls pass the validated query (defaults applied) to the engine', async () => {
    t.engine.historyItems = [summary(0, { callId: 'c1' }), summary(0, { callId: 'c2' })];
    const result = await t.invoke<{ items: unknown[] }>(INVOKE.listRecentCalls, { filter: 'missed', limit: 1 });
    expect(result.ok && result.value.items).toHaveLength(1);
    expect(t.engine.lastRecentRequest).toEqual({ filter: 'missed', search: '', cursor: null, limit: 1 });
  });

  it('call details include the CRM link for the caller when a template is set', async () => {
    t.engine.details.set('c1', { summary: summary(0, { callId: 'c1', caller: { name: 'Ada', number: '+1 555 0100' } }), report: { state: 'pending' } });
    expect(await t.invoke(INVOKE.getCallDetails, { callId: 'c1' })).toMatchObject({ ok: true, value: { callId: 'c1', crmUrl: null } });
    t.store.update({ crmUrlTemplate: 'https://crm.example.com/search?q={number}' });
    expect(await t.invoke(INVOKE.getCallDetails, { callId: 'c1' })).toMatchObject({
      ok: true,
      value: { crmUrl: 'https://crm.example.com/search?q=%2B1%20555%200100', report: { state: 'pending' } },
    });
  });

  it('copy writes the clipboard in main; empty or oversized text is refused', async () => {
    expect(await t.invoke(INVOKE.copyText, { text: '+1 555 0100' })).toEqual({ ok: true, value: { done: true } });
    expect(t.clipboard).toEqual(['+1 555 0100']);
    expect(await t.invoke(INVOKE.copyText, { text: '' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await t.invoke(INVOKE.copyText, { text: 'x'.repeat(257) })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(t.clipboard).toHaveLength(1);
  });

  it('open report reaches the report windows', async () => {
    expect(await t.invoke(INVOKE.openCallReport, { callId: 'c1' })).toEqual({ ok: true, value: { done: true } });
    expect(t.reports).toEqual(['c1']);
  });

  it('open CRM: nothing without a template; with one, only its host is opened', async () => {
    expect(await t.invoke(INVOKE.openCrm, { number: '+1 555' })).toEqual({ ok: true, value: { opened: false, reason: 'No CRM link is set: add one in Settings.' } });
    t.store.update({ crmUrlTemplate: 'https://crm.example.com/find/{number}' });
    expect(await t.invoke(INVOKE.openCrm, { number: '+1 555' })).toEqual({ ok: true, value: { opened: true, reason: null } });
    expect(t.opened).toEqual(['https://crm.example.com/find/%2B1%20555']);
    expect(t.asked).toEqual(['crm.example.com']);
  });

  it('settings: get, update, per-field errors for bad or unknown fields', async () => {
    expect(await t.invoke(INVOKE.getSettings)).toEqual({
      ok: true,
      // Every provider's fields come filled in with its defaults.
      value: { settings: { ...DEFAULT_SETTINGS, providers: Object.fromEntries(PROVIDERS.map((p) => [p.id, p.settings.defaults])) }, hasClientSecret: false, secretStorage: 'keychain', secretStorageMessage: null, credential: null },
    });
    const bad = await t.invoke(INVOKE.updateSettings, { crmUrlTemplate: 'http://crm.example.com/{number}', providers: { goto: { redirectUri: 'ftp://x' } }, colour: 'red' });
    expect(bad).toEqual({
      ok: true,
      value: {
        ok: false,
        fieldErrors: {
          crmUrlTemplate: 'The CRM link must start with https://',
          'providers.goto.redirectUri': 'The redirect URI must look like http://127.0.0.1:12021/app/redirect',
          colour: 'Unknown setting',
        },
      },
    });
    expect(t.store.get()).toEqual(DEFAULT_SETTINGS);
    const good = await t.invoke(INVOKE.updateSettings, { doNotDisturb: true, providers: { goto: { clientId: 'abc' } } });
    expect(good).toMatchObject({ ok: true, value: { ok: true, view: { settings: { doNotDisturb: true, providers: { goto: { ...GOTO_DEFAULTS, clientId: 'abc' } } } } } });
    expect(t.saved.get('settings')).toMatchObject({ doNotDisturb: true, providers: { goto: { clientId: 'abc' } } });
  });

  it('client secret: needs a client id, goes to the secret port, never into settings', async () => {
    expect(await t.invoke(INVOKE.setClientSecret, { clientSecret: 's3cret' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    t.store.update({ providers: { goto: { clientId: 'client-1' } } });
    expect(await t.invoke(INVOKE.setClientSecret, { clientSecret: 's3cret' })).toEqual({ ok: true, value: { storedIn: 'keychain', message: null } });
    expect(t.secretsSet).toEqual([['client-1', 's3cret']]);
    expect(t.events).toEqual(['secret-changed']);
    expect(JSON.stringify([...t.saved.values()])).not.toContain('s3cret');
    expect(await t.invoke(INVOKE.getSettings)).toMatchObject({ ok: true, value: { hasClientSecret: true } });
  });

  it('an API key (Dialpad): kept per API base, the view says it signs in with a key, and Remove signs out before deleting it', async () => {
    t.store.update({ activeProvider: 'dialpad' });
    expect(await t.invoke(INVOKE.getSettings)).toMatchObject({ ok: true, value: { hasClientSecret: false, credential: 'api-key' } });
    expect(await t.invoke(INVOKE.setClientSecret, { clientSecret: 'dp-key' })).toEqual({ ok: true, value: { storedIn: 'keychain', message: null } });
    expect(await t.invoke(INVOKE.getSettings)).toMatchObject({ ok: true, value: { hasClientSecret: true } });
    expect(await t.invoke(INVOKE.removeClientSecret)).toEqual({ ok: true, value: { done: true } });
    expect(t.events).toEqual(['set api-key https://dialpad.com', 'secret-changed', 'signed-out', 'remove dialpad api-key https://dialpad.com', 'secret-changed']);
    expect(await t.invoke(INVOKE.getSettings)).toMatchObject({ ok: true, value: { hasClientSecret: false } });
    // With an OAuth client id the same provider signs in through the browser.
    t.store.update({ providers: { dialpad: { clientId: 'app1' } } });
    expect(await t.invoke(INVOKE.getSettings)).toMatchObject({ ok: true, value: { credential: 'oauth' } });
    expect(JSON.stringify([...t.saved.values()])).not.toContain('dp-key');
  });

  it('lines and account key come from the engine, with a message when the key is unknown', async () => {
    t.engine.lines = [{ id: 'l1', name: 'Sales', number: '201', extension: '201' }];
    expect(await t.invoke(INVOKE.listLines)).toEqual({ ok: true, value: { lines: t.engine.lines, mine: ['l1'] } });
    const unknown = await t.invoke<{ accountKey: string | null; message: string | null }>(INVOKE.detectAccountKey);
    expect(unknown.ok && unknown.value.accountKey).toBeNull();
    expect(unknown.ok && unknown.value.message).toMatch(/by hand/);
    t.engine.accountKey = '1234567';
    expect(await t.invoke(INVOKE.detectAccountKey)).toEqual({ ok: true, value: { accountKey: '1234567', message: null } });
  });

  it('sign in leaves the demo first and passes the engine’s message on failure; cancel and sign out reach the engine', async () => {
    expect(await t.invoke(INVOKE.signIn)).toEqual({ ok: true, value: { done: true } });
    expect(t.events).toEqual(['left-demo']);
    t.engine.signInError = new Error('Port 12021 is busy: close the other app using it.');
    expect(await t.invoke(INVOKE.signIn)).toEqual({ ok: false, error: { code: 'bad-request', message: 'Port 12021 is busy: close the other app using it.' } });
    await t.invoke(INVOKE.cancelSignIn);
    await t.invoke(INVOKE.signOut);
    expect(t.engine.calls).toEqual(['signIn', 'signIn', 'cancelSignIn', 'signOut']);
    expect(await t.invoke(INVOKE.startDemo)).toEqual({ ok: true, value: { done: true } });
    expect(t.events).toContain('demo');
  });

  it('Retry reaches the engine; a payload is refused at the boundary', async () => {
    expect(await t.invoke(INVOKE.retryConnection)).toEqual({ ok: true, value: { done: true } });
    expect(await t.invoke(INVOKE.retryConnection, { now: true })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(t.engine.calls).toEqual(['retry']);
  });
});
