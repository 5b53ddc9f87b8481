// Calls on a timer for the demo and benchmarks: mostly direct calls (answered or missed), and
// every fourth a queue call whose first leg rings out and whose second leg is answered or missed —
// legs sharing one master_call_id, which the client must show as one call.
import { createCallSchedule } from '../common/call-schedule';
import type { CallBook } from './call-book';

export interface GeneratorOptions {
  everyMs: number;
  /** The first call rings this soon (default: after `everyMs`). */
  firstAfterMs?: number;
  ringMs?: number;
  talkMs?: number;
}

export interface CallGenerator {
  start(options: GeneratorOptions): void;
  stop(): void;
  readonly generated: number;
}

export function createCallGenerator(calls: CallBook): CallGenerator {
  // A step fails when the call was ended by hand or the book was cleared meanwhile.
  const schedule = createCallSchedule();
  const later = schedule.later;
  let generated = 0;

  const direct = (ringMs: number, talkMs: number, answered: boolean): void => {
    const id = calls.ring();
    if (!answered) return later(ringMs, () => calls.end(id, generated % 3 === 0 ? 'voicemail' : 'missed'));
    later(ringMs, () => calls.answer(id));
    later(ringMs + talkMs, () => calls.end(id));
  };

  const queue = (ringMs: number, talkMs: number, answered: boolean): void => {
    const master = calls.newQueueCall();
    const first = calls.ring({ masterCallId: master });
    later(ringMs, () => {
      calls.end(first, 'missed');
      const second = calls.ring({ masterCallId: master });
      if (!answered) return later(ringMs, () => calls.end(second, 'missed'));
      later(ringMs, () => calls.answer(second));
      later(ringMs + talkMs, () => calls.end(second));
    });
  };

  return {
    start({ everyMs, firstAfterMs, ringMs = 3000, talkMs = 5000 }) {
      const next = (): void => {
        generated += 1;
        const answered = generated % 2 === 0;
        if (generated % 4 === 0) queue(ringMs, talkMs, answered);
        else direct(ringMs, talkMs, answered);
      };
      schedule.run(firstAfterMs ?? everyMs, () => everyMs, next);
    },
    stop: () => schedule.stop(),
    get generated() {
      return generated;
    },
  };
}
