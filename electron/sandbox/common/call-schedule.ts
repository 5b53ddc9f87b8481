// The timing half of every sandbox's call generator: an arrival loop and the later steps of each
// call (answer, hang up), all on unref'd timers so a forgotten generator never keeps a process
// alive, and all cancelled by one stop(). What a call is and how it ends stays with the provider.
import type { Random } from './seeded-random';

export interface CallSchedule {
  /** Runs `step` after `ms`; a step that throws is skipped (a test may have ended the call itself). */
  later(ms: number, step: () => void): void;
  /** Calls `arrive` after `firstMs`, then again after each `gap()` (one that throws is skipped), until stop(); replaces a running loop. */
  run(firstMs: number, gap: () => number, arrive: () => void): void;
  /** Ends the loop and cancels every pending step. Idempotent. */
  stop(): void;
  readonly running: boolean;
}

export function createCallSchedule(onSkippedStep: (error: unknown) => void = () => undefined): CallSchedule {
  const timers = new Set<NodeJS.Timeout>();
  let loop: NodeJS.Timeout | null = null;
  let running = false;

  const later = (ms: number, step: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      try {
        step();
      } catch (error) {
        onSkippedStep(error);
      }
    }, ms);
    timer.unref();
    timers.add(timer);
  };
  const stopLoop = (): void => {
    if (loop) clearTimeout(loop);
    loop = null;
    running = false;
  };

  return {
    later,
    run(firstMs, gap, arrive) {
      stopLoop();
      running = true;
      const next = (): void => {
        if (!running) return;
        try {
          arrive();
        } catch (error) {
          onSkippedStep(error);
        }
        loop = setTimeout(next, gap()).unref();
      };
      loop = setTimeout(next, firstMs).unref();
    },
    stop() {
      stopLoop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    get running() {
      return running;
    },
  };
}

/** A uniform draw from [min, max]. */
export const between = (random: Random, [min, max]: readonly [number, number]): number => min + random.next() * (max - min);

/** Exponential inter-arrival time (a Poisson process); 1 - next() is in (0, 1], so the log is finite. */
export const poissonGapMs = (random: Random, callsPerMinute: number): number => -Math.log(1 - random.next()) * (60_000 / callsPerMinute);

/** Throws unless `callsPerMinute` is in (0, 600000]. */
export function checkCallsPerMinute(callsPerMinute: number, prefix: string): void {
  if (!Number.isFinite(callsPerMinute) || callsPerMinute <= 0 || callsPerMinute > 600_000) throw new Error(`${prefix}callsPerMinute must be in (0, 600000]`);
}
