// Pre-built GoTo call-state frames for the pipeline benchmarks, in the sandbox's own envelope and
// content shape (sandbox/call-book.ts): STARTING with the caller CONNECTED and a LINE RINGING,
// ACTIVE with the LINE CONNECTED, ENDING with both DISCONNECTED. Calls alternate answered (3
// frames) and missed (2 frames), the mix a busy line sees.
import type { CallStateContent, Participant } from '../electron/sandbox/goto/call-book';
import { envelope } from '../electron/sandbox/goto/frames';
import type { SandboxLine } from '../electron/sandbox/goto/fixtures';
import type { StateType } from '../electron/sandbox/goto/subscriptions';

const ACCOUNT = 'bench-account';

function content(callId: string, line: SandboxLine, type: StateType, seq: number, phone: string, lineStatus: string): CallStateContent {
  const at = new Date(1_750_000_000_000 + seq).toISOString();
  const participants: Participant[] =
    type === 'ENDING' && seq % 3 === 0
      ? [] // some ENDING frames carry no participants, as seen live
      : [
          { id: `${callId}-p`, type: { value: 'PHONE_NUMBER', caller: { name: 'Priya Raman', number: '+12025550101' } }, status: { value: phone } },
          { id: `${callId}-l`, type: { value: 'LINE', lineId: line.id, name: line.name, extensionNumber: line.number }, status: { value: lineStatus } },
        ];
  return {
    metadata: { conversationSpaceId: callId, direction: 'INBOUND', accountKey: ACCOUNT, callCreated: at },
    state: { id: `${callId}-${seq}`, type, sequenceNumber: seq, timestamp: at, participants },
  };
}

const frame = (c: CallStateContent): string => envelope('call-events', 'call-state', c, c.state.timestamp);

/** The frames of one call, in order. */
function callFrames(callId: string, line: SandboxLine, answered: boolean): string[] {
  const out = [frame(content(callId, line, 'STARTING', 1, 'CONNECTED', 'RINGING'))];
  if (answered) out.push(frame(content(callId, line, 'ACTIVE', 2, 'CONNECTED', 'CONNECTED')));
  out.push(frame(content(callId, line, 'ENDING', answered ? 3 : 2, 'DISCONNECTED', 'DISCONNECTED')));
  return out;
}

/** Only the STARTING frame: a call that rings and stays open. */
export function ringingFrame(callId: string, line: SandboxLine): string {
  return frame(content(callId, line, 'STARTING', 1, 'CONNECTED', 'RINGING'));
}

/** `calls` distinct calls' frames, call after call. */
export function buildFrames(prefix: string, calls: number, line: SandboxLine): string[] {
  const out: string[] = [];
  for (let i = 0; i < calls; i += 1) out.push(...callFrames(`${prefix}-${i}`, line, i % 2 === 0));
  return out;
}

/**
 * Frames made on demand from one template per frame kind (for a million events without holding a
 * million strings): the call id is spliced in, everything else is the real frame's text.
 */
export function frameTemplates(line: SandboxLine): { answered: string[]; missed: string[]; make(template: string, callId: string): string } {
  const marker = 'CALLIDMARKER';
  return {
    answered: callFrames(marker, line, true),
    missed: callFrames(marker, line, false),
    make: (template, callId) => template.replaceAll(marker, callId),
  };
}
