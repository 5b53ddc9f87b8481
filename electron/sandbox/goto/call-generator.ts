// Realistic background traffic for the demo and benchmarks: calls arrive as a Poisson process
// (exponential gaps, mean 60/callsPerMinute s); most are inbound; some pass an IVR first; inbound
// calls ring the user's own lines or a colleague's (the account-wide subscription delivers both);
// each is answered after ringing or missed, and some ENDING frames carry `participants: []` as
// seen live. A seed makes a run repeatable.
import type { CallBook, CallRecord } from './call-book';
import { PEOPLE, type SandboxLine } from './fixtures';
import { between, checkCallsPerMinute, createCallSchedule, poissonGapMs } from '../common/call-schedule';
import { seededRandom, type Random } from '../common/seeded-random';
import type { Logger } from '../../engine/log/logger';

export interface GeneratorOptions {
  callsPerMinute: number;
  seed?: number;
  /** Share of calls that are inbound; default 0.75. */
  inboundShare?: number;
  /** Share of calls answered; default 0.6. */
  answerShare?: number;
  /** Share of inbound calls that ring one of the signed-in user's lines; default 0.7. */
  userLineShare?: number;
  /** Share of inbound calls that pass an IVR before ringing; default 0.2. */
  ivrShare?: number;
  /** Share of ENDING frames sent with participants: []; default 0.3. */
  emptyEndingShare?: number;
  /** Ringing time range in ms; default [3000, 12000]. */
  ringMs?: [number, number];
  /** Talk time range in ms; default [5000, 45000]. */
  talkMs?: [number, number];
  /** New calls are skipped while this many generated calls are live (bounded memory); default 100. */
  maxConcurrent?: number;
  /** When the first call rings; default a random gap like the others (the demo rings at once). */
  firstCallAfterMs?: number;
  /**
   * 'poisson' (default): exponential gaps, bursts and lulls as real traffic has (benchmarks);
   * 'steady': gaps uniform in [0.5, 1.5] × the mean, so a demo never sits silent for minutes.
   */
  cadence?: 'poisson' | 'steady';
}

export interface CallGenerator {
  start(options: GeneratorOptions): void;
  /** Stops new calls; live generated calls end now (missed if still ringing). Idempotent. */
  stop(): void;
  readonly running: boolean;
  readonly generated: number;
}

export function createCallGenerator(deps: { calls: CallBook; lines: () => SandboxLine[]; userLines: () => SandboxLine[]; logger: Logger }): CallGenerator {
  const live = new Set<string>();
  let generated = 0;
  // A scripted test may have ended a generated call itself; that is not a generator failure.
  const schedule = createCallSchedule((error) => deps.logger.debug('generator step skipped', { error: error instanceof Error ? error.message : String(error) }));
  const later = schedule.later;

  const oneCall = (o: Required<Omit<GeneratorOptions, 'seed' | 'firstCallAfterMs' | 'cadence'>>, random: Random): void => {
    if (live.size >= o.maxConcurrent) return;
    const party = random.pick(PEOPLE);
    const inbound = random.chance(o.inboundShare);
    const own = deps.userLines();
    const others = deps.lines().filter((l) => !own.includes(l));
    const pool = own.length > 0 && (others.length === 0 || random.chance(o.userLineShare)) ? own : others.length > 0 ? others : own;
    const line = random.pick(pool);
    const call: CallRecord = inbound
      ? deps.calls.ringInbound({ lineId: line.id, caller: party, ivr: random.chance(o.ivrShare) })
      : deps.calls.placeOutbound({ lineId: line.id, callee: party });
    generated += 1;
    live.add(call.id);
    deps.logger.debug('generated call', { direction: call.direction, lineId: line.id });
    const emptyParticipants = random.chance(o.emptyEndingShare);
    const finish = (): void => {
      live.delete(call.id);
      if (call.phase !== 'ended') deps.calls.end(call.id, { emptyParticipants });
    };
    const ring = between(random, o.ringMs);
    if (random.chance(o.answerShare)) {
      const talk = between(random, o.talkMs);
      later(ring, () => {
        if (call.phase === 'ringing') deps.calls.answer(call.id);
      });
      later(ring + talk, finish);
    } else {
      later(ring, finish);
    }
  };

  const stop = (): void => {
    schedule.stop();
    for (const id of live) {
      try {
        deps.calls.end(id);
      } catch {
        // already ended by a test
      }
    }
    live.clear();
  };

  return {
    start(options) {
      const cpm = options.callsPerMinute;
      checkCallsPerMinute(cpm, 'startGenerator: ');
      for (const [name, range] of [['ringMs', options.ringMs], ['talkMs', options.talkMs]] as const) {
        if (range && !(range[0] >= 0 && range[1] >= range[0])) throw new Error(`startGenerator: ${name} must be [min, max] with 0 ≤ min ≤ max`);
      }
      stop();
      const o: Required<Omit<GeneratorOptions, 'seed' | 'firstCallAfterMs' | 'cadence'>> = {
        callsPerMinute: cpm,
        inboundShare: options.inboundShare ?? 0.75,
        answerShare: options.answerShare ?? 0.6,
        userLineShare: options.userLineShare ?? 0.7,
        ivrShare: options.ivrShare ?? 0.2,
        emptyEndingShare: options.emptyEndingShare ?? 0.3,
        ringMs: options.ringMs ?? [3000, 12000],
        talkMs: options.talkMs ?? [5000, 45000],
        maxConcurrent: options.maxConcurrent ?? 100,
      };
      const random = seededRandom(options.seed);
      const gap = (): number => (options.cadence === 'steady' ? (0.5 + random.next()) * (60_000 / cpm) : poissonGapMs(random, cpm));
      const arrive = (): void => {
        try {
          oneCall(o, random);
        } catch (error) {
          deps.logger.warn('generator could not start a call', { error: error instanceof Error ? error.message : String(error) });
        }
      };
      schedule.run(options.firstCallAfterMs ?? gap(), gap, arrive);
      deps.logger.info('call generator started', { callsPerMinute: cpm, seed: options.seed ?? null });
    },
    stop,
    get running() {
      return schedule.running;
    },
    get generated() {
      return generated;
    },
  };
}
