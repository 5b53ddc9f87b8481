import { useEffect, useState } from 'react';
import type { AppVersion } from '../../shared/ipc/api';
import { getRingtrayApi } from './ringtray-api';

type Loaded = { state: 'loading' } | { state: 'ready'; version: AppVersion } | { state: 'error'; message: string };

export function App() {
  const [info, setInfo] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let alive = true;
    getRingtrayApi()
      .getVersion()
      .then((version) => alive && setInfo({ state: 'ready', version }))
      .catch((error: unknown) => alive && setInfo({ state: 'error', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      alive = false;
    };
  }, []);

  return (
    <main className="app">
      <h1>Ringtray</h1>
      <p>Shows who is calling the moment your phone rings.</p>
      {info.state === 'loading' && <p role="status">Loading…</p>}
      {info.state === 'ready' && (
        <p role="status">
          Version {info.version.version} on {info.version.platform}
          {info.version.electron ? ` (Electron ${info.version.electron})` : ''}
        </p>
      )}
      {info.state === 'error' && <p role="alert">{info.message}</p>}
    </main>
  );
}
