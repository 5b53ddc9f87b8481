// The sequence order of one telephony session's events (rc-event-order.ts), fed directly: what
// the sandbox cannot produce on its socket — a gap that is never filled, many sessions at once.
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/calls';
import { createEventOrder } from '../../../electron/engine/providers/ringcentral/rc-event-order';
import { TimerSet } from '../../../electron/engine/transport/timer-set';
import { until } from '../../support/until';

const event = (callId: string, sequence: number | null, ended = false): CallEvent => ({
  provider: 'ringcentral',
  callId,
  direction: 'inbound',
  sequence,
  at: new Date().toISOString(),
  caller: null,
  legs: [{ line: { id: '101', name: null, number: null, extension: null }, status: ended ? 'gone' : 'ringing' }],
  ended,
  origin: 'live',
  ...(ended ? { endedAs: 'ended' as const } : {}),
});

function rig(holdMs: number, maxSessions?: number) {
  const timers = new TimerSet();
  const out: string[] = [];
  const order = createEventOrder({ holdMs, timers, maxSessions, deliver: (e) => out.push(`${e.callId}:${e.sequence}`) });
  return { timers, out, order };
}

describe('RingCentral event order', () => {
  it('passes in-order events and ringing at once; holds only an end whose predecessor is missing', () => {
    const { out, order, timers } = rig(60_000);
    order.push(event('a', 1));
    order.push(event('a', 2));
    order.push(event('a', 3, true));
    order.push(event('b', null, true));
    order.push(event('c', 1));
    order.push(event('c', 3, true));
    expect(out).toEqual(['a:1', 'a:2', 'a:3', 'b:null', 'c:1']);
    expect(order.held).toBe(1);
    // The missing one comes: it first, then the held end, at once.
    order.push(event('c', 2));
    expect(out.slice(5)).toEqual(['c:2', 'c:3']);
    expect(order.held).toBe(0);
    expect(timers.size).toBe(0);
  });

  it('a gap never filled: the end goes after holdMs; a later event of that session is not held again', async () => {
    const { out, order, timers } = rig(50);
    order.push(event('a', 1));
    order.push(event('a', 4, true));
    expect(out).toEqual(['a:1']);
    await until(() => out.length === 2, 5_000, 'the held end');
    expect(out).toEqual(['a:1', 'a:4']);
    order.push(event('a', 3));
    expect(out).toEqual(['a:1', 'a:4', 'a:3']);
    expect(timers.size).toBe(0);
  });

  it('bounded: the oldest session is forgotten, its held end delivered rather than lost; clear drops the rest', () => {
    const { out, order, timers } = rig(60_000, 2);
    order.push(event('a', 1));
    order.push(event('a', 3, true));
    order.push(event('b', 1));
    order.push(event('c', 1));
    expect(out).toEqual(['a:1', 'b:1', 'a:3', 'c:1']);
    order.push(event('c', 5, true));
    expect(order.held).toBe(1);
    order.clear();
    expect(order.held).toBe(0);
    expect(timers.size).toBe(0);
  });
});
