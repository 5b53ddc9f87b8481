import type { ProviderSettingsValues } from '../../../shared/providers';
import type { Logger } from '../log/logger';
import type { Env } from './provider-module';

// What a provider's sandbox (its fake backend on 127.0.0.1, in electron/sandbox/<id>/) offers the
// demo. Sandboxes are listed in electron/sandbox/registry.ts and reached only through the demo
// door (engine/demo/demo-engine.ts) with a dynamic import, so a run that never starts the demo
// never loads sandbox code.

export interface DemoBackendOptions {
  /** The loopback redirect URI the demo's sign-in listens on: register it on the sandbox's OAuth client. */
  redirectUri: string;
  logger: Logger;
}

export interface DemoCallsOptions {
  callsPerMinute: number;
  /** The first generated call rings this soon after start (the demo shows a call at once). */
  firstCallAfterMs: number;
}

export interface DemoBackend {
  /** Where it listens (http://127.0.0.1:<port>), for the log and --demo's first line. */
  readonly url: string;
  /** settings.providers.<id> that point the provider at this backend. */
  readonly settings: ProviderSettingsValues;
  /** The only environment resolve() sees in the demo: the backend's URLs and public demo secret; the user's RINGTRAY_* variables do not apply. */
  readonly env: Env;
  /** Starts generated calls: the first after `firstCallAfterMs`, then a steady cadence. */
  startCalls(options: DemoCallsOptions): void;
  /** What the app still holds on the backend (subscriptions or channels, open sockets): zero after a clean stop. */
  readonly stats?: { readonly liveChannels: number; readonly openSockets: number };
  stopCalls(): void;
  close(): Promise<void>;
}

export interface ProviderSandboxModule {
  start(options: DemoBackendOptions): Promise<DemoBackend>;
}
