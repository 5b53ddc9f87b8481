// How much of each figure a run does. `full` is `npm run bench` (about 3–4 minutes on a 2-core
// machine); `quick` is a smoke run of every figure in well under a minute (shorter windows,
// fewer repetitions: numbers are rougher, and say so in the table's run counts).

import type { DialpadBenchPlan } from './dialpad';

export type FigureId = 'latency' | 'throughput' | 'recovery' | 'cold-start' | 'memory' | 'headless' | 'flapping' | 'dialpad' | 'ringcentral';
export const FIGURES: readonly FigureId[] = ['latency', 'throughput', 'recovery', 'cold-start', 'memory', 'headless', 'flapping', 'dialpad', 'ringcentral'];

export interface BenchPlan {
  figures: ReadonlySet<FigureId>;
  latency: { rates: { rate: number; durationMs: number }[]; runs: number; warmUpMs: number; framesOnly: boolean };
  throughput: { durationMs: number; runs: number; heldOpen: number; socket: boolean };
  recovery: { drops: number; proxyDrops: number; halfOpenRealRuns: number; halfOpenShortRuns: number; toBeClosedRuns: number; toBeClosedGraceMs: number };
  coldStart: { runs: number };
  memory: { events: number; every: number; idleWindowMs: number; idleSettleMs: number };
  headless: { windowMs: number };
  flapping: { drops: number; gapMs: [number, number]; callEveryMs: number; retryAfterRuns: number; halfOpenWorstRuns: number };
  dialpad: DialpadBenchPlan;
  ringcentral: { calls: number; drops: number; halfOpenReal: number; halfOpenShort: number; replayDrops: number };
}

export function fullPlan(figures: ReadonlySet<FigureId> = new Set(FIGURES)): BenchPlan {
  return {
    figures,
    latency: {
      rates: [
        { rate: 10, durationMs: 4_000 },
        { rate: 100, durationMs: 3_000 },
        { rate: 1_000, durationMs: 3_000 },
      ],
      runs: 3,
      warmUpMs: 1_500,
      framesOnly: true,
    },
    throughput: { durationMs: 1_500, runs: 3, heldOpen: 9_999, socket: true },
    recovery: { drops: 20, proxyDrops: 10, halfOpenRealRuns: 3, halfOpenShortRuns: 5, toBeClosedRuns: 3, toBeClosedGraceMs: 2_000 },
    coldStart: { runs: 5 },
    memory: { events: 1_000_000, every: 100_000, idleWindowMs: 60_000, idleSettleMs: 20_000 },
    headless: { windowMs: 60_000 },
    // ~2 minutes: 20 drops 2–10 s apart (6 s on average); the half-open runs wait alongside.
    flapping: { drops: 20, gapMs: [2_000, 10_000], callEveryMs: 300, retryAfterRuns: 3, halfOpenWorstRuns: 3 },
    dialpad: { latencyCalls: 300, renewalMs: 6_000, drops: 10, halfOpens: 5, halfOpensReal: 3, starts: 5 },
    ringcentral: { calls: 200, drops: 20, halfOpenReal: 3, halfOpenShort: 5, replayDrops: 10 },
  };
}

export function quickPlan(figures: ReadonlySet<FigureId> = new Set(FIGURES)): BenchPlan {
  return {
    figures,
    latency: { rates: [{ rate: 10, durationMs: 1_000 }, { rate: 100, durationMs: 1_000 }, { rate: 1_000, durationMs: 1_000 }], runs: 2, warmUpMs: 300, framesOnly: true },
    throughput: { durationMs: 500, runs: 2, heldOpen: 9_999, socket: true },
    recovery: { drops: 5, proxyDrops: 3, halfOpenRealRuns: 0, halfOpenShortRuns: 3, toBeClosedRuns: 1, toBeClosedGraceMs: 1_000 },
    coldStart: { runs: 2 },
    memory: { events: 200_000, every: 50_000, idleWindowMs: 10_000, idleSettleMs: 2_000 },
    headless: { windowMs: 15_000 },
    flapping: { drops: 5, gapMs: [2_000, 4_000], callEveryMs: 300, retryAfterRuns: 1, halfOpenWorstRuns: 1 },
    dialpad: { latencyCalls: 100, renewalMs: 3_000, drops: 3, halfOpens: 2, halfOpensReal: 0, starts: 2 },
    ringcentral: { calls: 50, drops: 5, halfOpenReal: 0, halfOpenShort: 3, replayDrops: 3 },
  };
}
