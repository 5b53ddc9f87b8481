// Work that creates something on the provider's server (a channel, a subscription), tracked so
// that stop() can wait for its answer and remove what it made. Without it, an answer arriving
// just after stop() creates a resource nobody deletes before the app quits
// (docs/reliability.md#quit-and-stop: nothing is left on the server but what is in use). The wait is bounded by
// stop()'s own timeout: quit never hangs.

export class InFlight {
  private readonly pending = new Set<Promise<void>>();

  /** Returns `work` unchanged; `settled()` waits for it. Track the whole step, bookkeeping included. */
  track<T>(work: Promise<T>): Promise<T> {
    const done: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
    return work;
  }

  get size(): number {
    return this.pending.size;
  }

  /** True once nothing tracked is pending (work tracked meanwhile included); false after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs))));
    const drained = (async (): Promise<true> => {
      while (this.pending.size > 0) await Promise.all([...this.pending]);
      return true;
    })();
    try {
      return await Promise.race([drained, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
