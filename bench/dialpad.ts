// Dialpad's figures: the Dialpad session + call tracker against the Dialpad sandbox on 127.0.0.1
// (the same wiring as its tests, test/providers/dialpad/dialpad-rig.ts).
//   latency    ring → ringing notice, one call every 20 ms (events verified as HS256 JWTs)
//   renewal    URLs that live 2 s, renewed at half their life, calls ringing every 20 ms across
//              the renewals: calls without exactly one ringing, calls without a terminal notice
//   drop       sockets cut → live again (product backoff: first retry at once)
//   half-open  silent socket → live again, at the product's own timings (ping every 10 s, pong
//              deadline 4 s) and at the SHORT test timings (150 ms ping, 150 ms deadline)
//   cold start fresh (websocket + subscription made) and warm (ids reused) start → live
import { createRig, FAST_CONNECTION, type Rig } from '../test/providers/dialpad/dialpad-rig';
import { sleep, until } from './stats';

export interface DialpadBench {
  latencyMs: number[];
  renewal: { calls: number; renewals: number; withoutOneRinging: number; withoutTerminal: number; gaps: number };
  dropToLiveMs: number[];
  halfOpenToLiveMs: number[];
  halfOpenRealToLiveMs: number[];
  coldStartMs: number[];
  warmStartMs: number[];
}

export interface DialpadBenchPlan {
  latencyCalls: number;
  renewalMs: number;
  drops: number;
  halfOpens: number;
  /** Half-opens at the product's own timings (up to ~15 s each; run alongside the rest). */
  halfOpensReal: number;
  starts: number;
}

async function timeToLive(rig: Rig, fault: () => void, timeoutMs = 15_000): Promise<number> {
  const t0 = performance.now();
  let left = false;
  const off = rig.session.on('state', (s) => {
    if (s.state !== 'live') left = true;
  });
  fault();
  await until(() => left, timeoutMs);
  await until(() => left && rig.session.connectionState().state === 'live', timeoutMs);
  off();
  return performance.now() - t0;
}

export async function measureDialpad(plan: DialpadBenchPlan): Promise<DialpadBench> {
  // The product's own ping interval and pong deadline (no connection overrides): slow, so these
  // run one after another alongside the other measures.
  const real = (async () => {
    const times: number[] = [];
    for (let i = 0; i < plan.halfOpensReal; i += 1) {
      const rig = await createRig({ session: { connection: {} } });
      try {
        rig.session.start();
        await rig.live();
        times.push(await timeToLive(rig, () => rig.sandbox.faults.halfOpen(), 30_000));
      } finally {
        await rig.close();
      }
    }
    return times;
  })();
  real.catch(() => undefined); // awaited at the end; this only keeps an early rejection from being unhandled
  const out: DialpadBench = { latencyMs: [], renewal: { calls: 0, renewals: 0, withoutOneRinging: 0, withoutTerminal: 0, gaps: 0 }, dropToLiveMs: [], halfOpenToLiveMs: [], halfOpenRealToLiveMs: [], coldStartMs: [], warmStartMs: [] };

  for (let i = 0; i < plan.starts; i += 1) {
    const rig = await createRig({ session: { connection: { ...FAST_CONNECTION, pingIntervalMs: 10_000, pongTimeoutMs: 5_000 } } });
    try {
      let t0 = performance.now();
      rig.session.start();
      await rig.live();
      out.coldStartMs.push(performance.now() - t0);
      await rig.session.stop();
      t0 = performance.now();
      await rig.restart();
      out.warmStartMs.push(performance.now() - t0);
    } finally {
      await rig.close();
    }
  }

  const rig = await createRig({ sandbox: { urlLifetimeSeconds: 2 }, session: { connection: { ...FAST_CONNECTION, backoff: {} } } });
  try {
    const ringingAt = new Map<string, number>();
    rig.tracker.subscribe((n) => {
      if (n.type === 'ringing') ringingAt.set(n.callId, performance.now());
    });
    rig.session.start();
    await rig.live();
    // Latency, and the renewals it spans.
    const rungAt = new Map<string, number>();
    const until_ = performance.now() + Math.max(plan.renewalMs, plan.latencyCalls * 20);
    const gapsBefore = rig.session.stats().backfills;
    while (performance.now() < until_) {
      const id = rig.sandbox.calls.ring();
      rungAt.set(id, performance.now());
      await sleep(10);
      rig.sandbox.calls.end(id, 'missed');
      await sleep(10);
    }
    await until(() => [...rungAt.keys()].every((id) => rig.count('missed', id) >= 1), 10_000);
    for (const [id, t] of rungAt) {
      const at = ringingAt.get(id);
      if (at !== undefined) out.latencyMs.push(at - t);
    }
    const ids = [...rungAt.keys()];
    out.renewal = {
      calls: ids.length,
      renewals: rig.session.stats().renewals,
      withoutOneRinging: ids.filter((id) => rig.count('ringing', id) !== 1).length,
      withoutTerminal: ids.filter((id) => rig.count('missed', id) + rig.count('ended', id) !== 1).length,
      gaps: rig.session.stats().backfills - gapsBefore,
    };
  } finally {
    await rig.close();
  }

  // One fault per session, each the first after a healthy period (as in the GoTo figures): the
  // product's real backoff applies, not the growing one of a link that flaps every 100 ms.
  const once = async (fault: (rig: Rig) => void): Promise<number> => {
    const rig = await createRig({ session: { connection: { ...FAST_CONNECTION, backoff: {} } } });
    try {
      rig.session.start();
      await rig.live();
      return await timeToLive(rig, () => fault(rig));
    } finally {
      await rig.close();
    }
  };
  for (let i = 0; i < plan.drops; i += 1) out.dropToLiveMs.push(await once((rig) => rig.sandbox.faults.drop()));
  for (let i = 0; i < plan.halfOpens; i += 1) out.halfOpenToLiveMs.push(await once((rig) => rig.sandbox.faults.halfOpen()));
  out.halfOpenRealToLiveMs = await real;
  return out;
}
