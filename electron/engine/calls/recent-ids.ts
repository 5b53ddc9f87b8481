// A set that remembers only the last `capacity` ids (insertion order), so "this call already
// ended / was already reported" survives duplicates, late frames and reconnect replays without
// growing forever. Map/Set iteration order is insertion order, so the oldest is the first key.

export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('RecentIds capacity must be ≥ 1');
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
  }

  get size(): number {
    return this.ids.size;
  }
}
