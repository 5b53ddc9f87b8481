// Calls at a steady pace against the GoTo sandbox, each with a known fate: rung on the user's
// line, then either answered and hung up, or left to ring out (missed). The flapping-network test
// and bench figure ring one every few hundred ms while the network drops, and then check that
// each call got the notices its fate calls for.
import type { CallHandle, GotoSandbox } from '../electron/sandbox/goto/goto-sandbox';

export interface SteadyCall {
  handle: CallHandle;
  /** True once the call was answered (its terminal notice must be `ended`, else `missed`). */
  answered: boolean;
  done: boolean;
}

export interface SteadyCallsOptions {
  everyMs: number;
  lineId: string;
  /** Ringing time range, ms. */
  ringMs: [number, number];
  /** Talk time range of answered calls, ms. */
  talkMs: [number, number];
  /** Share of calls answered; default 0.5. */
  answerShare?: number;
  random?: () => number;
}

export interface SteadyCalls {
  readonly calls: readonly SteadyCall[];
  /** No new calls; every call still going ends now (a ringing one as missed). */
  stop(): void;
}

export function startSteadyCalls(sandbox: GotoSandbox, options: SteadyCallsOptions): SteadyCalls {
  const random = options.random ?? Math.random;
  const calls: SteadyCall[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const between = ([min, max]: [number, number]): number => min + random() * (max - min);
  const finish = (call: SteadyCall): void => {
    if (call.done) return;
    call.done = true;
    call.handle.end();
  };
  const ring = (): void => {
    const call: SteadyCall = { handle: sandbox.calls.ringInbound({ lineId: options.lineId }), answered: false, done: false };
    calls.push(call);
    const answers = random() < (options.answerShare ?? 0.5);
    later(between(options.ringMs), () => {
      if (call.done) return;
      if (!answers) return finish(call);
      call.handle.answer();
      call.answered = true;
      later(between(options.talkMs), () => finish(call));
    });
  };
  const ticker = setInterval(ring, options.everyMs);
  ring();
  return {
    calls,
    stop() {
      clearInterval(ticker);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const call of calls) finish(call);
    },
  };
}
