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
      const deadlineDue = this.now() + this.options.pongTimeoutMs;
      this.deadline = this.timers.after(this.options.pongTimeoutMs, () => {
        this.deadline = null;
        this.die(this.late(deadlineDue) ? 'suspended' : 'pong-timeout');
      });
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
