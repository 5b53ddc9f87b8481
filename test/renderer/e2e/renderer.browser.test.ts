import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, launchChromium, startAppBrowser, type AppBrowser, type AppPage } from './browser-session';
import { SCREENSHOT_DIR, buildRenderer } from './build-renderer';
import { serveFolder } from './static-server';
import { withProviderDefaults } from '../../../electron/desktop/provider-settings';

// The real renderer bundle in a real browser (Debian Chromium via playwright-core), with a
// scripted stand-in for the preload. Assertions are on what a person sees; every page also
// checks that the CSP held (no violations, no console errors, no request off the loopback).
// `locator.waitFor()` waits in the page for the element to be shown and throws after 30 s: a bare
// waitFor is the assertion that the element appears.

const TEST_TIMEOUT = 60_000;
const SCREENSHOTS = process.env.RINGTRAY_SCREENSHOTS === '1';
/** For expect.poll: its 1 s default is too short for a busy machine; waiting longer never makes a right answer wrong. */
const POLL = { timeout: 10_000 };
let outDir: string;
let server: Awaited<ReturnType<typeof serveFolder>>;
let browser: Browser;
let session: AppBrowser;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'ringtray-renderer-'));
  if (SCREENSHOTS) await mkdir(SCREENSHOT_DIR, { recursive: true });
  // The server and the browser's page get ready while the bundle builds; nothing loads before it is built.
  server = await serveFolder(outDir);
  const started = launchChromium().then(async (launched) => {
    browser = launched;
    session = await startAppBrowser(launched, server.url);
  });
  await Promise.all([buildRenderer(outDir), started]);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await browser?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

const open: AppBrowser['open'] = (...args) => session.open(...args);

/**
 * Light and dark screenshots of the current screen, into test-output/screenshots, when asked for
 * with RINGTRAY_SCREENSHOTS=1 (docs/testing.md). They are pictures for people, not checks, and
 * took about a seventh of this file's time.
 */
async function screenshots(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function expectCleanPage(app: AppPage): Promise<void> {
  expect(await app.script((s) => s.cspViolations)).toEqual([]);
  expect(app.problems).toEqual([]);
}

describe('renderer in Chromium', () => {
  it('lists 10,000 calls virtualized: scrolls to the end, filters missed, searches', { timeout: TEST_TIMEOUT }, async () => {
    const app = await open('#/', defaultConfig());
    const { page } = app;
    const list = page.getByRole('list', { name: 'Recent calls' });
    // The live count under the list ("501 calls — scroll for more").
    const footer = page.getByRole('status').filter({ hasText: /^\d[\d,]* calls?\b/ });
    await page.getByText('500 calls — scroll for more').waitFor();
    await page.getByRole('button', { name: /Missed/ }).first().waitFor();
    expect(await page.getByText('Listening for calls', { exact: true }).isVisible()).toBe(true);
    // A missed call pushed live lands on top, marked in words (not colour only).
    await app.script((s) => s.missedCall());
    await expect.poll(() => page.getByRole('listitem').first().textContent(), POLL).toMatch(/Omar Haddad.*Missed/);
    await expect.poll(() => footer.textContent(), POLL).toBe('501 calls — scroll for more');
    await screenshots(page, 'main-recent');

    // Keep scrolling to the bottom: each time near the end the next page of 500 loads. The rounds
    // run in the page: from here, a page of calls cost more round trips than it took to arrive.
    // One read per round: reading the count twice let a page landing in between make `before`
    // the final count, and then nothing could change it. 10 s per round only turns a hang into
    // a clear failure.
    await list.evaluate(async (el, counter) => {
      for (let i = 0; i < 40; i++) {
        const before = counter?.textContent ?? '';
        if (before.startsWith('10,001 calls')) return;
        el.scrollTop = el.scrollHeight;
        const since = Date.now();
        while ((counter?.textContent ?? '') === before) {
          if (Date.now() - since > 10_000) throw new Error(`Scrolled to the end, and the count stayed "${before}" for 10 s.`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    }, await footer.elementHandle());
    await expect.poll(() => footer.textContent(), { timeout: 10_000 }).toBe('10,001 calls');
    await list.evaluate((el: { scrollTop: number; scrollHeight: number }) => {
      el.scrollTop = el.scrollHeight;
    });
    // hist-9999: FIRST[9999 % 10] = Sara, LAST[floor(9999 / 10) % 10] = Olsen.
    await page.getByRole('button', { name: /Sara Olsen.*\+15550009999/ }).waitFor();
    const domRows = await page.getByRole('listitem').count();
    expect(domRows).toBeGreaterThan(5);
    expect(domRows).toBeLessThan(100);

    const renders = (await page.evaluate(
      `performance.getEntriesByName('ringtray:recent-calls-render').map((e) => ({ ms: e.duration, rows: e.detail.rows }))`,
    )) as { ms: number; rows: number }[];
    const jump = (await page.evaluate(`(async () => {
      const el = document.querySelector('[role="list"]');
      el.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const t0 = performance.now();
      el.scrollTop = el.scrollHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - t0;
    })()`)) as number;
    const last = renders.at(-1);
    console.log(
      `[renderer] recent calls: ${renders.length} page renders; with ${last?.rows} rows the list rendered in ${last?.ms.toFixed(1)} ms ` +
        `(slowest page ${Math.max(...renders.map((r) => r.ms)).toFixed(1)} ms); jump top→bottom of 10,000 rows: ${jump.toFixed(1)} ms; ${domRows} rows in the DOM`,
    );

    // Filter: missed only.
    await page.getByRole('radio', { name: 'Missed' }).check();
    await expect.poll(() => footer.textContent(), { timeout: 10_000 }).toMatch(/^500 calls/);
    const outcomes = await page.getByRole('listitem').allTextContents();
    expect(outcomes.length).toBeGreaterThan(3);
    for (const text of outcomes) expect(text).toContain('Missed');

    // Search (with the filter back to all).
    await page.getByRole('radio', { name: 'All' }).check();
    await page.getByRole('searchbox', { name: 'Search calls by name or number' }).fill('555 000 4242');
    await expect.poll(() => footer.textContent(), { timeout: 10_000 }).toBe('1 call');
    expect(await page.getByRole('button', { name: /\+15550004242/ }).isVisible()).toBe(true);

    // Enter on a row opens its report through the bridge.
    await page.getByRole('button', { name: /\+15550004242/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => app.script((s) => s.calls.includes('openCallReport')), POLL).toBe(true);
    await expectCleanPage(app);
  });

  it('times the first render of a 10,000-row list delivered at once', { timeout: TEST_TIMEOUT }, async () => {
    const app = await open('#/', defaultConfig({ onePage: true }));
    await app.page.getByText('10,000 calls', { exact: true }).waitFor();
    const renders = (await app.page.evaluate(
      `performance.getEntriesByName('ringtray:recent-calls-render').map((e) => ({ ms: e.duration, rows: e.detail.rows }))`,
    )) as { ms: number; rows: number }[];
    expect(renders.at(-1)?.rows).toBe(10_000);
    expect(await app.page.getByRole('listitem').count()).toBeLessThan(100);
    console.log(`[renderer] first render of 10,000 rows (one page): ${renders.at(-1)?.ms.toFixed(1)} ms from data arrival to commit`);
    await expectCleanPage(app);
  });

  it('report window: live ringing → connected → ended, then the report with its AI summary', { timeout: TEST_TIMEOUT }, async () => {
    const app = await open('#/report/conv-live-1', defaultConfig({ historyCount: 0 }), { width: 640, height: 860 });
    const { page } = app;
    await page.getByRole('heading', { name: 'Jane Doe' }).waitFor();
    expect(await page.getByText('Ringing', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('The report appears when the call ends.').isVisible()).toBe(true);

    expect(await app.script((s) => s.next())).toBe('answered');
    await page.getByText('Connected', { exact: true }).waitFor();

    expect(await app.script((s) => s.next())).toBe('ended');
    await page.getByText('Call ended').waitFor();
    expect(await page.getByText(/GoTo is preparing the report/).isVisible()).toBe(true);

    expect(await app.script((s) => s.next())).toBe('report');
    await page.getByText(/Jane wants her order #4821/).waitFor();
    expect(await page.getByText('2:05').isVisible()).toBe(true);
    expect(await page.getByText('SMS confirmation', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Open in CRM' }).isVisible()).toBe(true);
    await screenshots(page, 'report');

    await page.getByRole('button', { name: 'Open in CRM' }).click();
    await expect.poll(() => app.script((s) => s.calls.includes('openCrm')), POLL).toBe(true);
    await expectCleanPage(app);
  });

  it('report window for a missed call: the report error and its Retry', { timeout: TEST_TIMEOUT }, async () => {
    const app = await open('#/report/missed-1', defaultConfig({ historyCount: 0 }), { width: 640, height: 600 });
    const { page } = app;
    await page.getByRole('heading', { name: 'Omar Haddad' }).waitFor();
    expect(await page.getByText('Missed call').isVisible()).toBe(true);
    expect(await page.getByRole('alert').textContent()).toContain('GoTo could not build the report for this call.');
    const before = await app.script((s) => s.calls.filter((c) => c === 'getCallDetails').length);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => app.script((s) => s.calls.filter((c) => c === 'getCallDetails').length), POLL).toBeGreaterThan(before);
    await expectCleanPage(app);
  });

  it('settings: a server field error shows inline next to its field', { timeout: TEST_TIMEOUT }, async () => {
    const app = await open('#/', defaultConfig({ historyCount: 50, settingsFieldErrors: { 'providers.goto.redirectUri': 'Port 12022 is in use by another program: pick another port.' } }), {
      width: 960,
      height: 900,
    });
    const { page } = app;
    await page.getByRole('tab', { name: 'Settings' }).click();
    const redirect = page.getByRole('textbox', { name: 'Redirect URI' });
    await redirect.fill('http://127.0.0.1:12022/app/redirect');
    const crm = page.getByRole('textbox', { name: 'CRM link' });
    await crm.fill('http://crm.example.com/?q={number}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The CRM link must start with https://').waitFor();
    expect(await crm.getAttribute('aria-invalid')).toBe('true');

    await crm.fill('https://crm.example.com/?q={number}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Port 12022 is in use by another program: pick another port.').waitFor();
    expect(await redirect.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Saved in the OS keychain; it is never shown again.').isVisible()).toBe(true);
    await screenshots(page, 'settings');
    await expectCleanPage(app);
  });

  it('first run asks which phone system, from the descriptors main sends, then shows that provider\u2019s own set-up', { timeout: TEST_TIMEOUT }, async () => {
    const registered = defaultConfig().providers;
    // A second provider, to see the screen draw whatever it is given: its own fields and steps, no demo.
    const example = {
      id: 'example-pbx',
      displayName: 'Example PBX',
      shortName: 'Example',
      summary: 'Ringtray listens to Example PBX with an API key.',
      fields: [],
      secret: null,
      setupSteps: [{ text: 'An API key from the Example admin page.', codeField: null, items: [], linkToSettings: false }],
      demo: false,
    };
    const app = await open(
      '#/',
      defaultConfig({ historyCount: 20, activeProvider: null, providers: [...registered, example], status: { state: 'signed-out', message: null, at: new Date().toISOString() } }),
      { width: 960, height: 860 },
    );
    const { page } = app;
    await page.getByRole('heading', { name: 'Connect Ringtray to your phone system' }).waitFor();
    // The choice appears once main's descriptors arrive.
    await page.getByRole('radio', { name: /GoTo Connect/ }).waitFor();
    expect(await page.getByRole('radio', { name: /Example PBX/ }).isVisible()).toBe(true);
    // Only providers with a sandbox offer a demo; no sign-in before a choice.
    expect(await page.getByRole('button', { name: /demo/ }).count()).toBe(registered.filter((p) => p.demo).length);
    expect(await page.getByRole('button', { name: /^Sign in with/ }).count()).toBe(0);
    await screenshots(page, 'choose-provider');

    await page.getByRole('radio', { name: /Example PBX/ }).click();
    await page.getByRole('heading', { name: 'Connect Ringtray to Example PBX' }).waitFor();
    expect(await page.getByText('An API key from the Example admin page.').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Sign in with Example' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /demo/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Use another phone system' }).click();
    await page.getByRole('radio', { name: /GoTo Connect/ }).click();
    await page.getByRole('heading', { name: 'Connect Ringtray to GoTo Connect' }).waitFor();
    expect(await page.getByText('users.v1.lines.read').isVisible()).toBe(true);
    expect(await app.script((s) => s.calls.filter((c) => c === 'updateSettings').length)).toBe(2);
    await expectCleanPage(app);
  });

  it('RingCentral chosen: its set-up steps (redirect URI, permissions), its fields in Settings, saving, then sign-in starts', { timeout: TEST_TIMEOUT }, async () => {
    const base = defaultConfig();
    // As main sends the view: every provider filled in with its defaults (settings-handlers.ts).
    const settings = { ...base.settings, settings: withProviderDefaults({ ...base.settings.settings, activeProvider: null }), hasClientSecret: false };
    const rc = base.providers.find((p) => p.id === 'ringcentral');
    expect(rc).toBeDefined();
    const app = await open(
      '#/',
      defaultConfig({ historyCount: 20, activeProvider: null, settings, status: { state: 'signed-out', message: null, at: new Date().toISOString() } }),
      { width: 960, height: 900 },
    );
    const { page } = app;
    await page.getByRole('radio', { name: /RingCentral/ }).waitFor();
    await page.getByRole('radio', { name: /RingCentral/ }).click();
    await page.getByRole('heading', { name: 'Connect Ringtray to RingCentral' }).waitFor();
    expect(await app.script((s) => s.calls.filter((c) => c === 'updateSettings').length)).toBe(1);
    // The descriptor's steps: how to create the RingCentral app, the exact redirect URI, the permissions.
    const steps = page.getByRole('list').filter({ hasText: 'RingCentral Developer Console' });
    expect(await steps.getByText('http://127.0.0.1:12022/app/redirect', { exact: true }).isVisible()).toBe(true);
    expect(await steps.locator('.scopes code').allTextContents()).toEqual(['WebSocket Subscriptions', 'Call Control', 'Read Call Log', 'Read Accounts']);
    // No client ID yet: the screen says so and points to Settings.
    await page.getByText(/No Client ID is set yet/).waitFor();
    await screenshots(page, 'sign-in-ringcentral');

    await page.getByText(/No Client ID is set yet/).getByRole('button', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Settings' });
    await form.getByRole('heading', { name: 'RingCentral' }).waitFor();
    expect(await form.getByLabel('Server URL').inputValue()).toBe('https://platform.ringcentral.com');
    expect(await form.getByLabel('Redirect URI').inputValue()).toBe('http://127.0.0.1:12022/app/redirect');
    // RingCentral's desktop app is a client-side app: no secret field.
    expect(await form.locator('input[type="password"]').count()).toBe(0);
    // A redirect URI off the loopback is refused next to its field, and nothing is saved.
    await form.getByLabel('Redirect URI').fill('https://example.com/cb');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(/The redirect URI must look like/).waitFor();
    expect(await app.script((s) => s.calls.filter((c) => c === 'updateSettings').length)).toBe(1);
    await form.getByLabel('Redirect URI').fill('http://127.0.0.1:12022/app/redirect');
    await form.getByLabel('Client ID').fill('rc-client-123');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('✓ Saved').waitFor();
    const saved = await page.evaluate(() => (globalThis as unknown as { ringtray: { getSettings(): Promise<{ settings: { activeProvider: string; providers: Record<string, Record<string, string>> } }> } }).ringtray.getSettings());
    expect(saved.settings.activeProvider).toBe('ringcentral');
    expect(saved.settings.providers.ringcentral).toEqual({ clientId: 'rc-client-123', serverUrl: 'https://platform.ringcentral.com', redirectUri: 'http://127.0.0.1:12022/app/redirect' });

    await page.getByRole('tab', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText(/No Client ID is set yet/).count(), POLL).toBe(0);
    await page.getByRole('button', { name: 'Sign in with RingCentral' }).click();
    await page.getByRole('button', { name: 'Cancel sign-in' }).waitFor();
    expect(await app.script((s) => s.calls.filter((c) => c === 'signIn').length)).toBe(1);
    await expectCleanPage(app);
  });

  it('Dialpad chosen: set-up with an API key or an OAuth app, the key saved to the keychain and shown only as "Saved" (Replace, Remove), sign-in without a browser', { timeout: TEST_TIMEOUT }, async () => {
    const base = defaultConfig();
    // As main sends the view for Dialpad with no OAuth client id: it signs in with an API key.
    const settings = { ...base.settings, settings: withProviderDefaults({ ...base.settings.settings, activeProvider: null }), hasClientSecret: false, credential: 'api-key' as const };
    const app = await open(
      '#/',
      defaultConfig({ historyCount: 20, activeProvider: null, settings, status: { state: 'signed-out', message: null, at: new Date().toISOString() } }),
      { width: 960, height: 900 },
    );
    const { page } = app;
    await page.getByRole('radio', { name: /Dialpad/ }).waitFor();
    await page.getByRole('radio', { name: /Dialpad/ }).click();
    await page.getByRole('heading', { name: 'Connect Ringtray to Dialpad' }).waitFor();
    // Both ways in, from the descriptor: where an admin makes the key, and the OAuth app's redirect URI.
    const steps = page.getByRole('list').filter({ hasText: 'API Keys' });
    expect(await steps.getByText(/Admin Settings → My Company → Authentication → API Keys/).isVisible()).toBe(true);
    expect(await steps.getByText('http://127.0.0.1:12031/callback', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(/Ringtray signs in with your Dialpad API key: paste it in Settings/).isVisible()).toBe(true);
    await screenshots(page, 'sign-in-dialpad');

    await page.getByRole('tab', { name: 'Settings' }).click();
    const form = page.getByRole('form', { name: 'Settings' });
    await form.getByRole('heading', { name: 'Dialpad' }).waitFor();
    expect(await form.getByLabel('API base').inputValue()).toBe('https://dialpad.com');
    expect(await form.getByText('No API key stored yet.').isVisible()).toBe(true);
    const key = 'dp-key-5f1b2c3d4e';
    await form.getByLabel('API key', { exact: true }).fill(key);
    expect(await form.getByLabel('API key', { exact: true }).getAttribute('type')).toBe('password');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('✓ Saved').waitFor();
    expect(await app.script((s) => s.calls.filter((c) => c === 'setClientSecret').length)).toBe(1);
    // Never shown back: the field says "Saved" and offers Replace and Remove.
    await expect.poll(() => form.getByLabel('API key', { exact: true }).textContent(), POLL).toBe('Saved');
    expect(await page.content()).not.toContain(key);
    expect(await form.getByRole('button', { name: 'Replace' }).isVisible()).toBe(true);
    await form.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => app.script((s) => s.calls.filter((c) => c === 'removeClientSecret').length), POLL).toBe(1);
    await expect.poll(() => form.getByLabel('API key', { exact: true }).getAttribute('type'), POLL).toBe('password');

    await page.getByRole('tab', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign in with Dialpad' }).click();
    expect(await app.script((s) => s.calls.filter((c) => c === 'signIn').length)).toBe(1);
    await expectCleanPage(app);
  });

  it('sign-in screen: shows the engine’s error as an alert, and the demo button starts the demo', { timeout: TEST_TIMEOUT }, async () => {
    const app = await open(
      '#/',
      defaultConfig({
        historyCount: 200,
        status: { state: 'signed-out', message: 'Port 12021 is in use by another program. Close it, or change the redirect URI in Settings.', at: new Date().toISOString() },
      }),
      { width: 960, height: 860 },
    );
    const { page } = app;
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('Port 12021 is in use by another program.');
    expect(await page.getByText('http://127.0.0.1:12021/app/redirect').isVisible()).toBe(true);
    expect(await page.getByText('users.v1.lines.read').isVisible()).toBe(true);
    await screenshots(page, 'sign-in');

    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByText('Demo', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Recent calls' }).waitFor();
    await page.getByText('200 calls', { exact: true }).waitFor();
    expect(await app.script((s) => s.calls.filter((c) => c === 'startDemo').length)).toBe(1);
    await expectCleanPage(app);
  });
});
