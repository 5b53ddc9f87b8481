// Frame order across a URL renewal (docs/providers/dialpad.md, "How Ringtray hears calls").
// For a moment two sockets of one websocket are open and Dialpad sends every event on both; they
// are two TCP connections with no order between them, so the new socket's copy of a call's end
// can arrive before the old socket's copy of its ringing (still on the wire when we switched).
// Frames are therefore taken from the oldest socket still delivering; a newer socket's frames
// wait until every older one has closed, then follow in their own order (the copies seen on the
// old socket already are dropped by the session's dedupe). The old socket closes within one
// close handshake of the switch, so the wait is that long at most.
import type { Logger } from '../../log/logger';

const MAX_HELD_FRAMES = 10_000;

export class OldestSocketFirst {
  private readonly delivering: number[] = [];
  private readonly held = new Map<number, string[]>();
  private heldCount = 0;

  constructor(
    private readonly deliver: (text: string, generation: number) => void,
    private readonly log: Logger,
  ) {}

  /** A socket opened: its frames may start arriving. */
  opened(generation: number): void {
    if (this.delivering.includes(generation)) return;
    this.delivering.push(generation);
    this.delivering.sort((a, b) => a - b);
  }

  frame(text: string, generation: number): void {
    const oldest = this.delivering[0];
    if (oldest === undefined || generation === oldest || !this.delivering.includes(generation)) return this.deliver(text, generation);
    if (this.heldCount >= MAX_HELD_FRAMES) {
      // An older socket that neither delivers nor closes: never hold memory without bound.
      this.log.warn('dialpad: too many frames waiting for an older socket; delivering out of order');
      return this.deliver(text, generation);
    }
    const queue = this.held.get(generation) ?? [];
    queue.push(text);
    this.held.set(generation, queue);
    this.heldCount += 1;
  }

  /** A socket closed (dropped, failed, or drained after a replacement): it delivers nothing more. */
  ended(generation: number): void {
    const index = this.delivering.indexOf(generation);
    if (index === -1) return;
    this.delivering.splice(index, 1);
    const own = this.held.get(generation);
    this.held.delete(generation);
    // A newer socket that ends while an older one still delivers: the older one carries its events.
    if (index > 0) {
      this.heldCount -= own?.length ?? 0;
      return;
    }
    const next = this.delivering[0];
    if (next === undefined) return;
    const waiting = this.held.get(next) ?? [];
    this.held.delete(next);
    this.heldCount -= waiting.length;
    for (const text of waiting) this.deliver(text, next);
  }

  reset(): void {
    this.delivering.length = 0;
    this.held.clear();
    this.heldCount = 0;
  }
}
