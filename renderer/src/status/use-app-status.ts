import { useEffect, useState } from 'react';
import type { AppStatusView } from '../../../shared/ipc/api';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';

export interface AppStatusState {
  status: AppStatusView | null;
  error: string | null;
}

/** The engine's connection status: read once, then kept current by pushes from main. */
export function useAppStatus(): AppStatusState {
  const api = useRingtrayApi();
  const [state, setState] = useState<AppStatusState>({ status: null, error: null });

  useEffect(() => {
    let alive = true;
    let pushed = false;
    // Subscribe before asking, and let a push win over the answer: the push is newer.
    const unsubscribe = api.onStatusChanged((status) => {
      pushed = true;
      if (alive) setState({ status, error: null });
    });
    api.getStatus().then(
      (status) => {
        if (alive && !pushed) setState({ status, error: null });
      },
      (error: unknown) => {
        if (alive && !pushed) setState({ status: null, error: errorMessage(error) });
      },
    );
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [api]);

  return state;
}
