import type { ProviderWording } from '../auth/provider-wording';
import type { ProviderModule } from './provider-module';

/** How auth sentences name a provider: its short name, and the env variables its descriptor lists. */
export function wordingOf(provider: ProviderModule): ProviderWording {
  const { descriptor } = provider;
  return {
    name: provider.shortName ?? provider.displayName,
    redirectEnv: descriptor.fields.find((f) => f.key === 'redirectUri')?.env ?? null,
    secretEnv: descriptor.secret?.env ?? null,
  };
}
