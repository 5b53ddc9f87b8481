// Figure 3: recovery from the sandbox's socket faults, with the product's own timings unless a
// run says otherwise.
//   drop       the TCP connection is destroyed (no close frame) → first `live` again, and the first
//              call rung after that is noticed. One drop per engine (20 engines, dropped one at a
//              time): each drop is the first after a healthy period, so the product's real backoff
//              (first retry at once + 0–250 ms jitter) applies, not the growing one of a flapping link.
//   half-open  the socket stops answering and delivering, TCP stays up → the engine notices
//              (leaves `live`) → live again on a new socket. Detection is ping interval + pong
//              deadline, so it depends on where in the ping cycle the fault lands.
//   to-be-closed  WEBSOCKET_TO_BE_CLOSED → the replacement socket is live; calls ring every 5 ms
//              from before the notice until after the old socket closed, and each must ring once.
import type { GotoSession } from '../electron/engine/providers/goto/goto-session';
import type { ConnectionState } from '../shared/status';
import type { EngineOptions } from '../electron/engine/ringtray-engine';
import type { CallHandle } from '../electron/sandbox/goto/goto-sandbox';
import { noticeClock, startRig, type Rig } from './engine-rig';
import { sleep, until } from './stats';

/** Watches the engine's status with a high-resolution timestamp per change. */
function statusLog(rig: Rig): { changes: { state: ConnectionState; t: number }[]; stop(): void } {
  const changes: { state: ConnectionState; t: number }[] = [];
  const stop = rig.engine.onStatus((s) => changes.push({ state: s.state, t: performance.now() }));
  return { changes, stop };
}

export interface DropRun {
  /** Drop → engine live again, ms. */
  liveMs: number;
  /** Drop → the first call rung after live is noticed, ms. */
  noticedMs: number;
}

/** One drop (by default the sandbox destroys its sockets) → live again → the next call noticed. */
export async function dropOnce(rig: Rig, drop: () => void = () => rig.sandbox.faults.dropSockets()): Promise<DropRun> {
  const log = statusLog(rig);
  const clock = noticeClock(rig.engine);
  const t0 = performance.now();
  drop();
  const left = await until(() => log.changes.some((c) => c.state !== 'live'), 5_000);
  const back = left && (await until(() => log.changes.some((c, i) => c.state === 'live' && i > 0), 15_000, 0));
  const liveAt = log.changes.find((c, i) => c.state === 'live' && i > 0)?.t ?? Number.NaN;
  let noticedAt = Number.NaN;
  if (back) {
    const call = rig.sandbox.calls.ringInbound();
    await until(() => clock.at.has(`ringing:${call.id}`), 5_000, 0);
    noticedAt = clock.at.get(`ringing:${call.id}`) ?? Number.NaN;
    call.end();
  }
  log.stop();
  clock.stop();
  return { liveMs: liveAt - t0, noticedMs: noticedAt - t0 };
}

/** `count` engines with the product's timings, each dropped once, one after the other. */
export async function measureDrops(count: number): Promise<DropRun[]> {
  const rigs: Rig[] = [];
  try {
    for (let i = 0; i < count; i += 1) rigs.push(await startRig());
    const runs: DropRun[] = [];
    for (const rig of rigs) {
      runs.push(await dropOnce(rig));
      await sleep(50);
    }
    return runs;
  } finally {
    await Promise.all(rigs.map((r) => r.close()));
  }
}

export interface HalfOpenRun {
  /** Fault → the engine left `live` (dead socket detected), ms. */
  detectedMs: number;
  /** Fault → live again on a new socket, ms. */
  liveAgainMs: number;
}

/**
 * `count` engines in parallel; each gets the fault at a random point of its ping cycle, after
 * `settleMs`. `session` undefined = the product's 10 s ping + 4 s pong deadline.
 */
export async function measureHalfOpen(count: number, session?: EngineOptions['session'], cycleMs = 10_000): Promise<HalfOpenRun[]> {
  const rigs: Rig[] = [];
  try {
    for (let i = 0; i < count; i += 1) rigs.push(await startRig({ session }));
    return await Promise.all(
      rigs.map(async (rig) => {
        await sleep(Math.random() * cycleMs);
        const log = statusLog(rig);
        const t0 = performance.now();
        rig.sandbox.faults.halfOpen(true);
        const deadline = cycleMs * 2 + 10_000;
        await until(() => log.changes.some((c) => c.state !== 'live'), deadline, 5);
        await until(() => log.changes.some((c, i) => c.state === 'live' && i > 0), 15_000, 1);
        log.stop();
        const detected = log.changes.find((c) => c.state !== 'live')?.t ?? Number.NaN;
        const live = log.changes.find((c, i) => c.state === 'live' && i > 0)?.t ?? Number.NaN;
        return { detectedMs: detected - t0, liveAgainMs: live - t0 };
      }),
    );
  } finally {
    await Promise.all(rigs.map((r) => r.close()));
  }
}

export interface ToBeClosedRun {
  /** WEBSOCKET_TO_BE_CLOSED → the replacement socket is live, ms. */
  replacedMs: number;
  calls: number;
  /** Calls rung during the window that never got a `ringing` notice (must be 0). */
  missed: number;
  /** Extra `ringing` notices (duplicates across the overlap; must be 0). */
  duplicates: number;
}

export async function measureToBeClosed(runs: number, graceMs: number): Promise<ToBeClosedRun[]> {
  const rig = await startRig();
  try {
    const out: ToBeClosedRun[] = [];
    for (let r = 0; r < runs; r += 1) out.push(await toBeClosedOnce(rig, graceMs));
    return out;
  } finally {
    await rig.close();
  }
}

async function toBeClosedOnce(rig: Rig, graceMs: number): Promise<ToBeClosedRun> {
  const { engine, sandbox } = rig;
  const session = engine.currentSession<GotoSession>();
  if (!session) throw new Error('no session');
  const clock = noticeClock(engine);
  const rung: CallHandle[] = [];
  let ringing = true;
  const ringer = setInterval(() => {
    if (ringing) rung.push(sandbox.calls.ringInbound());
  }, 5);
  let replacedAt = Number.NaN;
  const startGen = session.connection.generation;
  const off = session.connection.on('live', (generation) => {
    if (generation !== startGen && Number.isNaN(replacedAt)) replacedAt = performance.now();
  });
  await sleep(300);
  const t0 = performance.now();
  sandbox.faults.toBeClosed(undefined, { graceMs });
  await until(() => !Number.isNaN(replacedAt), 15_000);
  // Keep ringing until the old socket has been closed by the server, and a little after.
  await sleep(Math.max(0, t0 + graceMs + 300 - performance.now()));
  ringing = false;
  clearInterval(ringer);
  await until(() => rung.every((c) => clock.at.has(`ringing:${c.id}`)), 3_000);
  off();
  clock.stop();
  let missed = 0;
  let duplicates = 0;
  for (const c of rung) {
    const n = clock.counts.get(`ringing:${c.id}`) ?? 0;
    if (n === 0) missed += 1;
    if (n > 1) duplicates += n - 1;
  }
  // Not measured: end the calls so the next run starts with an empty tracker.
  for (const c of rung) c.end();
  await sleep(200);
  return { replacedMs: replacedAt - t0, calls: rung.length, missed, duplicates };
}
