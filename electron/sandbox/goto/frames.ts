// The frames the sandbox sends on a channel's socket, in GoTo's envelope
// (docs/providers/goto.md#frame-envelope): `{"data":{"source","type","timestamp","content"}}`. Also the deliberately broken
// frames the `sendGarbage` fault uses, so the client's "bad input" rules (docs/reliability.md#bad-input) can be
// tested against a real socket.

export type ControlType = 'WEBSOCKET_REFRESH_REQUIRED' | 'WEBSOCKET_TO_BE_CLOSED';

/**
 * How control messages are written. docs/providers/goto.md#notification-channel: some integrations saw the control message as a bare
 * string: accept both". What the string looked like is not recorded, so both readings exist:
 * `bare-string` is the type name as raw text, `json-string` the same name JSON-encoded.
 */
export type ControlMessageFormat = 'envelope' | 'bare-string' | 'json-string';

export type GarbageKind = 'non-json' | 'binary' | 'oversized' | 'unknown-type' | 'missing-fields';
export const GARBAGE_KINDS: readonly GarbageKind[] = ['non-json', 'binary', 'oversized', 'unknown-type', 'missing-fields'];

export function envelope(source: string, type: string, content: unknown, timestamp = new Date().toISOString()): string {
  return JSON.stringify({ data: { source, type, timestamp, content } });
}

export function controlFrame(type: ControlType, format: ControlMessageFormat): string {
  if (format === 'bare-string') return type;
  if (format === 'json-string') return JSON.stringify(type);
  return envelope('notification-websocket', type, {});
}

/** A frame that breaks one of the client's assumptions; text unless `binary`. */
export function garbageFrame(kind: GarbageKind, oversizedBytes: number): { data: string | Buffer; binary: boolean } {
  switch (kind) {
    case 'non-json':
      return { data: '{"data": {"source": "call-events", "type": "call-state", <html>', binary: false };
    case 'binary':
      return { data: Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x80, 0x81, 0xfe, 0x00]), binary: true };
    case 'oversized': {
      // Valid JSON in the right envelope, only too big: the client's maxPayload must stop it.
      const head = envelope('call-events', 'call-state', { padding: '' });
      const padding = 'x'.repeat(Math.max(0, oversizedBytes - head.length));
      return { data: envelope('call-events', 'call-state', { padding }), binary: false };
    }
    case 'unknown-type':
      return {
        data: JSON.stringify({
          event: 'unexpected',
          eventId: 'sandbox-unknown',
          data: { source: 'call-events', type: 'call-parked', timestamp: new Date().toISOString(), content: { conversationSpaceId: 'x' } },
        }),
        binary: false,
      };
    case 'missing-fields':
      return {
        data: JSON.stringify({ data: { source: 'call-events', type: 'call-state', content: { metadata: {}, state: { type: 'STARTING' } } } }),
        binary: false,
      };
  }
}
