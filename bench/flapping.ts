// Figure 7: a flapping network, on the product's real timings (10 s ping + 4 s deadline, real
// backoff, real Retry-After).
//   flap        ≥ 20 drops 2–10 s apart while a call rings every 300 ms (half answered, half left
//               to ring out): drop → live per drop; calls rung vs. ringing notices; per call, is
//               its one terminal notice the right one (`ended` if answered, else `missed`)?
//   retry-after WEBSOCKET_TO_BE_CLOSED while channel create answers 429 (Retry-After: 1 s) three
//               times; the old socket closes on schedule during the waits → the new channel live.
//               Target: ≤ Retry-After × 3 + 1 s.
//   half-open   the worst case: the socket goes silent right after a pong, so detection waits the
//               whole ping interval + deadline → live again on a new socket. Target ≤ 15 s.
import type { GotoSession } from '../electron/engine/providers/goto/goto-session';
import type { ConnectionState } from '../shared/status';
import { startSteadyCalls } from './steady-calls';
import { startRig, type Rig } from './engine-rig';
import { sleep, until } from './stats';

export interface FlapRun {
  /** Time between drops, ms (min, max). */
  gapMs: [number, number];
  /** Per drop: the drop → live again, ms. */
  dropToLiveMs: number[];
  calls: number;
  ringingNotices: number;
  /** Calls with more than one ringing notice (must be 0). */
  rangTwice: number;
  /** Calls that never rang here: answered before we heard of them, or closed late. */
  neverRang: number;
  terminalRight: number;
  terminalWrong: number;
  /** Terminal notices marked late (the call rang and ended inside a gap). */
  late: number;
}

function statusTimes(rig: Rig): { changes: { state: ConnectionState; t: number }[]; stop(): void } {
  const changes: { state: ConnectionState; t: number }[] = [];
  const stop = rig.engine.onStatus((s) => changes.push({ state: s.state, t: performance.now() }));
  return { changes, stop };
}

/** Drop → live again: the first `live` after the status left it (NaN if it never came back in 30 s). */
async function dropOnce(rig: Rig): Promise<number> {
  const log = statusTimes(rig);
  const t0 = performance.now();
  rig.sandbox.faults.dropSockets();
  const back = () => log.changes.findIndex((c, i) => c.state === 'live' && log.changes.slice(0, i).some((p) => p.state !== 'live'));
  await until(() => back() >= 0, 30_000, 1);
  log.stop();
  const at = log.changes[back()]?.t ?? Number.NaN;
  return at - t0;
}

export async function measureFlapping(drops: number, gapMs: [number, number], callEveryMs: number): Promise<FlapRun> {
  const rig = await startRig();
  const notices: { callId: string; type: string; late: boolean }[] = [];
  const off = rig.engine.onNotice((n) => notices.push({ callId: n.callId, type: n.type, late: n.late === true }));
  const lineId = rig.sandbox.userLines[0]?.id ?? '';
  const steady = startSteadyCalls(rig.sandbox, { everyMs: callEveryMs, lineId, ringMs: [1_000, 4_000], talkMs: [1_000, 4_000] });
  const dropToLiveMs: number[] = [];
  try {
    for (let i = 0; i < drops; i += 1) {
      await sleep(gapMs[0] + Math.random() * (gapMs[1] - gapMs[0]));
      dropToLiveMs.push(await dropOnce(rig));
    }
    steady.stop();
    const closed = (id: string) => notices.some((n) => n.callId === id && (n.type === 'missed' || n.type === 'ended'));
    await until(() => steady.calls.every((c) => closed(c.handle.id)), 30_000, 20);
    const run: FlapRun = { gapMs, dropToLiveMs, calls: steady.calls.length, ringingNotices: 0, rangTwice: 0, neverRang: 0, terminalRight: 0, terminalWrong: 0, late: 0 };
    for (const call of steady.calls) {
      const mine = notices.filter((n) => n.callId === call.handle.id);
      const rings = mine.filter((n) => n.type === 'ringing').length;
      const terminals = mine.filter((n) => n.type === 'missed' || n.type === 'ended');
      run.ringingNotices += rings;
      if (rings > 1) run.rangTwice += 1;
      if (rings === 0) run.neverRang += 1;
      if (terminals.some((n) => n.late)) run.late += 1;
      const right = terminals.length === 1 && terminals[0]?.type === (call.answered ? 'ended' : 'missed');
      if (right) run.terminalRight += 1;
      else run.terminalWrong += 1;
    }
    return run;
  } finally {
    steady.stop();
    off();
    await rig.close();
  }
}

/** TO_BE_CLOSED + 3 × 429 (Retry-After: 1 s) on channel create → the new channel live, ms. */
export async function measureRetryAfterReplacement(runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let r = 0; r < runs; r += 1) {
    // The old socket closes 1.5 s after the notice: during the second Retry-After wait.
    const rig = await startRig({ sandbox: { toBeClosedGraceMs: 1_500 } });
    try {
      const session = rig.engine.currentSession<GotoSession>();
      if (!session) throw new Error('no session');
      const first = session.connection.generation;
      let liveAt = Number.NaN;
      const off = session.connection.on('live', (g) => {
        if (g !== first && Number.isNaN(liveAt)) liveAt = performance.now();
      });
      rig.sandbox.faults.failHttp({ method: 'POST', pathPrefix: '/notification-channel/v1/channels', status: 429, retryAfterSeconds: 1, times: 3 });
      const t0 = performance.now();
      rig.sandbox.faults.toBeClosed();
      await until(() => !Number.isNaN(liveAt), 30_000, 1);
      off();
      out.push(liveAt - t0);
    } finally {
      await rig.close();
    }
  }
  return out;
}

/** `runs` engines in parallel; each goes silent right after a pong → live again, ms. */
export async function measureHalfOpenWorst(runs: number): Promise<number[]> {
  const rigs: Rig[] = [];
  try {
    for (let i = 0; i < runs; i += 1) rigs.push(await startRig());
    return await Promise.all(
      rigs.map(async (rig) => {
        const pongs = rig.sandbox.stats.pongsSent;
        // Right after a pong: the next ping is a whole interval away.
        await until(() => rig.sandbox.stats.pongsSent > pongs, 30_000, 1);
        const log = statusTimes(rig);
        const t0 = performance.now();
        rig.sandbox.faults.halfOpen(true);
        await until(() => log.changes.some((c) => c.state !== 'live'), 30_000, 5);
        await until(() => log.changes.some((c, i) => c.state === 'live' && i > 0), 30_000, 1);
        log.stop();
        const live = log.changes.find((c, i) => c.state === 'live' && i > 0)?.t ?? Number.NaN;
        return live - t0;
      }),
    );
  } finally {
    await Promise.all(rigs.map((r) => r.close()));
  }
}
