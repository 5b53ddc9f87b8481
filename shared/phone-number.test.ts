import { describe, expect, it } from 'vitest';
import { formatPhoneNumber, partyLabel } from './phone-number';

describe('formatPhoneNumber', () => {
  it.each([
    ['+12125550188', '+1 212-555-0188'],
    ['+1 (212) 555-0188', '+1 212-555-0188'],
    ['+442079460018', '+442079460018'],
    ['1001', '1001'],
    ['+11235550188', '+11235550188'], // area codes never start with 0 or 1
    ['  +15550100 ', '+15550100'],
  ])('%s → %s', (raw, shown) => expect(formatPhoneNumber(raw)).toBe(shown));
});

describe('partyLabel', () => {
  it('prefers the name, then the formatted number', () => {
    expect(partyLabel({ name: ' Jane Doe ', number: '+12125550188' })).toBe('Jane Doe');
    expect(partyLabel({ name: null, number: '+12125550188' })).toBe('+1 212-555-0188');
    expect(partyLabel({ name: '', number: null })).toBe('Unknown caller');
    expect(partyLabel(null)).toBe('Unknown caller');
  });
});
