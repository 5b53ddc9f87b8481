import { providerDescriptors } from '../../electron/engine/providers/registry';
import { describe, expect, it } from 'vitest';
import { humanizeState, lineLabel, partyName } from '../../renderer/src/format/call-labels';
import { formatDuration } from '../../renderer/src/format/format-time';
import { applyNotice, appendPage } from '../../renderer/src/recent/apply-notice';
import { effectivePhase, phaseAfterNotice } from '../../renderer/src/report/live-phase';
import { parseRoute, reportHash } from '../../renderer/src/routing/parse-route';
import { settingsPatch } from '../../renderer/src/settings/settings-patch';
import { serverErrorFor, validateSettings } from '../../renderer/src/settings/validate-settings';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { details, notice, report, summary } from '../support/call-fixtures';

describe('routing', () => {
  it('parses the main and report routes', () => {
    expect(parseRoute('')).toEqual({ name: 'main' });
    expect(parseRoute('#/')).toEqual({ name: 'main' });
    expect(parseRoute(reportHash('a/b c'))).toEqual({ name: 'report', callId: 'a/b c' });
    expect(parseRoute('#/report/%E0%A4%A')).toEqual({ name: 'main' });
  });
});

describe('formatting', () => {
  it('writes durations as m:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('62:05');
    expect(formatDuration(null)).toBe('—');
  });

  it('names parties, lines and states', () => {
    expect(partyName({ name: null, number: '+1555' })).toBe('+1555');
    expect(partyName({ name: null, number: null })).toBe('Unknown caller');
    expect(lineLabel({ id: 'l', name: 'Sales', number: null, extension: '1001' })).toBe('Sales · ext. 1001');
    expect(humanizeState('CALL_RINGING')).toBe('Call ringing');
  });
});

describe('live notices in the list', () => {
  it('moves a call ringing → in progress → answered and keeps the caller when ENDING has none', () => {
    let items = applyNotice([], notice('ringing', 'c1'), 'all', '');
    expect(items[0]?.outcome).toBe('ringing');
    items = applyNotice(items, notice('answered', 'c1'), 'all', '');
    expect(items[0]?.outcome).toBe('in-progress');
    items = applyNotice(items, notice('ended', 'c1', { caller: { name: null, number: null } }), 'all', '');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ outcome: 'answered', caller: { name: 'Jane Doe' } });
    expect(items[0]?.endedAt).not.toBeNull();
  });

  it('keeps a late mark (learned of after the call ended) on the row through the report', () => {
    let items = applyNotice([], notice('missed', 'late1', { late: true }), 'all', '');
    expect(items[0]).toMatchObject({ outcome: 'missed', late: true });
    items = applyNotice(items, notice('ringing', 'c2'), 'all', '');
    expect(items.find((r) => r.callId === 'c2')?.late).toBeUndefined();
  });

  it('adds new calls only when they match the filter and search', () => {
    expect(applyNotice([], notice('ringing', 'c1'), 'missed', '')).toHaveLength(0);
    expect(applyNotice([], notice('missed', 'c1'), 'missed', '')).toHaveLength(1);
    expect(applyNotice([], notice('ringing', 'c1'), 'outbound', '')).toHaveLength(0);
    expect(applyNotice([], notice('ringing', 'c1'), 'all', 'jane')).toHaveLength(1);
    expect(applyNotice([], notice('ringing', 'c1'), 'all', 'bob')).toHaveLength(0);
  });

  it('adds a pushed call the search names by its line or a formatted number, as main would list it', () => {
    // The notice rings on the "Sales" line; main's list matches it the same way (shared search rule).
    expect(applyNotice([], notice('ringing', 'c1'), 'all', 'sales')).toHaveLength(1);
    expect(applyNotice([], notice('ringing', 'c1'), 'all', '(555) 123-4567')).toHaveLength(1);
    expect(applyNotice([], notice('ringing', 'c1'), 'all', '999')).toHaveLength(0);
  });

  it('takes the outcome from the report and skips duplicates when paging', () => {
    const items = applyNotice([summary(1, { callId: 'c1', outcome: 'in-progress' })], notice('report', 'c1', { report: report('c1', { outcome: 'voicemail' }) }), 'all', '');
    expect(items[0]?.outcome).toBe('voicemail');
    expect(appendPage(items, [summary(1, { callId: 'c1' }), summary(2)]).map((i) => i.callId)).toEqual(['c1', 'call-2']);
  });
});

describe('report window phase', () => {
  it('never rewinds and lets the report decide', () => {
    expect(phaseAfterNotice('connected', 'ringing')).toBe('connected');
    expect(phaseAfterNotice('missed', 'ended')).toBe('missed');
    expect(effectivePhase('connected', details('c', { state: 'ready', report: report('c') }))).toBe('ended');
    expect(effectivePhase('unknown', details('c', { state: 'pending' }))).toBe('ringing');
  });
});

describe('settings validation', () => {
  it('uses the shared schemas, and the provider descriptor\u2019s checks for its fields', () => {
    const goto = providerDescriptors(new Set()).find((p) => p.id === 'goto')!;
    expect(validateSettings(DEFAULT_SETTINGS, goto)).toEqual({});
    const bad = { ...DEFAULT_SETTINGS, crmUrlTemplate: 'https://crm.example.com', providers: { goto: { clientId: 'x'.repeat(201), redirectUri: 'https://x', accountKey: '' } } };
    expect(Object.keys(validateSettings(bad, goto)).sort()).toEqual(['crmUrlTemplate', 'providers.goto.clientId', 'providers.goto.redirectUri']);
  });

  it('finds server errors by exact, nested or last-segment key', () => {
    expect(serverErrorFor({ 'providers.goto.clientId': 'a' }, 'providers.goto.clientId')).toBe('a');
    expect(serverErrorFor({ 'lineFilter.lineIds': 'b' }, 'lineFilter')).toBe('b');
    expect(serverErrorFor({ redirectUri: 'c' }, 'providers.goto.redirectUri')).toBe('c');
  });

  it('patches only changed parts', () => {
    expect(settingsPatch(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, logLevel: 'debug' })).toEqual({ logLevel: 'debug' });
  });
});
