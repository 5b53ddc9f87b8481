import { chromium, type Browser, type Disposable, type Page } from 'playwright-core';
import { demoProviderIds } from '../../../electron/engine/demo/demo-engine';
import { providerDescriptors } from '../../../electron/engine/providers/registry';
import { matchesRecentCallsSearch } from '../../../shared/recent-calls-search';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { settingsView } from '../../support/call-fixtures';
import { installTestBridge, type BridgeConfig, type BridgeGlobal } from './test-bridge';

// Debian's Chromium, never a downloaded one (docs/testing.md), with everything that could reach the
// network turned off: the page itself may only talk to the loopback static server.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface AppPage {
  page: Page;
  /** Console errors, page errors and requests that did not go to the static server, since this app was opened. */
  problems: string[];
  script: <R>(fn: (control: BridgeGlobal['__script']) => R) => Promise<R>;
}

export interface AppBrowser {
  /** Loads the app afresh at `hash`, with a new test preload bridge made from `config`. */
  open(hash: string, config: BridgeConfig, viewport?: { width: number; height: number }): Promise<AppPage>;
  close(): Promise<void>;
}

/**
 * One context and one page for a whole test file. Each `open` navigates the page to a fresh
 * document (a new JS realm: no module, React or bridge state carries over; the renderer keeps
 * nothing in storage) with the next test's bridge as its only init script. Reusing the page saves
 * a context and a renderer process per test, and lets Chromium reuse the bundle it has compiled.
 */
export async function startAppBrowser(browser: Browser, baseUrl: string): Promise<AppBrowser> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York', colorScheme: 'light' });
  const page = await context.newPage();
  let problems: string[] = [];
  page.on('console', (message) => {
    // Chromium always says this for a <meta> CSP; the header Electron sends carries frame-ancestors.
    if (message.text().includes("'frame-ancestors' is ignored when delivered via a <meta> element")) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (!request.url().startsWith(baseUrl)) problems.push(`request outside the app: ${request.url()}`);
  });
  const script = <R>(fn: (control: BridgeGlobal['__script']) => R) =>
    page.evaluate(`(${fn.toString()})(globalThis.__script)`) as Promise<R>;
  let bridge: Disposable | null = null;
  let opened = 0;

  return {
    async open(hash, config, viewport = { width: 960, height: 680 }) {
      await bridge?.dispose();
      bridge = await page.addInitScript({ content: `(${installTestBridge.toString()})(${JSON.stringify(config)}, ${matchesRecentCallsSearch.toString()});` });
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: 'light' });
      // Whatever the last test's page still reported while it was being left counts against this one.
      problems = [];
      const app: AppPage = { page, problems, script };
      // A query of its own: a URL that differed from the last one only after the # would be a
      // same-document navigation, keeping the last test's page and bridge.
      await page.goto(`${baseUrl}/index.html?open=${++opened}${hash}`);
      return app;
    },
    close: () => context.close(),
  };
}

export function defaultConfig(overrides: Partial<BridgeConfig> = {}): BridgeConfig {
  return {
    status: { state: 'live', message: null, at: new Date().toISOString() },
    historyCount: 10_000,
    liveCallId: 'conv-live-1',
    settingsFieldErrors: null,
    onePage: false,
    now: new Date().toISOString(),
    // The app's own defaults (from the settings schema), with GoTo chosen and a client configured.
    settings: settingsView({
      settings: {
        ...DEFAULT_SETTINGS,
        activeProvider: 'goto',
        providers: { goto: { clientId: 'b1f7c2e0-ringtray-demo', redirectUri: 'http://127.0.0.1:12021/app/redirect', accountKey: '4141234567890' } },
        startAtLogin: true,
        crmUrlTemplate: 'https://crm.example.com/search?phone={number}',
      },
      hasClientSecret: true,
    }),
    // The registry's real descriptors, as main sends them over providers:list.
    providers: providerDescriptors(demoProviderIds()),
    activeProvider: 'goto',
    ...overrides,
  };
}
