import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallSummary } from '../../../shared/calls';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import type { CallFilter } from '../../../shared/recent-calls-search';
import { appendPage, applyNotice } from './apply-notice';
import { markPageArrived } from './render-timing';

/** The largest page main accepts; fewer round trips when someone scrolls far back. */
const PAGE_SIZE = 500;

export interface RecentCallsState {
  items: CallSummary[];
  nextCursor: string | null;
  loading: boolean;
  /** True once the first page for the current filter and search has arrived (or failed). */
  settled: boolean;
  error: string | null;
  warning: string | null;
}

const FIRST_LOAD: RecentCallsState = { items: [], nextCursor: null, loading: true, settled: false, error: null, warning: null };

/** Pages of recent calls for a filter and search, kept live by call notices. */
export function useRecentCalls(filter: CallFilter, search: string) {
  const api = useRingtrayApi();
  const [state, setState] = useState<RecentCallsState>(FIRST_LOAD);
  // Bumped on every new query so an answer for an older filter or search is dropped.
  const generation = useRef(0);
  const inFlight = useRef(false);

  const load = useCallback(
    (cursor: string | null) => {
      const mine = generation.current;
      inFlight.current = true;
      setState((s) => ({ ...s, loading: true, error: null }));
      api.listRecentCalls({ filter, search, cursor, limit: PAGE_SIZE }).then(
        (page) => {
          if (mine !== generation.current) return;
          inFlight.current = false;
          markPageArrived();
          setState((s) => ({
            items: cursor ? appendPage(s.items, page.items) : page.items,
            nextCursor: page.nextCursor,
            loading: false,
            settled: true,
            error: null,
            warning: page.warning,
          }));
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          inFlight.current = false;
          setState((s) => ({ ...s, loading: false, settled: true, error: errorMessage(error) }));
        },
      );
    },
    [api, filter, search],
  );

  useEffect(() => {
    generation.current += 1;
    setState(FIRST_LOAD);
    load(null);
  }, [load]);

  useEffect(
    () => api.onCallNotice((notice) => setState((s) => ({ ...s, items: applyNotice(s.items, notice, filter, search) }))),
    [api, filter, search],
  );

  const { nextCursor, error } = state;
  const loadMore = useCallback(() => {
    if (inFlight.current || !nextCursor || error) return;
    load(nextCursor);
  }, [load, nextCursor, error]);

  const retry = useCallback(() => {
    if (inFlight.current) return;
    load(state.items.length > 0 ? nextCursor : null);
  }, [load, nextCursor, state.items.length]);

  return { ...state, loadMore, retry };
}
