import { cleanup, configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';
import type { RingtrayApi } from '../../../shared/ipc/api';
import { RingtrayApiProvider } from '../../../renderer/src/api/api-context';

// Imported by every component test (each runs under `// @vitest-environment jsdom`).

// jsdom does no layout: every box is 0×0, so the virtualized list would show no rows. Give
// elements a window-sized box; rows have a fixed height, so this is all the virtualizer reads.
const VIEWPORT = { width: 800, height: 600 };
HTMLElement.prototype.getBoundingClientRect = function getBoundingClientRect() {
  return DOMRect.fromRect(VIEWPORT);
};
for (const [prop, value] of [
  ['clientHeight', VIEWPORT.height],
  ['clientWidth', VIEWPORT.width],
  ['offsetHeight', VIEWPORT.height],
  ['offsetWidth', VIEWPORT.width],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, { configurable: true, get: () => value });
}

// findBy…/waitFor give up after 1 s by default; on a busy machine a debounced search can take
// longer. Waiting longer only makes a slow run slower, never a correct one red.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

export function renderWithApi(ui: ReactElement, api: RingtrayApi) {
  return render(<RingtrayApiProvider api={api}>{ui}</RingtrayApiProvider>);
}
