// The RingCentral sandbox as the demo's backend (provider-sandbox.ts): a client-side app
// registered for the demo's redirect URI, the engine pointed at the sandbox through
// RingCentral's own RINGTRAY_RINGCENTRAL_* names.
import type { DemoBackend, ProviderSandboxModule } from '../../engine/providers/provider-sandbox';
import { createRingCentralSandbox, type RcSandbox, type RcSandboxOptions } from './rc-sandbox';

export interface RingCentralDemoBackend extends DemoBackend {
  /** The sandbox itself, for tests that inject faults or ring calls by hand. */
  readonly sandbox: RcSandbox;
}

export async function startRingCentralDemo(options: { redirectUri: string } & RcSandboxOptions): Promise<RingCentralDemoBackend> {
  const { redirectUri, ...sandboxOptions } = options;
  const sandbox = await createRingCentralSandbox({ ...sandboxOptions, redirectUris: [redirectUri, ...(sandboxOptions.redirectUris ?? [])] });
  return {
    sandbox,
    url: sandbox.url,
    settings: { clientId: sandbox.clientId, serverUrl: sandbox.url, redirectUri },
    env: { RINGTRAY_RINGCENTRAL_SERVER_URL: sandbox.url, ...(sandbox.clientSecret ? { RINGTRAY_RINGCENTRAL_CLIENT_SECRET: sandbox.clientSecret } : {}) },
    startCalls: ({ callsPerMinute, firstCallAfterMs }) => sandbox.generator.start({ callsPerMinute, firstCallAfterMs }),
    stopCalls: () => sandbox.generator.stop(),
    close: () => sandbox.close(),
  };
}

export const ringcentralDemo: ProviderSandboxModule = { start: ({ redirectUri }) => startRingCentralDemo({ redirectUri }) };
