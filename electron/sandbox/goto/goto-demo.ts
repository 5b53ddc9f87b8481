// The GoTo sandbox as the demo's backend (provider-sandbox.ts): an OAuth client registered for the
// demo's redirect URI, the engine pointed at the sandbox through GoTo's own RINGTRAY_GOTO_* names.
import type { DemoBackend, ProviderSandboxModule } from '../../engine/providers/provider-sandbox';
import { createGotoSandbox, type GotoSandbox, type GotoSandboxOptions } from './goto-sandbox';

export interface GotoDemoBackend extends DemoBackend {
  /** The sandbox itself, for tests that inject faults or ring calls by hand. */
  readonly sandbox: GotoSandbox;
}

export async function startGotoDemo(options: { redirectUri: string; logger: GotoSandboxOptions['logger'] } & GotoSandboxOptions): Promise<GotoDemoBackend> {
  const { redirectUri, ...sandboxOptions } = options;
  const sandbox = await createGotoSandbox({ ...sandboxOptions, redirectUris: [redirectUri, ...(sandboxOptions.redirectUris ?? [])] });
  return {
    sandbox,
    url: sandbox.url,
    settings: { clientId: sandbox.clientId, redirectUri, accountKey: '' },
    env: {
      RINGTRAY_GOTO_AUTH_URL: sandbox.url,
      RINGTRAY_GOTO_API_URL: sandbox.url,
      RINGTRAY_GOTO_ADMIN_API_URL: sandbox.url,
      RINGTRAY_GOTO_CLIENT_SECRET: sandbox.clientSecret,
    },
    startCalls: ({ callsPerMinute, firstCallAfterMs }) => sandbox.calls.startGenerator({ callsPerMinute, firstCallAfterMs, cadence: 'steady' }),
    stopCalls: () => sandbox.calls.stopGenerator(),
    get stats() {
      return sandbox.stats;
    },
    close: () => sandbox.close(),
  };
}

export const gotoDemo: ProviderSandboxModule = { start: (options) => startGotoDemo(options) };
