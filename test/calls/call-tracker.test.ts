import { describe, expect, it } from 'vitest';
import type { CallNotice, CallReport } from '../../shared/calls';
import { createCallTracker } from '../../electron/engine/calls/call-tracker';
import { parseLineFilter } from '../../electron/engine/calls/line-filter';
import { ADA, connected, ending, ev, leg, ringing } from '../support/call-fixtures';

const clock = () => {
  let t = Date.parse('2025-03-01T10:00:00.000Z');
  return { now: () => t, advance: (ms: number) => (t += ms) };
};
const types = (notices: CallNotice[]) => notices.map((n) => n.type);

describe('call tracker: the state machine', () => {
  it('ringing → answered → ended, with the caller kept through an ENDING without participants', () => {
    const c = clock();
    const t = createCallTracker({ now: c.now });
    const r = t.handle(ringing('a'));
    expect(r).toEqual([
      { type: 'ringing', provider: 'goto', callId: 'a', direction: 'inbound', caller: ADA, line: leg('L1', 'ringing').line, at: '2025-03-01T10:00:00.000Z' },
    ]);
    expect(t.history()[0]).toMatchObject({ callId: 'a', outcome: 'ringing', endedAt: null });
    c.advance(1_000);
    expect(types(t.handle(connected('a')))).toEqual(['answered']);
    expect(t.history()[0]?.outcome).toBe('in-progress');
    const end = t.handle(ending('a'));
    expect(end).toMatchObject([{ type: 'ended', caller: ADA, line: { id: 'L1' }, at: '2025-03-01T10:00:01.000Z' }]);
    expect(t.openCallCount()).toBe(0);
    expect(t.history()[0]).toMatchObject({ outcome: 'answered', endedAt: '2025-03-01T10:00:00.000Z', caller: ADA });
  });

  it('ringing → ended without any LINE connected → missed', () => {
    const t = createCallTracker();
    t.handle(ringing('m'));
    expect(t.handle(ending('m', 2))).toMatchObject([{ type: 'missed', caller: ADA }]);
    expect(t.history()[0]?.outcome).toBe('missed');
  });

  it('exactly one ringing across duplicates, replays and backfill of the same call', () => {
    const t = createCallTracker();
    const all: CallNotice[] = [];
    t.subscribe((n) => all.push(n));
    t.handle(ringing('d'));
    t.handle(ringing('d'));
    t.handle({ ...ringing('d'), origin: 'backfill' });
    t.handle(ev('d', { sequence: 2, legs: [leg('L1', 'ringing')] })); // ACTIVE, still ringing (IVR done)
    t.handle(connected('d', 'L1', 3));
    t.handle(connected('d', 'L1', 3));
    t.handle(ending('d', 4));
    t.handle(ending('d', 4));
    t.handle({ ...ringing('d'), origin: 'backfill' }); // after the end: must not resurrect
    expect(types(all)).toEqual(['ringing', 'answered', 'ended']);
    expect(t.stats()).toMatchObject({ stale: 3, afterEnd: 2 });
  });

  it('a late STARTING after ACTIVE does not ring (sequence numbers, not arrival order)', () => {
    const t = createCallTracker();
    expect(t.handle(connected('o', 'L1', 2))).toEqual([]);
    expect(t.handle(ringing('o', 'L1', 1))).toEqual([]);
    expect(types(t.handle(ending('o', 3)))).toEqual(['ended']);
  });

  it('out of order while still ringing: seq 2 rings, the late seq 1 is stale', () => {
    const t = createCallTracker();
    expect(types(t.handle(ringing('x', 'L1', 2)))).toEqual(['ringing']);
    expect(t.handle(ringing('x', 'L1', 1))).toEqual([]);
    expect(t.stats().stale).toBe(1);
  });

  it('without sequence numbers (another provider): a connected call never rings', () => {
    const t = createCallTracker();
    expect(t.handle(ev('n', { legs: [leg('L1', 'connected')] }))).toEqual([]);
    expect(t.handle(ev('n', { legs: [leg('L1', 'ringing')] }))).toEqual([]);
  });

  it('state.id is never used: the same sequence with a different id is still a duplicate', () => {
    // CallEvent has no state id at all — the mapper drops it — so a replay after reconnect is a duplicate by sequence.
    const t = createCallTracker();
    t.handle(ringing('s', 'L1', 1));
    expect(t.handle({ ...ringing('s', 'L1', 1), at: '2025-03-01T10:00:05.000Z' })).toEqual([]);
  });

  it('an ENDING applies even when its sequence is not higher (ending is always safe)', () => {
    const t = createCallTracker();
    t.handle(ringing('e', 'L1', 5));
    expect(types(t.handle(ending('e', 5)))).toEqual(['missed']);
    expect(t.openCallCount()).toBe(0);
  });

  it('merges the caller field by field across frames', () => {
    const t = createCallTracker();
    t.handle(ev('c', { sequence: 1, caller: { name: null, number: '+1555' }, legs: [leg('L1', 'other')] }));
    const r = t.handle(ev('c', { sequence: 2, caller: { name: 'Grace', number: null }, legs: [leg('L1', 'ringing')] }));
    expect(r[0]?.caller).toEqual({ name: 'Grace', number: '+1555' });
  });

  it('passes bypassDoNotDisturb through', () => {
    const t = createCallTracker();
    expect(t.handle({ ...ringing('b'), bypassDoNotDisturb: true })[0]?.bypassDoNotDisturb).toBe(true);
  });
});

describe('call tracker: line filter and edge choices', () => {
  const mine = { mode: 'lines', lineIds: ['L1'] } as const;

  it('ignores calls that never touch a watched line: no notices, no history', () => {
    const t = createCallTracker({ lineFilter: { mode: 'lines', lineIds: ['L1'] } });
    expect(t.handle(ringing('z', 'L9'))).toEqual([]);
    expect(t.handle(connected('z', 'L9'))).toEqual([]);
    expect(t.handle(ending('z'))).toEqual([]);
    expect(t.history()).toEqual([]);
    expect(t.openCallCount()).toBe(0);
  });

  it('a ring group: one ringing for the watched line; a colleague answering ends the toast with answered', () => {
    const t = createCallTracker({ lineFilter: { ...mine, lineIds: [...mine.lineIds] } });
    const r = t.handle(ev('g', { sequence: 1, legs: [leg('L9', 'ringing'), leg('L1', 'ringing', 'Me')] }));
    expect(r).toMatchObject([{ type: 'ringing', line: { id: 'L1', name: 'Me' } }]);
    expect(t.handle(ev('g', { sequence: 2, legs: [leg('L9', 'connected'), leg('L1', 'other')] }))).toMatchObject([{ type: 'answered', line: { id: 'L9' } }]);
    expect(types(t.handle(ending('g')))).toEqual(['ended']);
  });

  it('rang on a non-watched line, answered on a watched one: no ringing/answered, one ended', () => {
    const t = createCallTracker({ lineFilter: { mode: 'lines', lineIds: ['L1'] } });
    expect(t.handle(ringing('t', 'L9', 1))).toEqual([]);
    expect(t.handle(connected('t', 'L1', 2))).toEqual([]);
    expect(t.handle(ending('t', 3))).toMatchObject([{ type: 'ended', line: { id: 'L1' } }]);
    expect(t.history()[0]).toMatchObject({ outcome: 'answered' });
  });

  it('backfilled inbound call learnt only at its end on a watched line → missed', () => {
    const t = createCallTracker({ lineFilter: { mode: 'lines', lineIds: ['L1'] } });
    const r = t.handle(ev('late', { sequence: 3, ended: true, legs: [leg('L1', 'other')], origin: 'backfill' }));
    expect(r).toMatchObject([{ type: 'missed', caller: ADA, line: { id: 'L1' } }]);
  });

  it('handleBatch: a backfilled call that rang and ended during the gap gives missed, not a late ringing', () => {
    const t = createCallTracker();
    const backfill = [ending('gap', 3), ringing('gap', 'L1', 1), ev('gap', { sequence: 2, legs: [leg('L1', 'ringing')] })].map((e) => ({ ...e, origin: 'backfill' as const }));
    expect(types(t.handleBatch(backfill))).toEqual(['missed']);
    // Still ringing at backfill time → ringing (late, but the phone is still ringing).
    expect(types(t.handleBatch([{ ...ringing('still'), origin: 'backfill' }]))).toEqual(['ringing']);
  });

  it('outbound: never ringing/answered/missed; one ended; history outcome other', () => {
    const t = createCallTracker();
    const out = (e: ReturnType<typeof ev>) => ({ ...e, direction: 'outbound' as const });
    expect(t.handle(out(ringing('ob', 'L1', 1)))).toEqual([]);
    expect(t.handle(out(connected('ob', 'L1', 2)))).toEqual([]);
    expect(types(t.handle(out(ending('ob', 3))))).toEqual(['ended']);
    expect(t.history()[0]).toMatchObject({ direction: 'outbound', outcome: 'other' });
  });

  it('setLineFilter applies to later events; a call already rung runs to its end', () => {
    const t = createCallTracker({ lineFilter: { mode: 'lines', lineIds: ['L1'] } });
    t.handle(ringing('f1', 'L1'));
    t.setLineFilter({ mode: 'lines', lineIds: ['L2'] });
    expect(types(t.handle(ending('f1', 2)))).toEqual(['missed']);
    expect(t.handle(ringing('f2', 'L1'))).toEqual([]);
    expect(types(t.handle(ringing('f3', 'L2')))).toEqual(['ringing']);
  });

  it('parseLineFilter rejects bad input clearly', () => {
    expect(parseLineFilter({ mode: 'all' })).toEqual({ mode: 'all' });
    expect(parseLineFilter({ mode: 'lines', lineIds: ['a'] })).toEqual({ mode: 'lines', lineIds: ['a'] });
    expect(parseLineFilter({ mode: 'lines', lineIds: [1] })).toHaveProperty('error');
    expect(parseLineFilter({ mode: 'mine' })).toHaveProperty('error');
    expect(parseLineFilter(null)).toHaveProperty('error');
  });
});

describe('call tracker: bad input, memory, reports', () => {
  it('rejects events without a call id, loses nothing else', () => {
    const t = createCallTracker();
    expect(t.handle(ev(''))).toEqual([]);
    expect(t.handle({ ...ev('x'), legs: undefined } as unknown as ReturnType<typeof ev>)).toEqual([]);
    expect(t.handle(null as unknown as ReturnType<typeof ev>)).toEqual([]);
    expect(t.stats().rejected).toBe(3);
    expect(types(t.handle(ringing('ok')))).toEqual(['ringing']);
  });

  it('maxOpenCalls evicts the least recently active call, which cannot come back', () => {
    const t = createCallTracker({ maxOpenCalls: 3 });
    for (const id of ['1', '2', '3']) t.handle(ringing(id));
    t.handle(connected('1')); // 1 is now the most recently active
    t.handle(ringing('4'));
    expect(t.openCallCount()).toBe(3);
    expect(t.stats().evicted).toBe(1);
    expect(t.handle(connected('2'))).toEqual([]); // evicted: no resurrection
    expect(types(t.handle(ending('1')))).toEqual(['ended']);
  });

  it('history keeps the last N rows, newest first; ended ids are bounded', () => {
    const t = createCallTracker({ historySize: 3, endedMemory: 5 });
    for (let i = 0; i < 10; i++) {
      t.handle(ringing(`h${i}`));
      t.handle(ending(`h${i}`, 2));
    }
    expect(t.history().map((r) => r.callId)).toEqual(['h9', 'h8', 'h7']);
    expect(t.openCallCount()).toBe(0);
    expect(t.handle(ending('h9', 2))).toEqual([]); // remembered as ended
    // h0 fell out of the bounded ended set (5 ids): a replay that old is a new call — the
    // documented price of bounded memory; the default remembers 20,000 ids.
    expect(types(t.handle(ringing('h0')))).toEqual(['ringing']);
  });

  it('a throwing subscriber does not change what the tracker returns or its state', () => {
    const t = createCallTracker();
    t.subscribe(() => {
      throw new Error('sink bug');
    });
    const seen: string[] = [];
    t.subscribe((n) => seen.push(n.type));
    expect(types(t.handle(ringing('l')))).toEqual(['ringing']);
    expect(seen).toEqual(['ringing']);
    expect(t.stats().listenerErrors).toBe(1);
  });

  const report = (callId: string, over: Partial<CallReport> = {}): CallReport => ({
    provider: 'goto',
    callId,
    direction: 'inbound',
    startedAt: '2025-03-01T10:00:00.000Z',
    answeredAt: null,
    endedAt: '2025-03-01T10:00:30.000Z',
    durationSeconds: 30,
    outcome: 'missed',
    outcomeDetail: 'NO_ANSWER',
    caller: { name: null, number: '+15551230001' },
    participants: [{ id: 'p-7', kind: 'line', name: null, number: null, extension: '1001', lineId: 'L1' }],
    timeline: [],
    ai: null,
    ...over,
  });

  it('addReport: one report notice per call, merged into the history row', () => {
    const t = createCallTracker();
    t.handle(ringing('r'));
    t.handle(ending('r', 2));
    const n = t.addReport(report('r'));
    expect(n).toMatchObject([{ type: 'report', callId: 'r', caller: ADA, line: { id: 'L1' }, report: { outcomeDetail: 'NO_ANSWER' } }]);
    expect(t.addReport(report('r'))).toEqual([]);
    expect(t.history()[0]).toMatchObject({ callId: 'r', outcome: 'missed', endedAt: '2025-03-01T10:00:30.000Z' });
    expect(t.stats().duplicateReports).toBe(1);
  });

  it('addReport for an unseen call on a watched line: its one late missed first, then the report; other lines: nothing', () => {
    const t = createCallTracker({ lineFilter: { mode: 'lines', lineIds: ['L1'] } });
    const notices = t.addReport(report('new'));
    expect(types(notices)).toEqual(['missed', 'report']);
    expect(notices[0]).toMatchObject({ type: 'missed', late: true, line: { id: 'L1' }, caller: { number: '+15551230001' } });
    expect(t.addReport(report('other', { participants: [{ id: 'p-8', kind: 'line', name: null, number: null, extension: null, lineId: 'L9' }] }))).toEqual([]);
    expect(t.history().map((r) => r.callId)).toEqual(['new']);
    expect(t.history()[0]).toMatchObject({ outcome: 'missed', late: true });
    // The gap's re-read finds the call later: it is closed already.
    expect(t.handle(ev('new', { ended: true, legs: [leg('L1', 'other')], origin: 'backfill' }))).toEqual([]);
    expect(t.openCallCount()).toBe(0);
  });

  it('a report closes a call still open: rang, answered and ended unseen → answered + ended (the toast goes), then report', () => {
    const t = createCallTracker();
    expect(types(t.handle(ringing('gap')))).toEqual(['ringing']);
    const notices = t.addReport(report('gap', { answeredAt: '2025-03-01T10:00:05.000Z', outcome: 'answered', outcomeDetail: 'NORMAL' }));
    expect(types(notices)).toEqual(['answered', 'ended', 'report']);
    // Seen ringing before the gap: not learned late.
    expect(notices[1]?.late).toBeUndefined();
    expect(t.openCallCount()).toBe(0);
    expect(t.history()[0]).toMatchObject({ callId: 'gap', outcome: 'answered' });
    // Frames replayed after the report neither reopen nor close it again.
    expect(t.handle(ending('gap', 9))).toEqual([]);
  });

  it('a report closes an unanswered open call as missed, exactly once', () => {
    const t = createCallTracker();
    t.handle(ringing('ring-out'));
    expect(types(t.addReport(report('ring-out')))).toEqual(['missed', 'report']);
    expect(t.addReport(report('ring-out'))).toEqual([]);
  });

  it('a call whose first event already says it ended is marked late (live or re-read), in the notice and the history', () => {
    const t = createCallTracker();
    const once = t.handle(ev('b1', { ended: true, legs: [leg('L1', 'other')], origin: 'backfill' }));
    expect(once).toMatchObject([{ type: 'missed', late: true }]);
    expect(t.history()[0]).toMatchObject({ callId: 'b1', outcome: 'missed', late: true });
    // A batch in which the call rings and ends: no toast, a late missed.
    expect(t.handleBatch([ringing('b2'), ev('b2', { sequence: 2, ended: true, legs: [] })])).toMatchObject([{ type: 'missed', late: true }]);
    // A call seen ringing and ended live is not late.
    t.handle(ringing('b3'));
    expect(t.handle(ending('b3', 2))[0]?.late).toBeUndefined();
  });
});
