import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../shared/ipc/api';
import { useRingtrayApi } from '../api/api-context';

/** The stored settings, read-only and kept current (null until read, or if reading failed). */
export function useSettingsView(): SettingsView | null {
  const api = useRingtrayApi();
  const [view, setView] = useState<SettingsView | null>(null);
  useEffect(() => {
    let alive = true;
    const unsubscribe = api.onSettingsChanged((next) => alive && setView(next));
    api.getSettings().then(
      (next) => alive && setView((current) => current ?? next),
      // The sign-in screen still works without them: it falls back to the default redirect URI.
      () => undefined,
    );
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [api]);
  return view;
}
