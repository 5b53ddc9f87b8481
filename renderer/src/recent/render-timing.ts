// Cheap User Timing marks around the recent-calls list, so the browser test can read how long the
// list took to render after a page arrived (performance.getEntriesByName(LIST_RENDER_MEASURE)).
const PAGE_ARRIVED_MARK = 'ringtray:recent-calls-page';
const LIST_RENDER_MEASURE = 'ringtray:recent-calls-render';

export function markPageArrived(): void {
  performance.mark(PAGE_ARRIVED_MARK);
}

/** Called from a layout effect once the rows for the newest page are committed. */
export function measureListRender(rows: number): void {
  if (performance.getEntriesByName(PAGE_ARRIVED_MARK, 'mark').length === 0) return;
  performance.measure(LIST_RENDER_MEASURE, { start: PAGE_ARRIVED_MARK, detail: { rows } });
  performance.clearMarks(PAGE_ARRIVED_MARK);
}
