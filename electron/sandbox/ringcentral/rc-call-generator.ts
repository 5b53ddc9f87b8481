// Background calls for the demo and the benchmark: Poisson arrivals; most ring the user's own
// extension, some a colleague's (only an "all lines" subscription sees those); each is answered
// then hung up, missed, sent to voicemail or transferred away. A seed makes a run repeatable.
import { between, checkCallsPerMinute, createCallSchedule, poissonGapMs } from '../common/call-schedule';
import { seededRandom } from '../common/seeded-random';
import type { RcCallBook } from './rc-call-book';
import { RC_PEOPLE, type RcExtension } from './rc-fixtures';

export interface RcGeneratorOptions {
  callsPerMinute: number;
  seed?: number;
  /** The first call rings this soon (the demo shows a call at once); default a random gap. */
  firstCallAfterMs?: number;
  /** Share of calls on the user's own extension; default 0.8. */
  ownShare?: number;
  /** Share answered; default 0.6. Of the rest, a third goes to voicemail. */
  answerShare?: number;
  /** Share of calls whose first events carry no caller name; default 0.3. */
  noNameShare?: number;
  ringMs?: [number, number];
  talkMs?: [number, number];
}

export interface RcCallGenerator {
  start(options: RcGeneratorOptions): void;
  /** Stops; calls still live end now. Idempotent. */
  stop(): void;
  readonly generated: number;
}

export function createRcCallGenerator(deps: { calls: RcCallBook; owner: RcExtension; others: readonly RcExtension[] }): RcCallGenerator {
  const live = new Set<string>();
  let generated = 0;
  const schedule = createCallSchedule();
  const later = schedule.later;

  const stop = (): void => {
    schedule.stop();
    for (const id of live) {
      try {
        deps.calls.hangUp(id);
      } catch {
        // already over
      }
    }
    live.clear();
  };

  return {
    start(options) {
      const cpm = options.callsPerMinute;
      checkCallsPerMinute(cpm, '');
      stop();
      const r = seededRandom(options.seed);
      const ring = options.ringMs ?? [3000, 12000];
      const talk = options.talkMs ?? [5000, 45000];
      const one = (): void => {
        const own = deps.others.length === 0 || r.chance(options.ownShare ?? 0.8);
        const ext = own ? deps.owner : r.pick(deps.others);
        const named = !r.chance(options.noNameShare ?? 0.3);
        const call = deps.calls.ring({ extensionId: ext.id, caller: r.pick(RC_PEOPLE), callerName: named, nameLater: !named && r.chance(0.5) });
        generated += 1;
        const id = call.telephonySessionId;
        live.add(id);
        const end = (fn: (id: string) => unknown): void => {
          live.delete(id);
          fn(id);
        };
        const ringFor = between(r, ring);
        if (r.chance(options.answerShare ?? 0.6)) {
          later(ringFor, () => deps.calls.answer(id));
          later(ringFor + between(r, talk), () => end(r.chance(0.1) ? deps.calls.transfer : deps.calls.hangUp));
        } else {
          later(ringFor, () => end(r.chance(0.33) ? deps.calls.voicemail : deps.calls.hangUp));
        }
      };
      schedule.run(options.firstCallAfterMs ?? poissonGapMs(r, cpm), () => poissonGapMs(r, cpm), one);
    },
    stop,
    get generated() {
      return generated;
    },
  };
}
