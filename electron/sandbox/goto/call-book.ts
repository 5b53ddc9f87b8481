// The account's calls and the call-state contents they produce (docs/providers/goto.md#call-events). Each
// state change appends one `{metadata, state}` content with the call's next sequenceNumber (from
// 1) and hands it to `onState`, which fans it out to subscribed sockets. The contents are kept so
// the REST backfill routes (conversation-spaces, …/events) answer what the socket said.
//
// Sequences, as seen live:
//   inbound:  [STARTING  PHONE_NUMBER in IVR]   (only with `ivr`: no LINE yet, not ringing)
//             STARTING   PHONE_NUMBER CONNECTED + LINE RINGING          ← the toast
//             ACTIVE     PHONE_NUMBER CONNECTED + LINE CONNECTED        ← answered
//             ENDING     both DISCONNECTED, or participants: []         ← over
//   outbound: STARTING   LINE CONNECTED + PHONE_NUMBER (callee) RINGING; then ACTIVE; ENDING
// A missed call is STARTING (ringing) then ENDING with no LINE ever CONNECTED.
import { randomUUID } from 'node:crypto';
import type { SandboxLine, SandboxPerson } from './fixtures';
import type { StateType } from './subscriptions';

export interface Participant {
  id: string;
  type: Record<string, unknown> & { value: string };
  status: { value: string };
}

export interface CallMetadata {
  conversationSpaceId: string;
  direction: 'INBOUND' | 'OUTBOUND';
  accountKey: string;
  callCreated: string;
  dialString?: string;
  callInitiator?: string;
}

export interface CallStateContent {
  metadata: CallMetadata;
  state: { id: string; type: StateType; sequenceNumber: number; timestamp: string; participants: Participant[] };
}

export type CallPhase = 'ringing' | 'active' | 'ended';

export interface CallRecord {
  id: string;
  direction: 'INBOUND' | 'OUTBOUND';
  accountKey: string;
  line: SandboxLine;
  /** The outside party: the caller of an inbound call, the callee of an outbound one. */
  party: SandboxPerson;
  phase: CallPhase;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** GoTo's callerOutcome once ended. */
  outcome: string | null;
  phoneParticipantId: string;
  lineParticipantId: string;
  contents: CallStateContent[];
}

export interface EndOptions {
  /** ENDING with `participants: []`, as seen live (the client must keep the caller from earlier frames). */
  emptyParticipants?: boolean;
  /** Overrides the report's callerOutcome (default NORMAL when answered, MISSED / NO_ANSWER otherwise). */
  outcome?: string;
}

export interface CallBookOptions {
  accountKey: string;
  lines: () => SandboxLine[];
  defaultLine: () => SandboxLine;
  onState(call: CallRecord, content: CallStateContent): void;
  onEnded(call: CallRecord): void;
  /** Ended calls kept for backfill; the oldest are forgotten beyond this (bounded memory in long demos). */
  retainEnded: number;
}

export interface CallBook {
  ringInbound(o: { lineId?: string; caller?: SandboxPerson; ivr?: boolean }): CallRecord;
  placeOutbound(o: { lineId?: string; callee?: SandboxPerson }): CallRecord;
  answer(id: string): CallRecord;
  end(id: string, o?: EndOptions): CallRecord;
  get(id: string): CallRecord | undefined;
  active(): CallRecord[];
  clear(): void;
}

export function createCallBook(options: CallBookOptions): CallBook {
  const calls = new Map<string, CallRecord>();
  const endedOrder: string[] = [];

  const phone = (call: CallRecord, status: string): Participant => {
    const party: Record<string, string> = { number: call.party.number };
    // Withheld names arrive without a name; the client falls back to the number.
    if (call.party.name) party.name = call.party.name;
    return {
      id: call.phoneParticipantId,
      type: { value: 'PHONE_NUMBER', [call.direction === 'INBOUND' ? 'caller' : 'callee']: party },
      status: { value: status },
    };
  };
  const line = (call: CallRecord, status: string): Participant => ({
    id: call.lineParticipantId,
    type: { value: 'LINE', lineId: call.line.id, name: call.line.name, extensionNumber: call.line.number },
    status: { value: status },
  });

  const emit = (call: CallRecord, type: StateType, participants: Participant[]): void => {
    const metadata: CallMetadata = {
      conversationSpaceId: call.id,
      direction: call.direction,
      accountKey: call.accountKey,
      callCreated: call.createdAt,
    };
    if (call.direction === 'OUTBOUND') {
      metadata.dialString = call.party.number;
      metadata.callInitiator = call.lineParticipantId;
    }
    const content: CallStateContent = {
      metadata,
      state: { id: randomUUID(), type, sequenceNumber: call.contents.length + 1, timestamp: new Date().toISOString(), participants },
    };
    call.contents.push(content);
    options.onState(call, content);
  };

  const findLine = (lineId: string | undefined): SandboxLine => {
    if (lineId === undefined) return options.defaultLine();
    const found = options.lines().find((l) => l.id === lineId);
    if (!found) throw new Error(`The sandbox account has no line ${lineId}.`);
    return found;
  };

  const create = (direction: CallRecord['direction'], lineId: string | undefined, party: SandboxPerson): CallRecord => {
    if (!party.number) throw new Error('A call party needs a number.');
    const call: CallRecord = {
      id: randomUUID(),
      direction,
      accountKey: options.accountKey,
      line: findLine(lineId),
      party: { ...party },
      phase: 'ringing',
      createdAt: new Date().toISOString(),
      answeredAt: null,
      endedAt: null,
      outcome: null,
      phoneParticipantId: randomUUID(),
      lineParticipantId: randomUUID(),
      contents: [],
    };
    calls.set(call.id, call);
    return call;
  };

  const live = (id: string): CallRecord => {
    const call = calls.get(id);
    if (!call) throw new Error(`No call ${id}.`);
    if (call.phase === 'ended') throw new Error(`Call ${id} has already ended.`);
    return call;
  };

  const forgetOldEnded = (): void => {
    while (endedOrder.length > options.retainEnded) {
      const oldest = endedOrder.shift();
      if (oldest) calls.delete(oldest);
    }
  };

  return {
    ringInbound(o) {
      const call = create('INBOUND', o.lineId, o.caller ?? { name: 'Priya Raman', number: '+12025550101' });
      if (o.ivr) emit(call, 'STARTING', [phone(call, 'IN_INTERACTIVE_VOICE_RESPONSE')]);
      emit(call, 'STARTING', [phone(call, 'CONNECTED'), line(call, 'RINGING')]);
      return call;
    },
    placeOutbound(o) {
      const call = create('OUTBOUND', o.lineId, o.callee ?? { name: 'Marcus Webb', number: '+13125550102' });
      emit(call, 'STARTING', [line(call, 'CONNECTED'), phone(call, 'RINGING')]);
      return call;
    },
    answer(id) {
      const call = live(id);
      if (call.phase !== 'ringing') throw new Error(`Call ${id} is not ringing.`);
      call.phase = 'active';
      call.answeredAt = new Date().toISOString();
      emit(call, 'ACTIVE', call.direction === 'INBOUND' ? [phone(call, 'CONNECTED'), line(call, 'CONNECTED')] : [line(call, 'CONNECTED'), phone(call, 'CONNECTED')]);
      return call;
    },
    end(id, o = {}) {
      const call = live(id);
      const answered = call.phase === 'active';
      call.phase = 'ended';
      call.endedAt = new Date().toISOString();
      call.outcome = o.outcome ?? (answered ? 'NORMAL' : call.direction === 'INBOUND' ? 'MISSED' : 'NO_ANSWER');
      emit(call, 'ENDING', o.emptyParticipants ? [] : [phone(call, 'DISCONNECTED'), line(call, 'DISCONNECTED')]);
      endedOrder.push(call.id);
      forgetOldEnded();
      options.onEnded(call);
      return call;
    },
    get: (id) => calls.get(id),
    active: () => [...calls.values()].filter((c) => c.phase !== 'ended'),
    clear() {
      calls.clear();
      endedOrder.length = 0;
    },
  };
}
