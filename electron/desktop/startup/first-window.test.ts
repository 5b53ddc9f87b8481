import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { firstWindow, showMainOnActivate } from './first-window';

describe('the window a start opens', () => {
  it('every start the user made opens the main window, configured or not; only --hidden stays in the tray', () => {
    expect(firstWindow({ initialCallId: null, hidden: false })).toEqual({ kind: 'main' });
    expect(firstWindow({ initialCallId: null, hidden: true })).toBeNull();
  });

  it('a start from a toast link opens that call report instead, even when hidden', () => {
    expect(firstWindow({ initialCallId: 'c-1', hidden: false })).toEqual({ kind: 'report', callId: 'c-1' });
    expect(firstWindow({ initialCallId: 'c-1', hidden: true })).toEqual({ kind: 'report', callId: 'c-1' });
  });

  it('macOS: activating the running app shows the main window', () => {
    const app = new EventEmitter();
    let shown = 0;
    showMainOnActivate(app as never, () => (shown += 1));
    app.emit('activate');
    expect(shown).toBe(1);
  });
});
