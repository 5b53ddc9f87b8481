import { useEffect, useState } from 'react';
import type { ProviderDescriptor } from '../../../shared/providers';
import { useRingtrayApi } from '../api/api-context';
import { useSettingsView } from '../sign-in/use-settings-view';

/** The phone systems main offers (descriptors: fields, set-up steps, demo), read once; null until read. */
export function useProviders(): ProviderDescriptor[] | null {
  const api = useRingtrayApi();
  const [providers, setProviders] = useState<ProviderDescriptor[] | null>(null);
  useEffect(() => {
    let alive = true;
    api.listProviders().then(
      (view) => alive && setProviders(view.providers),
      () => alive && setProviders([]),
    );
    return () => {
      alive = false;
    };
  }, [api]);
  return providers;
}

/** The chosen provider's descriptor, else the first one offered (the default). */
export function activeDescriptor(providers: readonly ProviderDescriptor[] | null, activeProvider: string | null | undefined): ProviderDescriptor | null {
  if (!providers || providers.length === 0) return null;
  return providers.find((p) => p.id === activeProvider) ?? providers[0]!;
}

/** How sentences name a phone system ("Connecting to {displayName}…"); null while not known yet. */
export type ProviderNames = Pick<ProviderDescriptor, 'displayName' | 'shortName'> | null;

/** The names of the phone system in use: the saved choice, else the default; null until read. */
export function useActiveProviderNames(): ProviderNames {
  const providers = useProviders();
  const settings = useSettingsView();
  if (!settings) return null;
  return activeDescriptor(providers, settings.settings.activeProvider);
}

/** The names of the phone system with this id (a call's provider); null until read or if unknown. */
export function useProviderNames(id: string | null | undefined): ProviderNames {
  const providers = useProviders();
  return providers?.find((p) => p.id === id) ?? null;
}
