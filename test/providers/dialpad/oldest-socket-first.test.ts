// The frame order across a URL renewal, as a pure function of socket events: the new socket's
// copy of a call's end may arrive before the old socket's copy of its ringing (two TCP
// connections). The real-socket case where the old socket still delivers after the switch is in
// dialpad-session.test.ts; this one pins the order rule itself.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../electron/engine/log/logger';
import { OldestSocketFirst } from '../../../electron/engine/providers/dialpad/oldest-socket-first';

function rig() {
  const delivered: string[] = [];
  const order = new OldestSocketFirst((text, generation) => delivered.push(`${generation}:${text}`), silentLogger);
  return { order, delivered };
}

describe('frames across two sockets of one websocket', () => {
  it('holds the new socket’s frames until the old one has finished, then delivers them in their order', () => {
    const { order, delivered } = rig();
    order.opened(1);
    order.frame('a', 1);
    order.opened(2);
    order.frame('end', 2);
    order.frame('ringing', 1);
    order.frame('end', 1);
    expect(delivered).toEqual(['1:a', '1:ringing', '1:end']);
    order.ended(1);
    order.frame('next', 2);
    expect(delivered).toEqual(['1:a', '1:ringing', '1:end', '2:end', '2:next']);
  });

  it('a newer socket that fails while the old one still delivers leaves nothing behind', () => {
    const { order, delivered } = rig();
    order.opened(1);
    order.opened(2);
    order.frame('x', 2);
    order.ended(2);
    order.frame('x', 1);
    order.ended(1);
    order.opened(3);
    order.frame('y', 3);
    expect(delivered).toEqual(['1:x', '3:y']);
  });

  it('the old socket dropping hands over to the new one at once', () => {
    const { order, delivered } = rig();
    order.opened(4);
    order.opened(5);
    order.frame('ringing', 5);
    expect(delivered).toEqual([]);
    order.ended(4);
    expect(delivered).toEqual(['5:ringing']);
  });
});
