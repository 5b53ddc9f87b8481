import { describe, expect, it } from 'vitest';
import { type GotoFrame, parseGotoFrame } from './goto-frames';

// Frames shaped like docs/providers/goto.md#call-events (and GoTo's screen-pop sample).
const callState = (over: { type?: string; seq?: number; direction?: string; participants?: unknown[]; extra?: object } = {}) =>
  JSON.stringify({
    data: {
      source: 'call-events',
      type: 'call-state',
      timestamp: '2025-03-01T10:00:00.500Z',
      content: {
        metadata: {
          conversationSpaceId: 'cs-123',
          direction: over.direction ?? 'INBOUND',
          accountKey: '4266847693784270000',
          callCreated: '2025-03-01T10:00:00.000Z',
          callInitiator: 'PHONE_NUMBER',
          associatedConversations: [],
        },
        state: {
          id: 'st-9f1',
          type: over.type ?? 'STARTING',
          sequenceNumber: over.seq ?? 1,
          timestamp: '2025-03-01T10:00:00.400Z',
          participants: over.participants ?? [
            {
              id: 'p1',
              type: { value: 'PHONE_NUMBER', caller: { name: 'Ada Lovelace', number: '+15551230001' } },
              status: { value: 'CONNECTED' },
            },
            {
              id: 'p2',
              type: { value: 'LINE', lineId: 'line-1', name: 'Front desk', extensionNumber: '1001' },
              status: { value: 'RINGING' },
            },
          ],
        },
        ...over.extra,
      },
    },
    event: 'call-state',
    eventId: 'e-1',
  });

const event = (frame: GotoFrame) => {
  expect(frame.kind).toBe('call-state');
  if (frame.kind !== 'call-state') throw new Error('not call-state');
  return frame.event;
};

describe('parseGotoFrame: call-state', () => {
  it('maps a ringing inbound STARTING frame', () => {
    expect(event(parseGotoFrame(callState()))).toEqual({
      provider: 'goto',
      callId: 'cs-123',
      direction: 'inbound',
      sequence: 1,
      at: '2025-03-01T10:00:00.400Z',
      caller: { name: 'Ada Lovelace', number: '+15551230001' },
      legs: [{ line: { id: 'line-1', name: 'Front desk', number: null, extension: '1001' }, status: 'ringing' }],
      ended: false,
      origin: 'live',
    });
  });

  it('maps leg statuses, ENDING with participants [], and the origin given by the caller', () => {
    const legs = (status: string) =>
      event(parseGotoFrame(callState({ participants: [{ id: 'x', type: { value: 'LINE', lineId: 'L' }, status: { value: status } }] }))).legs[0]?.status;
    expect([legs('RINGING'), legs('CONNECTED'), legs('HOLD'), legs('IN_INTERACTIVE_VOICE_RESPONSE'), legs('SOMETHING_NEW')]).toEqual([
      'ringing',
      'connected',
      'held',
      'other',
      'other',
    ]);
    const ending = event(parseGotoFrame(callState({ type: 'ENDING', seq: 4, participants: [] }), 'backfill'));
    expect(ending).toMatchObject({ ended: true, sequence: 4, caller: null, legs: [], origin: 'backfill' });
  });

  it('uses the callee as the external party of an outbound call, then metadata.dialString', () => {
    const out = event(
      parseGotoFrame(
        callState({
          direction: 'OUTBOUND',
          participants: [
            { id: 'a', type: { value: 'LINE', lineId: 'line-1' }, status: { value: 'CONNECTED' } },
            { id: 'b', type: { value: 'PHONE_NUMBER', callee: { name: 'Bob', number: '+15550002' } }, status: { value: 'RINGING' } },
          ],
        }),
      ),
    );
    expect(out).toMatchObject({ direction: 'outbound', caller: { name: 'Bob', number: '+15550002' } });
    const raw = JSON.parse(callState({ direction: 'OUTBOUND', participants: [] })) as { data: { content: { metadata: Record<string, unknown> } } };
    raw.data.content.metadata.dialString = '+15559999';
    expect(event(parseGotoFrame(JSON.stringify(raw))).caller).toEqual({ name: null, number: '+15559999' });
  });

  it('falls back to flat type.name / type.number for the caller', () => {
    const e = event(parseGotoFrame(callState({ participants: [{ id: 'a', type: { value: 'PHONE_NUMBER', name: 'ACME', number: 5551234 } }] })));
    expect(e.caller).toEqual({ name: 'ACME', number: '5551234' });
  });

  it('ignores unknown fields and tolerates missing optional ones', () => {
    const e = event(
      parseGotoFrame(
        JSON.stringify({
          data: {
            source: 'call-events',
            type: 'call-state',
            brandNew: { nested: true },
            content: { metadata: { conversationSpaceId: 'cs-9', futureField: 1 }, state: { type: 'ACTIVE', participants: [] }, aiHints: [] },
          },
        }),
      ),
    );
    expect(e).toMatchObject({ callId: 'cs-9', direction: 'unknown', sequence: null, caller: null, legs: [], ended: false });
    expect(Number.isNaN(Date.parse(e.at))).toBe(false);
  });

  it('a bad optional field does not kill the frame', () => {
    const e = event(
      parseGotoFrame(
        callState({
          seq: 'seven' as unknown as number,
          direction: 42 as unknown as string,
          participants: [
            null,
            'garbage',
            7,
            { id: 'no-type' },
            { id: 'a', type: { value: 'LINE' }, status: { value: 'RINGING' } }, // no lineId: skipped
            { id: 'b', type: { value: 'LINE', lineId: 'L2', name: { bad: 1 } }, status: 'CONNECTED' },
            { id: 'c', type: { value: 'PHONE_NUMBER', caller: 'not an object', number: '+1555' }, status: null },
          ],
          extra: { bypassDoNotDisturb: 'yes' },
        }),
      ),
    );
    expect(e.sequence).toBeNull();
    expect(e.direction).toBe('unknown');
    expect(e.legs).toEqual([{ line: { id: 'L2', name: null, number: null, extension: null }, status: 'connected' }]);
    expect(e.caller).toEqual({ name: null, number: '+1555' });
    expect(e.bypassDoNotDisturb).toBeUndefined();
  });

  it('passes bypassDoNotDisturb through when present', () => {
    expect(event(parseGotoFrame(callState({ extra: { bypassDoNotDisturb: true } }))).bypassDoNotDisturb).toBe(true);
  });

  it('reports garbage where the required parts should be as malformed', () => {
    const bad = (content: unknown) => parseGotoFrame(JSON.stringify({ data: { source: 'call-events', type: 'call-state', content } }));
    expect(bad(null)).toEqual({ kind: 'malformed', reason: 'call-state content is not an object' });
    expect(bad({ state: {} })).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('metadata') });
    expect(bad({ metadata: { conversationSpaceId: '' }, state: {} })).toMatchObject({ kind: 'malformed' });
    expect(bad({ metadata: { conversationSpaceId: 'x' }, state: 'ENDING' })).toMatchObject({ kind: 'malformed', reason: 'call-state without state' });
  });
});

describe('parseGotoFrame: other frames', () => {
  it('report summaries', () => {
    const f = parseGotoFrame(JSON.stringify({ data: { source: 'call-events-report', type: 'REPORT_SUMMARY', content: { conversationSpaceId: 'cs-1', callerOutcome: 'NORMAL' } } }));
    expect(f).toEqual({ kind: 'report-summary', callId: 'cs-1', content: { conversationSpaceId: 'cs-1', callerOutcome: 'NORMAL' } });
    expect(parseGotoFrame(JSON.stringify({ data: { source: 'call-events-report', type: 'REPORT_SUMMARY', content: {} } })).kind).toBe('malformed');
  });

  it('control messages as an envelope, a bare string and a JSON string', () => {
    const envelope = (type: string) => JSON.stringify({ data: { source: 'notification-websocket', type, timestamp: 'x', content: {} } });
    expect(parseGotoFrame(envelope('WEBSOCKET_REFRESH_REQUIRED'))).toEqual({ kind: 'control', control: 'refresh-required', type: 'WEBSOCKET_REFRESH_REQUIRED' });
    expect(parseGotoFrame(envelope('WEBSOCKET_TO_BE_CLOSED'))).toEqual({ kind: 'control', control: 'to-be-closed', type: 'WEBSOCKET_TO_BE_CLOSED' });
    expect(parseGotoFrame(envelope('WEBSOCKET_SOMETHING'))).toMatchObject({ kind: 'control', control: 'other' });
    expect(parseGotoFrame('WEBSOCKET_REFRESH_REQUIRED')).toMatchObject({ kind: 'control', control: 'refresh-required' });
    expect(parseGotoFrame(' WEBSOCKET_TO_BE_CLOSED\n')).toMatchObject({ kind: 'control', control: 'to-be-closed' });
    expect(parseGotoFrame('"WEBSOCKET_REFRESH_REQUIRED"')).toMatchObject({ kind: 'control', control: 'refresh-required' });
    expect(parseGotoFrame(JSON.stringify({ type: 'WEBSOCKET_TO_BE_CLOSED' }))).toMatchObject({ kind: 'control', control: 'to-be-closed' });
  });

  it('unknown source/type → ignored; non-JSON, binary, non-objects → malformed', () => {
    expect(parseGotoFrame(JSON.stringify({ data: { source: 'presence', type: 'status' } }))).toEqual({ kind: 'ignored', source: 'presence', type: 'status' });
    expect(parseGotoFrame(JSON.stringify({ data: { source: 'call-events', type: 'call-other' } }))).toEqual({ kind: 'ignored', source: 'call-events', type: 'call-other' });
    expect(parseGotoFrame(JSON.stringify({ data: {} }))).toEqual({ kind: 'ignored', source: '', type: '' });
    expect(parseGotoFrame('{not json')).toEqual({ kind: 'malformed', reason: 'not JSON' });
    expect(parseGotoFrame('')).toEqual({ kind: 'malformed', reason: 'not JSON' });
    expect(parseGotoFrame('"hello"').kind).toBe('malformed');
    expect(parseGotoFrame('[1,2]')).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('array') });
    expect(parseGotoFrame('null').kind).toBe('malformed');
    expect(parseGotoFrame(JSON.stringify({ event: 'x' })).kind).toBe('malformed');
    expect(parseGotoFrame(Buffer.from([0xff, 0x00, 0x13, 0x37])).kind).toBe('malformed');
    expect(parseGotoFrame(Buffer.from(callState())).kind).toBe('call-state');
    expect(parseGotoFrame('x'.repeat(1024 * 1024 + 1))).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('too large') });
  });

  it('prints the cost per frame (correctness only is asserted)', () => {
    const frames = [callState(), callState({ type: 'ACTIVE', seq: 2 }), callState({ type: 'ENDING', seq: 3, participants: [] })];
    const n = 30_000;
    let calls = 0;
    for (let i = 0; i < 2_000; i++) parseGotoFrame(frames[i % 3] as string); // warm-up
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (parseGotoFrame(frames[i % 3] as string).kind === 'call-state') calls++;
    const ns = Number(process.hrtime.bigint() - t0) / n;
    console.log(`[goto] parseGotoFrame: ${ns.toFixed(0)} ns/frame (${(1e9 / ns).toFixed(0)} frames/s), frame ≈ ${frames[0]?.length} chars`);
    expect(calls).toBe(n);
  });
});
