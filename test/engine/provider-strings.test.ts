import { describe, expect, it, afterEach } from 'vitest';
import { callEventSchema, cleanProviderText, TEXT_CAPS } from '../../shared/call-schemas';
import type { CallEvent } from '../../shared/calls';
import { startHarness, type Harness } from '../support/demo-harness';

// Provider strings are capped and cleaned where they enter the engine (docs/security.md,
// "Provider strings"), by the shared call schemas every provider's events go through.

const event = (over: Partial<CallEvent> = {}): CallEvent => ({
  provider: 'goto',
  callId: 'c1',
  direction: 'inbound',
  sequence: 1,
  at: '2026-01-01T00:00:00.000Z',
  caller: { name: 'Jane', number: '+15550100' },
  legs: [{ line: { id: 'l1', name: 'Front desk', number: null, extension: '12' }, status: 'ringing' }],
  ended: false,
  origin: 'live',
  ...over,
});

describe('the shared call schemas', () => {
  it('cap display text, strip control and bidi-override characters, keep ordinary text', () => {
    const parsed = callEventSchema.parse(event({ caller: { name: `Ja\u0000ne\u202E Doe${'x'.repeat(900_000)}`, number: '+1\u0007555' } }));
    expect(Array.from(parsed.caller!.name!).length).toBeLessThanOrEqual(TEXT_CAPS.name);
    expect(parsed.caller!.name).toMatch(/^Ja ne Doex+\u2026$/);
    expect(parsed.caller!.number).toBe('+1 555');
    expect(callEventSchema.parse(event()).legs[0]!.line.name).toBe('Front desk');
    expect(cleanProviderText('Zoë 👋 O’Brien', 10)).toBe('Zoë 👋 O’B\u2026');
  });

  it('refuse ids that are too long or hold control characters (cutting one would merge calls)', () => {
    expect(callEventSchema.safeParse(event({ callId: 'x'.repeat(TEXT_CAPS.id + 1) })).success).toBe(false);
    expect(callEventSchema.safeParse(event({ callId: 'a\u0000b' })).success).toBe(false);
    expect(callEventSchema.safeParse(event({ callId: 'x'.repeat(TEXT_CAPS.id) })).success).toBe(true);
  });

  it('keep every field the call types have (the types are derived from these schemas)', () => {
    // A field the type had but the schema lacked was silently stripped on the way in.
    const ended = event({ ended: true, endedAs: 'missed', bypassDoNotDisturb: true, origin: 'backfill' });
    expect(callEventSchema.parse(ended)).toEqual(ended);
  });
});

describe('engine against the GoTo sandbox', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('a 900 KB caller name with control characters reaches the notice capped and clean', async () => {
    h = await startHarness();
    const harness = h;
    const name = `Mallory\u0000\u001B[31m\u202E${'A'.repeat(900_000)}`;
    const call = harness.sandbox.calls.ringInbound({ lineId: harness.sandbox.userLines[0]!.id, caller: { name, number: '+1555\u00070100' } });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
    const ringing = harness.notices.find((n) => n.callId === call.id && n.type === 'ringing')!;
    expect(Array.from(ringing.caller.name!).length).toBeLessThanOrEqual(TEXT_CAPS.name);
    expect(ringing.caller.name).toMatch(/^Mallory \[31m A+\u2026$/);
    expect(ringing.caller.number).toBe('+1555 0100');
    expect(JSON.stringify(harness.engine.history()).length).toBeLessThan(10_000);
  });
});
