// Figure 1: notice latency. The clock starts just before the sandbox's ringInbound()/end() (which
// builds the frame and writes it to the socket synchronously, so the figure slightly
// over-states the wire-to-notice time) and stops in the engine's onNotice listener. Load is
// call events per second, half STARTING (→ `ringing`) and half ENDING (→ `missed`), paced by a
// 1 ms ticker; every ended call also produces the REPORT_SUMMARY frame and report fetch the
// product makes, so the latency is measured under the product's real per-call work.
import type { CallHandle } from '../electron/sandbox/goto/goto-sandbox';
import { noticeClock, type Rig } from './engine-rig';
import { percentile, sleep, sortedCopy, until } from './stats';

export interface LatencyRun {
  rate: number;
  durationMs: number;
  events: number;
  calls: number;
  /** Milliseconds, ringing and missed notices together. */
  p50: number;
  p99: number;
  max: number;
  /** Calls that got no `ringing` notice / more than one (both must be 0). */
  withoutRinging: number;
  extraRinging: number;
  lost: number;
  /** True when the report subscription was dropped (call frames only). */
  framesOnly?: boolean;
}

/** Calls kept ringing at once: each call rings, then ends this many events later. */
const OPEN_WINDOW = 4;

export async function measureLatency(rig: Rig, rate: number, durationMs: number): Promise<LatencyRun> {
  const { sandbox, engine } = rig;
  const clock = noticeClock(engine);
  const sent = new Map<string, number>(); // `type:callId` → when the frame was written
  const open: CallHandle[] = [];
  const calls: string[] = [];
  let events = 0;
  const start = performance.now();
  const emitOne = (): void => {
    const ringNext = events % 2 === 0 || open.length <= OPEN_WINDOW;
    const t = performance.now();
    if (ringNext) {
      const call = sandbox.calls.ringInbound();
      sent.set(`ringing:${call.id}`, t);
      open.push(call);
      calls.push(call.id);
    } else {
      const call = open.shift() as CallHandle;
      sent.set(`missed:${call.id}`, t);
      call.end();
    }
    events += 1;
  };
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const elapsed = performance.now() - start;
      const due = Math.min(Math.floor((rate * Math.min(elapsed, durationMs)) / 1000), Math.round((rate * durationMs) / 1000));
      while (events < due) emitOne();
      if (elapsed >= durationMs) return resolve();
      setTimeout(tick, 1);
    };
    tick();
  });
  await until(() => [...sent.keys()].every((k) => clock.at.has(k)), 2_000);
  // Not measured: end what is still ringing so the next run starts clean.
  for (const call of open) call.end();
  await sleep(50);
  clock.stop();

  const latencies: number[] = [];
  let lost = 0;
  for (const [key, t] of sent) {
    const got = clock.at.get(key);
    if (got === undefined) lost += 1;
    else latencies.push(got - t);
  }
  const sorted = sortedCopy(latencies);
  let withoutRinging = 0;
  let extraRinging = 0;
  for (const id of calls) {
    const n = clock.counts.get(`ringing:${id}`) ?? 0;
    if (n === 0) withoutRinging += 1;
    if (n > 1) extraRinging += n - 1;
  }
  return {
    rate,
    durationMs,
    events,
    calls: calls.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    withoutRinging,
    extraRinging,
    lost,
  };
}
