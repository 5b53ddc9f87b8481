// Call events to websockets (docs/providers/dialpad.md, "Websocket events"): each state change
// goes to every websocket with an enabled call subscription that wants that state and targets
// that call's target (or everything, without a target). A websocket created with a secret gets
// the event as an HS256 JWT signed with it; otherwise as plain JSON. Frames are signed in order
// per websocket, so signing (async) never reorders them. Fault switches change what goes out.
import { SignJWT } from 'jose';
import type { DialpadCall } from './call-book';
import type { SocketHub } from './socket-hub';

export interface WebsocketRecord {
  id: string;
  secret: string | null;
}

export interface SubscriptionRecord {
  id: string;
  websocketId: string;
  callStates: string[];
  targetType: string | null;
  targetId: string | null;
  enabled: boolean;
}

export interface FanoutFaults {
  /** Every event is sent twice. */
  duplicates: boolean;
  /** The next n signed events are signed with a wrong secret. */
  badSignatures: number;
  /** The next n events are valid JSON/JWT but not a call event. */
  unknownShapes: number;
}

export interface EventFanout {
  publish(call: DialpadCall): void;
  /** Sends a frame that is neither JSON nor a JWT to every websocket. */
  garbage(text?: string): void;
  readonly faults: FanoutFaults;
  readonly stats: { events: number; frames: number };
  /** Resolves when every frame queued so far was handed to the hub. */
  flushed(): Promise<void>;
  mute(): void;
}

export function createEventFanout(options: { hub: SocketHub; websockets: () => Iterable<WebsocketRecord>; subscriptions: () => Iterable<SubscriptionRecord> }): EventFanout {
  const faults: FanoutFaults = { duplicates: false, badSignatures: 0, unknownShapes: 0 };
  const stats = { events: 0, frames: 0 };
  const queues = new Map<string, Promise<void>>();
  let muted = false;

  const frameFor = async (ws: WebsocketRecord, payload: Record<string, unknown>): Promise<string> => {
    if (ws.secret === null) return JSON.stringify(payload);
    let secret = ws.secret;
    if (faults.badSignatures > 0) {
      faults.badSignatures -= 1;
      secret = `${secret}-forged`;
    }
    return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().sign(new TextEncoder().encode(secret));
  };

  const enqueue = (ws: WebsocketRecord, payload: Record<string, unknown>, copies: number): void => {
    const previous = queues.get(ws.id) ?? Promise.resolve();
    const next = previous
      .then(() => frameFor(ws, payload))
      .then((frame) => {
        if (muted) return;
        for (let i = 0; i < copies; i += 1) {
          options.hub.send(ws.id, frame);
          stats.frames += 1;
        }
      })
      .catch(() => undefined);
    queues.set(ws.id, next);
  };

  return {
    publish(call) {
      if (muted) return;
      stats.events += 1;
      const targets = new Set<string>();
      for (const sub of options.subscriptions()) {
        if (!sub.enabled || !sub.callStates.includes(call.state)) continue;
        if (sub.targetId !== null && (sub.targetId !== call.target.id || (sub.targetType !== null && sub.targetType !== call.target.type))) continue;
        targets.add(sub.websocketId);
      }
      let payload: Record<string, unknown> = { ...call };
      if (faults.unknownShapes > 0 && targets.size > 0) {
        faults.unknownShapes -= 1;
        payload = { call_id: { nested: call.call_id }, state: 42 };
      }
      for (const ws of options.websockets()) if (targets.has(ws.id)) enqueue(ws, payload, faults.duplicates ? 2 : 1);
    },
    garbage(text = 'this is not an event {') {
      for (const ws of options.websockets()) options.hub.send(ws.id, text);
    },
    faults,
    stats,
    async flushed() {
      await Promise.all(queues.values());
    },
    mute() {
      muted = true;
    },
  };
}
