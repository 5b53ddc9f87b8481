// Every provider Ringtray knows, one line each. This is the only file that names them all: the
// engine, desktop, headless mode and (through descriptors) the renderer find providers here.
// The first entry is the default when none is configured. Sandboxes are registered separately
// (electron/sandbox/registry.ts) so production code never loads them.
import type { ProviderDescriptor } from '../../../shared/providers';
import type { ProviderModule } from './provider-module';
import { dialpadProvider } from './dialpad/dialpad-provider';
import { gotoProvider } from './goto/goto-provider';
import { ringcentralProvider } from './ringcentral/ringcentral-provider';

export const PROVIDERS: readonly ProviderModule[] = [
  gotoProvider,
  dialpadProvider,
  ringcentralProvider,
];

export const DEFAULT_PROVIDER: ProviderModule = PROVIDERS[0]!;

/** The prefix of every environment variable a provider reads: RINGTRAY_<ID>_ (test/providers/registry.test.ts holds them to it). */
export const providerEnvPrefix = (id: string): string => `RINGTRAY_${id.toUpperCase().replaceAll('-', '_')}_`;

export type ProviderLookup = { ok: true; provider: ProviderModule } | { ok: false; message: string };

/** The provider with this id, or a sentence naming the ones this build has. */
export function findProvider(id: string): ProviderLookup {
  const provider = PROVIDERS.find((p) => p.id === id);
  if (provider) return { ok: true, provider };
  const known = PROVIDERS.map((p) => `${p.id} (${p.displayName})`).join(', ');
  const shown = id.length > 40 ? `${id.slice(0, 40)}…` : id;
  return { ok: false, message: `Ringtray has no provider "${shown}". Available: ${known}.` };
}

/** What the renderer gets: every provider's descriptor, with whether its demo can run. */
export function providerDescriptors(demoIds: ReadonlySet<string>): ProviderDescriptor[] {
  return PROVIDERS.map((p) => ({ ...p.descriptor, id: p.id, displayName: p.displayName, shortName: p.shortName ?? p.displayName, demo: demoIds.has(p.id) }));
}

/** Hosts links may always open: every provider's own sites. */
export function providerLinkHosts(): readonly string[] {
  return [...new Set(PROVIDERS.flatMap((p) => p.linkHosts ?? []))];
}
