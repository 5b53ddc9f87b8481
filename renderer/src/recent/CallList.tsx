import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { CallSummary } from '../../../shared/calls';
import { CallRow } from './CallRow';
import { measureListRender } from './render-timing';

/** Fixed row height (matches .call-list-item in styles.css): no per-row measuring on scroll. */
const ROW_HEIGHT = 56;
/** Ask for the next page this many rows before the end, so scrolling rarely waits. */
const LOAD_AHEAD_ROWS = 40;

interface Props {
  items: CallSummary[];
  onOpen: (callId: string) => void;
  onNearEnd: () => void;
}

/**
 * The recent calls, virtualized: only the rows in view (plus a few) are in the DOM, so 10,000
 * calls scroll as smoothly as 10. Arrow keys, Home and End move between rows.
 */
export function CallList({ items, onOpen, onNearEnd }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<number | null>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]?.callId ?? index,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const lastVisible = rows.at(-1)?.index ?? -1;

  useLayoutEffect(() => {
    measureListRender(items.length);
  }, [items.length]);

  useEffect(() => {
    if (items.length > 0 && lastVisible >= items.length - LOAD_AHEAD_ROWS) onNearEnd();
  }, [lastVisible, items.length, onNearEnd]);

  // A row scrolled into view for keyboard focus exists only after the next render.
  useEffect(() => {
    if (pendingFocus.current == null) return;
    const target = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${pendingFocus.current}"] button`);
    if (target) {
      target.focus();
      pendingFocus.current = null;
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!current) return;
    const index = Number(current.dataset.index);
    const next =
      event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : null;
    if (next == null || next < 0 || next >= items.length) return;
    event.preventDefault();
    pendingFocus.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const target = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] button`);
    if (target) {
      target.focus();
      pendingFocus.current = null;
    }
  };

  return (
    <div ref={scrollRef} className="call-list" role="list" aria-label="Recent calls" onKeyDown={onKeyDown}>
      <div className="call-list-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const call = items[row.index];
          if (!call) return null;
          return (
            <div
              key={row.key}
              role="listitem"
              aria-posinset={row.index + 1}
              aria-setsize={items.length}
              data-index={row.index}
              className="call-list-item"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <CallRow call={call} onOpen={onOpen} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
