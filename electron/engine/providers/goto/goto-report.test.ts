import { describe, expect, it } from 'vitest';
import { reportSchema, reportSummariesSchema } from './goto-api-schemas';
import { toCallReport, toCallSummary, toOutcome } from './goto-report';

// Report shapes from docs/providers/goto.md#call-events-report, with the extra fields GoTo may add.
const report = {
  conversationSpaceId: 'cs-1',
  accountKey: 'acc',
  direction: 'INBOUND',
  callCreated: '2026-11-21T09:00:00.000Z',
  callAnswered: '2026-11-21T09:00:08.000Z',
  callEnded: '2026-11-21T09:03:08.000Z',
  callerOutcome: 'NORMAL',
  futureField: { anything: true },
  participants: [
    { id: 'p1', legId: 'l1', originator: 'true', type: { value: 'PHONE_NUMBER', caller: { name: 'Jane Doe', number: '+15550100' } } },
    { id: 'p2', legId: 'l2', type: { value: 'LINE', lineId: 'line-1', name: 'Front desk', extensionNumber: '100' } },
  ],
  callStates: [{ type: 'STARTING', timestamp: '2026-11-21T09:00:00.000Z' }, { type: 'ENDING' }],
  aiAnalysis: { summary: 'Asked about opening hours.', topics: ['hours'] },
};

describe('toCallReport', () => {
  it('normalizes a full report', () => {
    const r = toCallReport(reportSchema.parse(report));
    expect(r).toMatchObject({
      provider: 'goto',
      callId: 'cs-1',
      direction: 'inbound',
      durationSeconds: 180,
      outcome: 'answered',
      outcomeDetail: 'NORMAL',
      caller: { name: 'Jane Doe', number: '+15550100' },
      ai: { summary: 'Asked about opening hours.', topics: ['hours'] },
    });
    expect(r.participants[1]).toEqual({ id: 'p2', kind: 'line', name: 'Front desk', number: null, extension: '100', lineId: 'line-1' });
    expect(r.timeline).toEqual([{ type: 'STARTING', at: '2026-11-21T09:00:00.000Z' }, { type: 'ENDING', at: null }]);
  });

  it('tolerates a minimal report and wrong optional fields', () => {
    const r = toCallReport(reportSchema.parse({ conversationSpaceId: 'cs-2', participants: 'oops', aiAnalysis: 5, callStates: null }));
    expect(r).toMatchObject({ callId: 'cs-2', direction: 'unknown', outcome: 'missed', participants: [], timeline: [], ai: null, durationSeconds: null });
  });

  it('requires the call id', () => {
    expect(reportSchema.safeParse({ direction: 'INBOUND' }).success).toBe(false);
  });
});

describe('outcomes and summaries', () => {
  it.each([
    ['VOICEMAIL', null, 'voicemail'],
    ['MISSED', null, 'missed'],
    ['ANSWERED', 'x', 'answered'],
    ['CALLER_ABANDONED', null, 'abandoned'],
    ['SOMETHING_NEW', null, 'other'],
    [null, 'x', 'answered'],
  ] as const)('%s → %s', (word, answered, expected) => {
    expect(toOutcome(word, answered)).toBe(expected);
  });

  it('drops malformed summary rows, keeps the page', () => {
    const page = reportSummariesSchema.parse({
      items: [
        { conversationSpaceId: 'a', direction: 'INBOUND', callCreated: '2026-11-21T09:00:00Z', callEnded: '2026-11-21T09:01:00Z', callerOutcome: 'MISSED', caller: { name: 'Al', number: '+1555' }, line: { id: 'L1', name: 'Sales' } },
        { nope: true },
        { conversationSpaceId: 'b', callCreated: '2026-11-21T10:00:00Z' },
      ],
    });
    expect(page.items.map((i) => i.conversationSpaceId)).toEqual(['a', 'b']);
    expect(toCallSummary(page.items[0]!)).toMatchObject({ callId: 'a', outcome: 'missed', caller: { name: 'Al', number: '+1555' }, line: { id: 'L1', name: 'Sales' } });
    expect(toCallSummary(page.items[1]!)).toMatchObject({ callId: 'b', outcome: 'in-progress', direction: 'unknown' });
  });
});
