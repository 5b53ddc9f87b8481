import { createContext, useContext, type ReactNode } from 'react';
import type { RingtrayApi } from '../../../shared/ipc/api';

// Components read the preload API from context rather than from `window`, so component tests can
// hand them an in-memory fake and the app hands them `window.ringtray` (see main.tsx).
const RingtrayApiContext = createContext<RingtrayApi | null>(null);

export function RingtrayApiProvider({ api, children }: { api: RingtrayApi; children: ReactNode }) {
  return <RingtrayApiContext value={api}>{children}</RingtrayApiContext>;
}

export function useRingtrayApi(): RingtrayApi {
  const api = useContext(RingtrayApiContext);
  if (!api) throw new Error('useRingtrayApi() needs a <RingtrayApiProvider> above it.');
  return api;
}
