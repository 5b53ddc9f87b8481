import { useEffect, useState } from 'react';
import type { ProviderDescriptor } from '../../../shared/providers';
import { useRingtrayApi } from '../api/api-context';

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
