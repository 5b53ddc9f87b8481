// Every timer the transport starts goes through one of these, so `stop()` can prove it left none
// behind (docs/reliability.md#the-socket) and tests can count them.

export interface TimerHandle {
  readonly id: number;
}

export class TimerSet {
  private readonly live = new Map<number, ReturnType<typeof setTimeout>>();
  private seq = 0;

  /** Runs `fn` once after `ms`; the handle is forgotten when it fires or is cancelled. */
  after(ms: number, fn: () => void): TimerHandle {
    const id = ++this.seq;
    const timer = setTimeout(() => {
      this.live.delete(id);
      fn();
    }, Math.max(0, ms));
    this.live.set(id, timer);
    return { id };
  }

  cancel(handle: TimerHandle | null | undefined): void {
    if (!handle) return;
    const timer = this.live.get(handle.id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.live.delete(handle.id);
  }

  cancelAll(): void {
    for (const timer of this.live.values()) clearTimeout(timer);
    this.live.clear();
  }

  get size(): number {
    return this.live.size;
  }
}
