import { useCallback, useState } from 'react';
import { useRingtrayApi } from '../api/api-context';
import { errorMessage } from '../format/error-message';
import { CallFilterControl } from './CallFilterControl';
import { CallList } from './CallList';
import { SearchBox } from './SearchBox';
import type { CallFilter } from '../../../shared/recent-calls-search';
import { useDebouncedValue } from './use-debounced-value';
import { useRecentCalls } from './use-recent-calls';

const SEARCH_DEBOUNCE_MS = 250;

function emptyText(filter: CallFilter, search: string): string {
  if (search) return `No calls match \u201c${search}\u201d.`;
  switch (filter) {
    case 'missed':
      return 'No missed calls.';
    case 'inbound':
      return 'No incoming calls yet.';
    case 'outbound':
      return 'No outgoing calls yet.';
    default:
      return 'No calls yet. Calls appear here the moment your phone rings.';
  }
}

/** The main window's call history: filter, search, and a virtualized list that pages on scroll. */
export function RecentCalls() {
  const api = useRingtrayApi();
  const [filter, setFilter] = useState<CallFilter>('all');
  const [searchText, setSearchText] = useState('');
  const search = useDebouncedValue(searchText.trim(), SEARCH_DEBOUNCE_MS);
  const list = useRecentCalls(filter, search);
  const [openError, setOpenError] = useState<string | null>(null);

  const open = useCallback(
    (callId: string) => {
      setOpenError(null);
      api.openCallReport(callId).catch((error: unknown) => setOpenError(errorMessage(error)));
    },
    [api],
  );

  const showEmpty = list.settled && !list.loading && !list.error && list.items.length === 0;

  return (
    <section className="recent-calls" aria-labelledby="recent-calls-heading">
      <h2 id="recent-calls-heading" className="sr-only">
        Recent calls
      </h2>
      <div className="toolbar">
        <CallFilterControl value={filter} onChange={setFilter} />
        <SearchBox value={searchText} onChange={setSearchText} />
      </div>
      {list.warning && (
        <p className="banner banner-warn" role="status">
          {list.warning}
        </p>
      )}
      {openError && (
        <p className="banner banner-error" role="alert">
          {openError}
        </p>
      )}
      {list.error && (
        <div className="banner banner-error" role="alert">
          <span>{list.error}</span>
          <button type="button" className="button button-small" onClick={list.retry}>
            Retry
          </button>
        </div>
      )}
      {showEmpty && <p className="empty-state">{emptyText(filter, search)}</p>}
      {!list.settled && list.loading && (
        <p className="empty-state" role="status">
          Loading calls…
        </p>
      )}
      {list.items.length > 0 && <CallList items={list.items} onOpen={open} onNearEnd={list.loadMore} />}
      <p className="list-footer" role="status">
        {list.items.length > 0 &&
          `${list.items.length.toLocaleString()} ${list.items.length === 1 ? 'call' : 'calls'}${list.nextCursor ? ' — scroll for more' : ''}`}
        {list.settled && list.loading && ' · Loading more…'}
      </p>
    </section>
  );
}
