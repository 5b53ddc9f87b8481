// Each provider's sandbox, one line each, loaded only when the demo starts (a dynamic import per
// provider, so the bundler emits each sandbox as its own chunk that production runs never load).
// Only the demo door (electron/engine/demo/demo-engine.ts), tests and bench import this file.
import type { ProviderSandboxModule } from '../engine/providers/provider-sandbox';

export const SANDBOXES: Readonly<Record<string, () => Promise<ProviderSandboxModule>>> = {
  goto: async () => (await import('./goto/goto-demo')).gotoDemo,
  dialpad: async () => (await import('./dialpad/dialpad-demo')).dialpadDemo,
  ringcentral: async () => (await import('./ringcentral/ringcentral-demo')).ringcentralDemo,
};
