// Builders for normalized CallEvents, shaped like what the GoTo mapper produces.
import type { CallEvent, LegStatus, LineLeg, Party } from '../../shared/calls';

export const ADA: Party = { name: 'Ada Lovelace', number: '+15551230001' };

export const leg = (lineId: string, status: LegStatus, name: string | null = null): LineLeg => ({
  line: { id: lineId, name, number: null, extension: null },
  status,
});

export function ev(callId: string, over: Partial<CallEvent> = {}): CallEvent {
  return {
    provider: 'goto',
    callId,
    direction: 'inbound',
    sequence: null,
    at: '2025-03-01T10:00:00.000Z',
    caller: ADA,
    legs: [],
    ended: false,
    origin: 'live',
    ...over,
  };
}

/** STARTING (ringing on `line`), ACTIVE (connected), ENDING (no participants) — like GoTo. */
export const ringing = (callId: string, line = 'L1', seq = 1) => ev(callId, { sequence: seq, legs: [leg(line, 'ringing')] });
export const connected = (callId: string, line = 'L1', seq = 2) => ev(callId, { sequence: seq, legs: [leg(line, 'connected')] });
export const ending = (callId: string, seq = 3) => ev(callId, { sequence: seq, ended: true, caller: null, legs: [] });
