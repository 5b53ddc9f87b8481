import { describe, expect, it } from 'vitest';
import type { CallSummary } from './calls';
import { matchesRecentCallsSearch, type CallFilter } from './recent-calls-search';

const call = (overrides: Partial<CallSummary> = {}): CallSummary => ({
  provider: 'goto',
  callId: 'c1',
  direction: 'inbound',
  caller: { name: 'Jane Doe', number: '+15551234567' },
  line: { id: 'line-1', name: 'Sales', number: '+15550001000', extension: '1001' },
  startedAt: '2026-01-01T10:00:00.000Z',
  endedAt: null,
  outcome: 'ringing',
  ...overrides,
});
const matches = (c: CallSummary, search: string, filter: CallFilter = 'all') => matchesRecentCallsSearch(c, { filter, search });

describe('matchesRecentCallsSearch', () => {
  it('finds a call by the line it rang on, whatever the case', () => {
    expect(matches(call(), 'sales')).toBe(true);
    expect(matches(call(), 'SALES')).toBe(true);
    expect(matches(call(), 'support')).toBe(false);
    expect(matches(call({ line: null }), 'sales')).toBe(false);
  });

  it('finds a call by caller name, ignoring case and surrounding spaces', () => {
    expect(matches(call(), '  jane ')).toBe(true);
    expect(matches(call(), 'DOE')).toBe(true);
    expect(matches(call({ caller: { name: null, number: '+15551234567' } }), 'jane')).toBe(false);
  });

  it('finds a number whatever its formatting', () => {
    expect(matches(call(), '555 123')).toBe(true);
    expect(matches(call(), '(555) 123-4567')).toBe(true);
    expect(matches(call(), '+1 555.123.4567')).toBe(true);
    expect(matches(call(), '999')).toBe(false);
  });

  it('does not treat digits inside words as a number search', () => {
    // "jane 5" is a name search that happens to contain a digit: it must not match every number with a 5.
    expect(matches(call({ caller: { name: 'Bob', number: '+15551234567' } }), 'jane 5')).toBe(false);
    expect(matches(call({ caller: { name: 'Bob', number: null } }), '555')).toBe(false);
  });

  it('applies the filter before the search', () => {
    expect(matches(call({ outcome: 'missed' }), '', 'missed')).toBe(true);
    expect(matches(call({ outcome: 'answered' }), '', 'missed')).toBe(false);
    expect(matches(call({ direction: 'outbound' }), 'jane', 'inbound')).toBe(false);
    expect(matches(call({ direction: 'outbound' }), 'jane', 'outbound')).toBe(true);
    expect(matches(call({ direction: 'unknown' }), '', 'all')).toBe(true);
  });

  it('is self-contained, so the browser tests can serialize it into the page', () => {
    const revived = new Function(`return (${matchesRecentCallsSearch.toString()})`)() as typeof matchesRecentCallsSearch;
    expect(revived(call(), { filter: 'all', search: 'sales' })).toBe(true);
    expect(revived(call(), { filter: 'all', search: '(555) 123' })).toBe(true);
    expect(revived(call(), { filter: 'missed', search: '' })).toBe(false);
  });
});
