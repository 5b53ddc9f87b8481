// The recent-calls list: the last N watched calls as CallSummary rows, updated in place as a call
// moves on (ringing → in-progress → answered/missed) and when its report arrives. Bounded: the
// oldest row is dropped when a new call would exceed `size`.
import type { CallSummary } from '../../../shared/calls';

export class CallHistory {
  private readonly rows = new Map<string, CallSummary>();

  constructor(private readonly size: number) {
    if (!(size >= 1)) throw new RangeError('history size must be ≥ 1');
  }

  get(key: string): CallSummary | undefined {
    return this.rows.get(key);
  }

  /** Adds or replaces the row for `key`; a new row is the newest. */
  put(key: string, row: CallSummary): void {
    if (!this.rows.has(key) && this.rows.size >= this.size) {
      const oldest = this.rows.keys().next();
      if (!oldest.done) this.rows.delete(oldest.value);
    }
    this.rows.set(key, row);
  }

  /** Newest first; copies, so callers cannot change the tracker's state. */
  list(): CallSummary[] {
    const out: CallSummary[] = [];
    for (const row of this.rows.values()) out.push({ ...row, caller: { ...row.caller }, line: row.line ? { ...row.line } : null });
    return out.reverse();
  }

  get count(): number {
    return this.rows.size;
  }
}
