import type { Settings } from '../../shared/settings';
import type { LineSelection } from '../engine/engine-api';

/** Settings' line filter in the engine's terms ('chosen' lines → 'lines'). */
export function lineSelectionFor(filter: Settings['lineFilter']): LineSelection {
  if (filter.mode === 'chosen') return { mode: 'lines', lineIds: [...filter.lineIds] };
  return { mode: filter.mode };
}
