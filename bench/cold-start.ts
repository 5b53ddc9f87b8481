// Figure 4: cold start with a stored session. A first engine signs in through the real OAuth
// loopback and stores its refresh token; then a NEW engine is built with a memory secret store
// holding only that token and a RememberedUser naming its owner — what the app has after a
// restart. Timed from the constructor to `live`. Every HTTP request the new engine makes is
// timed (node:http's diagnostics channels), so the chain of sequential round trips is derived
// from the requests themselves: a request depends on the ones that had finished when it started.
// The WebSocket upgrade is left out of the timing: it sits between the channel POST and the
// subscriptions (the session subscribes once the socket is open), and is counted as one round trip.
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { refreshTokenAccount } from '../electron/engine/secrets/secret-store';
import { createMemorySecretStore } from '../electron/engine/secrets/memory-secret-store';
import type { LogRecord } from '../electron/engine/log/logger';
import { createEngine, isLive, startRig } from './engine-rig';
import { until } from './stats';

export interface ColdStartRun {
  toLiveMs: number;
  /** Sequential round trips on the path to live, the socket included. */
  roundTrips: number;
  /** e.g. `POST /oauth/token → GET /users/v1/me → … → socket → {PUT …, POST …}`. */
  chain: string;
  /** Requests per route the sandbox served while the new engine started. */
  requests: Record<string, number>;
}

interface Timed {
  label: string;
  start: number;
  end: number;
}

function labelOf(request: ClientRequest): string {
  // Ids in the path are not interesting here; the route is.
  const path = request.path.split('?')[0]!.replace(/\/[0-9a-f-]{16,}/gi, '/:id');
  return `${request.method} ${path}`;
}

export async function measureColdStart(): Promise<ColdStartRun> {
  const first = await startRig();
  const token = await first.store.get(refreshTokenAccount('goto', first.user));
  if (!token) throw new Error('sign-in stored no refresh token');
  const { sandbox, config, user } = first;
  // Stop the first engine's session (its channel is deleted) but keep the sandbox.
  await first.engine.stop();

  const before = sandbox.stats.requests;
  const timed: Timed[] = [];
  // Node publishes every node:http client request on these channels (the engine's REST client
  // is node:http); the socket's upgrade is left out here and inserted by chainOf.
  const pending = new Map<object, Timed>();
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('upgrade')) return;
    const entry: Timed = { label: labelOf(request), start: performance.now(), end: Number.NaN };
    pending.set(request, entry);
    timed.push(entry);
  };
  const onFinish = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const entry = pending.get(request);
    if (entry) entry.end = performance.now();
  };
  diagnostics.subscribe('http.client.request.start', onStart);
  diagnostics.subscribe('http.client.response.finish', onFinish);
  const problems: LogRecord[] = [];
  let engine: ReturnType<typeof createEngine> | null = null;
  try {
    const t0 = performance.now();
    engine = createEngine(config, createMemorySecretStore({ [refreshTokenAccount('goto', user)]: token }), problems, {
      rememberedUser: { get: () => user, set: () => undefined },
    });
    let liveAt = Number.NaN;
    const e = engine;
    e.onStatus((s) => {
      if (s.state === 'live' && Number.isNaN(liveAt)) liveAt = performance.now();
    });
    await e.start();
    await until(() => isLive(e), 10_000, 0);
    if (Number.isNaN(liveAt) && isLive(e)) liveAt = performance.now();
    const onPath = timed.filter((r) => r.start <= liveAt);
    const after = sandbox.stats.requests;
    const requests: Record<string, number> = {};
    for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) requests[k] = v - (before[k] ?? 0);
    const { depth, chain } = chainOf(onPath);
    return { toLiveMs: liveAt - t0, roundTrips: depth, chain, requests };
  } finally {
    diagnostics.unsubscribe('http.client.request.start', onStart);
    diagnostics.unsubscribe('http.client.response.finish', onFinish);
    await engine?.stop();
    await sandbox.close();
  }
}

/**
 * Longest chain of requests where each started after the previous one finished. The socket is
 * inserted after the channel POST: the subscriptions wait for it.
 */
function chainOf(requests: Timed[]): { depth: number; chain: string } {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  const depth = new Map<Timed, number>();
  for (const r of sorted) {
    let d = 0;
    for (const p of sorted) if (p !== r && p.end <= r.start) d = Math.max(d, depth.get(p) ?? 0);
    depth.set(r, d + 1);
  }
  const levels = new Map<number, string[]>();
  for (const r of sorted) {
    const d = depth.get(r) ?? 0;
    levels.set(d, [...(levels.get(d) ?? []), r.label]);
  }
  const steps: string[] = [];
  let socketAdded = false;
  for (const d of [...levels.keys()].sort((a, b) => a - b)) {
    const labels = levels.get(d) ?? [];
    const isSubscribe = labels.some((l) => l.includes('/subscriptions'));
    if (isSubscribe && !socketAdded) {
      steps.push('socket');
      socketAdded = true;
    }
    steps.push(labels.length > 1 ? `{${labels.join(' ‖ ')}}` : (labels[0] ?? ''));
  }
  return { depth: steps.length, chain: steps.join(' → ') };
}
