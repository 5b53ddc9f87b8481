// The Dialpad sandbox as the demo's backend (provider-sandbox.ts): a public OAuth app registered
// for the demo's redirect URI (sign-in with PKCE, no secret), the engine pointed at the sandbox
// through Dialpad's own settings, and calls from the generator (a queue call every fourth).
import type { DemoBackend, ProviderSandboxModule } from '../../engine/providers/provider-sandbox';
import { createDialpadSandbox, type DialpadSandbox, type DialpadSandboxOptions } from './dialpad-sandbox';

export interface DialpadDemoBackend extends DemoBackend {
  readonly sandbox: DialpadSandbox;
}

export async function startDialpadDemo(options: { redirectUri: string } & DialpadSandboxOptions): Promise<DialpadDemoBackend> {
  const { redirectUri, ...sandboxOptions } = options;
  const sandbox = await createDialpadSandbox({ ...sandboxOptions, redirectUris: [redirectUri, ...(sandboxOptions.redirectUris ?? [])] });
  return {
    sandbox,
    url: sandbox.url,
    settings: { apiUrl: sandbox.url, clientId: sandbox.clientId, redirectUri, userId: '' },
    env: {},
    startCalls: ({ callsPerMinute, firstCallAfterMs }) => sandbox.generator.start({ everyMs: 60_000 / Math.max(1, callsPerMinute), firstAfterMs: firstCallAfterMs }),
    stopCalls: () => sandbox.generator.stop(),
    close: () => sandbox.close(),
  };
}

export const dialpadDemo: ProviderSandboxModule = { start: (options) => startDialpadDemo(options) };
