import type { WindowBounds } from './settings-file';

// Saved window bounds are restored only if the window would still be reachable: the display it
// was on may be unplugged, or the resolution lower. A pure check over the displays' work areas.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the window (its top strip, where the title bar is) must be on some display. */
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 40;

function isReachable(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, MIN_VISIBLE_HEIGHT) };
  return workAreas.some((area) => {
    const width = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const height = Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return width >= Math.min(MIN_VISIBLE_WIDTH, bounds.width) && height >= Math.min(MIN_VISIBLE_HEIGHT, bounds.height);
  });
}

/** The saved bounds when still reachable, else null (the window opens at its default place). */
export function restorableBounds(saved: WindowBounds | null, workAreas: readonly Rect[]): WindowBounds | null {
  if (!saved) return null;
  return isReachable(saved, workAreas) ? saved : null;
}
