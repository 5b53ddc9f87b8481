// Finding dead sockets (docs/reliability.md#liveness). TCP does not tell us when the far end
// vanished (Wi-Fi dropped, NAT entry expired, laptop slept): the socket stays OPEN and silent.
// So we ping every `pingIntervalMs` and give the pong `pongTimeoutMs`; no pong → dead. GoTo does
// not document a keepalive (its report sample pings every 8 s), so client pings are required.
//
// Timers do not run while a machine sleeps, and fire late when it wakes. Each tick compares the
// wall clock with when it was due: much later than planned means we were suspended and the
// socket is suspect even if it says OPEN (docs/architecture.md#platform-notes).
import type { TimerHandle, TimerSet } from './timer-set';

export type DeathCause = 'pong-timeout' | 'suspended' | 'not-open';

export interface LivenessOptions {
  pingIntervalMs: number;
  pongTimeoutMs: number;
  /** A timer this much later than due means the process was suspended. */
  suspendToleranceMs: number;
}

export interface LivenessTarget {
  /** Sends a ping; false when the socket is not open. */
  ping(): boolean;
  dead(cause: DeathCause): void;
}

export class LivenessMonitor {
  private tick: TimerHandle | null = null;
  private deadline: TimerHandle | null = null;
  private stopped = false;

  constructor(
    private readonly timers: TimerSet,
    private readonly options: LivenessOptions,
    private readonly now: () => number,
    private readonly target: LivenessTarget,
  ) {}

  start(): void {
    this.scheduleTick();
  }

  /** A pong arrived: the socket is alive; plan the next ping. */
  pong(): void {
    if (this.stopped || !this.deadline) return;
    this.timers.cancel(this.deadline);
    this.deadline = null;
    this.scheduleTick();
  }

  stop(): void {
    this.stopped = true;
    this.timers.cancel(this.tick);
    this.timers.cancel(this.deadline);
    this.tick = this.deadline = null;
  }

  private scheduleTick(): void {
    const due = this.now() + this.options.pingIntervalMs;
    this.tick = this.timers.after(this.options.pingIntervalMs, () => {
      this.tick = null;
      if (this.late(due)) return this.die('suspended');
      if (!this.target.ping()) return this.die('not-open');
      this.awaitPong(this.options.pongTimeoutMs, 0, false);
    });
  }

  /**
   * The pong deadline. A busy process (a loaded machine, a long GC) runs its timers before the
   * socket input that waited meanwhile, so a deadline can fire with the pong already received but
   * not yet read. Before saying dead it therefore looks once more after pending input was read
   * (`lastLook`), and a deadline that fired late by more than a tenth of the timeout — the process
   * did not run — gives back the time lost first (in all at most `suspendToleranceMs`; a single
   * longer stall counts as a suspension).
   */
  private awaitPong(waitMs: number, givenBack: number, lastLook: boolean): void {
    const due = this.now() + waitMs;
    this.deadline = this.timers.after(waitMs, () => {
      this.deadline = null;
      const lost = this.now() - due;
      if (this.late(due)) return this.die('suspended');
      if (lost * 10 > this.options.pongTimeoutMs && givenBack + lost <= this.options.suspendToleranceMs) {
        return this.awaitPong(lost, givenBack + lost, false);
      }
      if (!lastLook) return this.awaitPong(0, givenBack, true);
      this.die('pong-timeout');
    });
  }

  private late(due: number): boolean {
    return this.now() - due > this.options.suspendToleranceMs;
  }

  private die(cause: DeathCause): void {
    if (this.stopped) return;
    this.stop();
    this.target.dead(cause);
  }
}
