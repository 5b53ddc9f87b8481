import { describe, expect, it, type TestContext } from 'vitest';
import type { WebSocket } from 'ws';
import { HttpError } from '../../electron/engine/http/http-errors';
import {
  type CloseInfo,
  ConnectionManager,
  type ConnectionManagerOptions,
  type DialAttempt,
  type FailureInfo,
  type StateChange,
} from '../../electron/engine/transport/connection-manager';
import { UpgradeRejectedError } from '../../electron/engine/transport/transport-errors';
import { activeHandles, sleep, startTestServer, type TestServer, type UpgradeDecision, until } from './ws-test-server';

// Each test closes what it opened when it finishes (its own onTestFinished, not a shared list), so
// the tests that mostly wait on timers can run side by side: each has its own server on port 0.
type Test = Pick<TestContext, 'onTestFinished'>;

async function server(t: Test, options?: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(options);
  t.onTestFinished(() => s.close());
  return s;
}

/** A manager stopped when the test finishes. */
function managed(t: Test, options: ConnectionManagerOptions): ConnectionManager {
  const m = new ConnectionManager(options);
  t.onTestFinished(() => m.stop());
  return m;
}

/** A manager with fast test intervals, recording everything it emits. */
function manager(t: Test, url: string | (() => string), options: Partial<ConnectionManagerOptions> = {}) {
  const dials: DialAttempt[] = [];
  const m = managed(t, {
    dial: async (attempt) => {
      dials.push(attempt);
      return { url: typeof url === 'string' ? url : url() };
    },
    backoff: { baseMs: 20, capMs: 200 },
    ...options,
  });
  const log = {
    dials,
    states: [] as StateChange[],
    messages: [] as { text: string; generation: number }[],
    closes: [] as CloseInfo[],
    failures: [] as FailureInfo[],
    gaps: [] as { since: Date; generation: number }[],
    lives: [] as number[],
  };
  m.on('state', (s) => log.states.push(s));
  m.on('message', (text, generation) => log.messages.push({ text, generation }));
  m.on('close', (c) => log.closes.push(c));
  m.on('failure', (f) => log.failures.push(f));
  m.on('gap', (g) => log.gaps.push(g));
  m.on('live', (g) => log.lives.push(g));
  return { m, log };
}

async function expectNothingLeft(m: ConnectionManager, srv: TestServer, baseline: { timeouts: number; sockets: number }) {
  expect(m.debugResources()).toMatchObject({ sockets: 0, timers: 0, attempting: false });
  expect(m.state).toBe('stopped');
  await until(() => m.debugResources().closing === 0 && srv.open === 0, 3_000, 'sockets to close');
  await until(() => activeHandles().sockets <= baseline.sockets, 3_000, 'TCP handles to close');
  await until(() => activeHandles().timeouts <= baseline.timeouts, 3_000, 'timers to be cleared');
}

// Alone, before the others start: these count the whole process's sockets, timers or heap, or
// hold a socket to a 100 ms pong deadline that a busier event loop could miss.
describe('ConnectionManager, one test at a time', () => {
  it('survives a server bouncing every 150 ms: one connection at a time, flat memory', async (t) => {
    const srv = await server(t);
    const { m, log } = manager(t, srv.url, { shortLivedMs: 100, pingIntervalMs: 50, pongTimeoutMs: 200 });
    let clientMax = 0;
    const offState = m.on('state', () => (clientMax = Math.max(clientMax, m.debugResources().sockets)));
    m.start();
    await until(() => m.state === 'live');
    // Warm up, then measure the heap over the bouncing period.
    // Bounces for at least `ms` and until `reconnects` more sockets went live: on a busy machine
    // reconnecting takes longer, which must make the test slower, not red. A leak grows with the
    // reconnects, so their count (at least 10) is the measure, not the seconds spent bouncing.
    const bounce = async (ms: number, reconnects = 0) => {
      const end = Date.now() + ms;
      const target = log.lives.length + reconnects;
      while (Date.now() < end || (log.lives.length < target && Date.now() < end + 15_000)) {
        await sleep(150);
        srv.terminateAll();
        clientMax = Math.max(clientMax, m.debugResources().sockets);
      }
    };
    await bounce(300);
    const heapBefore = process.memoryUsage().heapUsed;
    const livesBefore = log.lives.length;
    const bounceStart = performance.now();
    await bounce(1_500, 10);
    await until(() => m.state === 'live');
    const heapAfter = process.memoryUsage().heapUsed;
    const cycles = log.lives.length - livesBefore;
    console.log(
      `[transport] bouncing: ${cycles} reconnects in ${((performance.now() - bounceStart) / 1000).toFixed(1)} s, server max concurrent ${srv.maxOpen}, heap ${(heapBefore / 1e6).toFixed(1)} → ${(heapAfter / 1e6).toFixed(1)} MB, timers now ${m.debugResources().timers}`,
    );
    offState();
    expect(cycles).toBeGreaterThanOrEqual(10);
    expect(srv.maxOpen).toBe(1);
    expect(clientMax).toBeLessThanOrEqual(1);
    expect(m.debugResources().timers).toBeLessThanOrEqual(2);
    expect(heapAfter - heapBefore).toBeLessThan(30e6);
  });

  it('connects, delivers text frames with their generation, and stops clean', async (t) => {
    const srv = await server(t);
    const baseline = activeHandles();
    const { m, log } = manager(t, srv.url);
    const conn = srv.nextConnection();
    m.start();
    m.start(); // idempotent
    (await conn).send('hello');
    await until(() => log.messages.length === 1);
    expect(log.messages[0]).toEqual({ text: 'hello', generation: 1 });
    expect(m.state).toBe('live');
    expect(log.states.map((s) => s.state)).toEqual(['connecting', 'live']);
    expect(log.dials).toHaveLength(1);
    m.stop();
    m.stop(); // idempotent
    await expectNothingLeft(m, srv, baseline);
  });

  it('keeps a socket that answers pings', async (t) => {
    const srv = await server(t);
    const { m, log } = manager(t, srv.url, { pingIntervalMs: 30, pongTimeoutMs: 100 });
    m.start();
    await until(() => m.state === 'live');
    await sleep(400);
    expect(log.closes).toHaveLength(0);
    expect(log.lives).toEqual([1]);
  });

  it('stop() during every phase leaves 0 sockets and 0 timers', async (t) => {
    const phases: Record<string, (srv: TestServer) => Promise<{ m: ConnectionManager; release?: () => void }>> = {
      dialing: async (srv) => {
        let release = (): void => undefined;
        const gate = new Promise<void>((r) => (release = r));
        const m = managed(t, { dial: async () => (await gate, { url: srv.url }) });
        m.start();
        await sleep(10);
        return { m, release };
      },
      connecting: async (srv) => {
        const { m } = manager(t, srv.url);
        m.start();
        await until(() => srv.upgrades === 1);
        return { m };
      },
      'awaiting afterOpen': async (srv) => {
        const { m } = manager(t, srv.url, { afterOpen: () => new Promise(() => undefined) });
        m.start();
        await until(() => srv.open === 1);
        return { m };
      },
      open: async (srv) => {
        const { m } = manager(t, srv.url, { pingIntervalMs: 50 });
        m.start();
        await until(() => m.state === 'live');
        return { m };
      },
      'backoff wait': async (srv) => {
        const m = managed(t, { dial: async () => Promise.reject(new Error('down')), backoff: { firstRetryJitterMs: 0, baseMs: 60_000 } });
        m.start();
        await until(() => m.debugResources().timers === 1 && !m.debugResources().attempting);
        void srv;
        return { m };
      },
      'replace in progress': async (srv) => {
        const { m } = manager(t, srv.url, { afterOpen: (g) => (g === 1 ? Promise.resolve() : new Promise(() => undefined)) });
        m.start();
        await until(() => m.state === 'live');
        m.replace();
        await until(() => srv.open === 2);
        return { m };
      },
    };
    for (const [phase, setUp] of Object.entries(phases)) {
      const srv = await startTestServer({ decide: phase === 'connecting' ? () => ({ action: 'hold' }) : undefined });
      const baseline = activeHandles();
      const { m, release } = await setUp(srv);
      m.stop();
      release?.();
      await sleep(20);
      try {
        await expectNothingLeft(m, srv, baseline);
      } catch (error) {
        throw new Error(`phase "${phase}": ${(error as Error).message}`, { cause: error });
      } finally {
        await srv.close();
      }
      expect(m.debugResources()).toEqual({ sockets: 0, closing: 0, timers: 0, attempting: false });
    }
  });
});

describe.concurrent('ConnectionManager under timed faults', () => {
  it('drops 60–200 ms apart (a flapping network, scaled): every loss of a live socket retries at once, the failure count never grows', async (t) => {
    const srv = await server(t);
    // The product's backoff and short-lived threshold scaled down together with the drop spacing
    // (product: first retry 0–250 ms, then 1 s, 2 s …, short-lived 1 s, drops 2–10 s apart; here
    // 0–100 ms, then 400 ms, 800 ms …, 20 ms, drops 60–200 ms apart). The old defect (the failure
    // count reset only after a long uptime) makes the second drop wait 200–600 ms with a count of 1.
    const { m, log } = manager(t, srv.url, { backoff: { firstRetryJitterMs: 100, baseMs: 400, capMs: 12_000 }, shortLivedMs: 20 });
    m.start();
    await until(() => m.state === 'live');
    const drops = 10;
    for (let i = 0; i < drops; i++) {
      const lives = log.lives.length;
      srv.terminateAll();
      await until(() => log.lives.length === lives + 1, 5_000, `live after drop ${i + 1}`);
      await sleep(60 + Math.random() * 140);
    }
    const lost = log.failures.filter((f) => f.error instanceof Error && f.error.name === 'SocketClosedError');
    console.log(`[transport] ${drops} drops 60–200 ms apart: retry delays ${lost.map((f) => f.delayMs).join(', ')} ms`);
    expect(lost).toHaveLength(drops);
    for (const f of lost) {
      expect(f.delayMs).toBeLessThan(100);
      expect(f.failures).toBe(0);
    }
    expect(log.dials.map((d) => d.attempt)).toEqual(Array.from({ length: drops + 1 }, () => 1));
    expect(log.gaps).toHaveLength(drops);
    expect(srv.maxOpen).toBe(1);
  });

  it('a server that accepts and drops every connection: a budget of short-lived sockets, then backoff; bounded attempts', async (t) => {
    let dropping = true;
    const srv = await server(t);
    const { m, log } = manager(t, srv.url, { backoff: { firstRetryJitterMs: 5, baseMs: 100, capMs: 400 }, shortLivedMs: 100, shortLivedBudget: 5 });
    const offConn = (() => {
      const onConn = async (): Promise<void> => {
        while (dropping) {
          const ws = await srv.nextConnection();
          if (dropping) setTimeout(() => ws.terminate(), 5);
        }
      };
      void onConn();
      return () => (dropping = false);
    })();
    m.start();
    // 1.5 s: the budget is spent within the first ~100 ms and the backoff reaches its 400 ms cap
    // after ~700 ms, so the window sees both; with the budget about 10 connections are made.
    await sleep(1_500);
    const accepted = srv.upgrades;
    const delays = log.failures.map((f) => f.delayMs);
    console.log(`[transport] accept-and-drop for 1.5 s: ${accepted} connections, delays ${delays.join(', ')} ms`);
    // Without the budget every drop is retried within 5 ms: dozens of connections in 1.5 s (one every ~20 ms).
    expect(accepted).toBeLessThanOrEqual(20);
    expect(accepted).toBeGreaterThanOrEqual(7);
    expect(m.stats().throttled).toBe(true);
    // The first five short-lived losses still retry at once.
    expect(delays.slice(0, 5).every((d) => d < 5)).toBe(true);
    expect(Math.max(...delays)).toBeLessThanOrEqual(400);
    expect(m.debugResources().timers).toBeLessThanOrEqual(2);
    offConn();
    const lives = log.lives.length;
    await until(() => log.lives.length > lives && m.state === 'live', 5_000, 'live once the server stops dropping');
    expect(srv.maxOpen).toBe(1);
  });

  it('honours Retry-After on a 503 upgrade, ×3, then connects', async (t) => {
    const srv = await server(t, {
      decide: (i): UpgradeDecision =>
        i < 3 ? { action: 'reject', status: 503, headers: i === 0 ? { 'Retry-After': '1' } : {} } : { action: 'accept' },
    });
    const { m, log } = manager(t, srv.url);
    const t0 = performance.now();
    m.start();
    await until(() => m.state === 'live', 5_000, 'live after 503s');
    const elapsed = performance.now() - t0;
    console.log(`[transport] 3 × 503 then live after ${elapsed.toFixed(0)} ms (first Retry-After: 1 s)`);
    expect(log.failures).toHaveLength(3);
    for (const f of log.failures) {
      expect(f.error).toBeInstanceOf(UpgradeRejectedError);
      expect(f.errorClass).toBe('transient');
    }
    expect((log.failures[0]?.error as UpgradeRejectedError).retryAfterSeconds).toBe(1);
    expect(log.failures[0]?.delayMs).toBeGreaterThanOrEqual(1_000);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(log.states.map((s) => s.state)).toEqual(['connecting', 'reconnecting', 'live']);
    expect(log.dials.map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
  });

  it('stop() called from inside any listener leaves 0 sockets and 0 timers', async (t) => {
    const srv = await server(t, { decide: (i) => (i % 2 === 0 ? { action: 'reject', status: 503 } : { action: 'accept' }) });
    for (const event of ['state', 'open', 'live', 'failure', 'close'] as const) {
      const { m } = manager(t, srv.url);
      let fired = false;
      m.on(event, () => {
        fired = true;
        m.stop();
      });
      m.start();
      if (event === 'close') {
        await until(() => m.state === 'live' || fired);
        srv.terminateAll();
      }
      await until(() => fired, 3_000, `a ${event} event`);
      await sleep(30);
      expect(m.state, event).toBe('stopped');
      expect(m.debugResources(), event).toMatchObject({ sockets: 0, timers: 0, attempting: false });
    }
  });

  it('3 × 429 with Retry-After while replacing: each wait is the Retry-After, and the old socket closing on schedule is no failure', async (t) => {
    const srv = await server(t);
    let creates = 0;
    const dialAt: number[] = [];
    const m = managed(t, {
      // The product's backoff: the growth (1 s, 2 s …) must not stretch or stack on the 200 ms.
      dial: async ({ replacing }) => {
        dialAt.push(performance.now());
        if (replacing || dialAt.length > 1) {
          creates += 1;
          if (creates <= 3) throw new HttpError('status', 'POST /channels answered 429', { method: 'POST', path: '/channels', status: 429, retryAfterSeconds: 0.2 });
        }
        return { url: srv.url };
      },
    });
    const failures: FailureInfo[] = [];
    const lives: number[] = [];
    const closes: CloseInfo[] = [];
    m.on('failure', (f) => failures.push(f));
    m.on('live', (g) => lives.push(g));
    m.on('close', (c) => closes.push(c));
    const first = srv.nextConnection();
    m.start();
    const oldWs = await first;
    await until(() => m.state === 'live');
    const t0 = performance.now();
    m.replace('to-be-closed');
    // The server closes the old socket on its own schedule, during the second Retry-After wait.
    await until(() => failures.length === 2);
    oldWs.close(1001, 'channel closed');
    await until(() => lives.length === 2, 5_000, 'the replacement live');
    const elapsed = performance.now() - t0;
    console.log(`[transport] replace with 3 × 429 (Retry-After 0.2 s): live after ${elapsed.toFixed(0)} ms; delays ${failures.map((f) => f.delayMs).join(', ')}`);
    expect(failures.map((f) => f.delayMs)).toEqual([200, 200, 200]);
    expect(closes.map((c) => c.cause)).toEqual(['server']);
    expect(creates).toBe(4);
    // Each retry came after its Retry-After, not later by a growing delay (generous bound: slow machines).
    for (let i = 2; i < dialAt.length; i++) expect((dialAt[i] as number) - (dialAt[i - 1] as number)).toBeGreaterThanOrEqual(190);
    expect(m.stats().failures).toBe(0);
  });

  it('reconnects at once after the server terminates the socket, and reports the gap', async (t) => {
    const srv = await server(t);
    // Production backoff (first retry within 0–250 ms); drops 60 ms apart would count against the
    // short-lived budget at the product's 1 s, so the threshold is scaled down with them.
    const { m, log } = manager(t, srv.url, { backoff: {}, shortLivedMs: 20 });
    const first = srv.nextConnection();
    m.start();
    await first;
    await until(() => m.state === 'live');
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const next = srv.nextConnection();
      const t0 = performance.now();
      const before = log.lives.length;
      srv.terminateAll();
      (await next).send(`after-${i}`);
      await until(() => log.lives.length === before + 1 && log.messages.some((x) => x.text === `after-${i}`));
      times.push(performance.now() - t0);
      await sleep(60);
    }
    times.sort((a, b) => a - b);
    console.log(`[transport] time to reconnect after server terminate, ms: ${times.map((t) => t.toFixed(1)).join(', ')} (median ${times[2]?.toFixed(1)})`);
    expect(times[4]).toBeLessThan(5_000);
    expect(log.gaps.length).toBe(5);
    expect(log.gaps[0]?.since).toBeInstanceOf(Date);
    expect(log.closes.every((c) => c.cause === 'server')).toBe(true);
    expect(srv.maxOpen).toBe(1);
  });

  it('finds a half-open socket (no pongs) within ping interval + deadline and reconnects', async (t) => {
    const srv = await server(t, { autoPong: false });
    const { m, log } = manager(t, srv.url, { pingIntervalMs: 200, pongTimeoutMs: 100 });
    m.start();
    await until(() => m.state === 'live');
    const t0 = performance.now();
    await until(() => log.closes.length === 1, 3_000, 'half-open detection');
    const detectedMs = performance.now() - t0;
    console.log(`[transport] half-open detected after ${detectedMs.toFixed(0)} ms (ping 200 ms + deadline 100 ms)`);
    expect(log.closes[0]?.cause).toBe('pong-timeout');
    expect(detectedMs).toBeLessThan(2_000);
    await until(() => log.lives.length === 2, 3_000, 'reconnect');
    expect(log.gaps).toHaveLength(1);
    expect(srv.upgrades).toBe(2);
  });

  it('times out an upgrade that is never answered and retries', async (t) => {
    const srv = await server(t, { decide: (i) => (i === 0 ? { action: 'hold' } : { action: 'accept' }) });
    const { m, log } = manager(t, srv.url, { connectTimeoutMs: 200 });
    m.start();
    await until(() => m.state === 'live');
    expect(log.failures[0]?.error).toMatchObject({ name: 'ConnectTimeoutError', phase: 'connect' });
  });
});

describe.concurrent('ConnectionManager', () => {
  it('treats a timer firing far too late as a suspended machine and reconnects', async (t) => {
    const srv = await server(t);
    let skew = 0;
    const { m, log } = manager(t, srv.url, { pingIntervalMs: 50, pongTimeoutMs: 500, now: () => Date.now() + skew });
    m.start();
    await until(() => m.state === 'live');
    skew = 60_000; // the wall clock jumped: the next ping tick is a minute late
    await until(() => log.lives.length === 2, 3_000, 'reconnect after suspend');
    expect(log.closes[0]?.cause).toBe('suspended');
    expect(log.gaps).toHaveLength(1);
  });

  it('honours Retry-After from a dial HttpError, and online() retries at once', async (t) => {
    const srv = await server(t);
    let calls = 0;
    const m2 = managed(t, {
      dial: async () => {
        calls += 1;
        if (calls === 1) throw new HttpError('status', 'POST /channels answered 429', { method: 'POST', path: '/channels', status: 429, retryAfterSeconds: 120 });
        return { url: srv.url };
      },
    });
    const failures: FailureInfo[] = [];
    m2.on('failure', (f) => failures.push(f));
    m2.start();
    await until(() => failures.length === 1);
    expect(failures[0]?.delayMs).toBeGreaterThanOrEqual(120_000);
    expect(m2.debugResources().timers).toBe(1);
    m2.online();
    await until(() => m2.state === 'live');
    expect(calls).toBe(2);
  });

  it('closes with 1009 on an oversized frame, treats it as transient and reconnects', async (t) => {
    const srv = await server(t);
    const { m, log } = manager(t, srv.url, { maxPayload: 1024 });
    const first = srv.nextConnection();
    m.start();
    const big = await first;
    await until(() => m.state === 'live');
    const second = srv.nextConnection();
    const serverSaw = new Promise<number>((r) => big.once('close', (code) => r(code)));
    big.send('x'.repeat(4096));
    expect(await serverSaw).toBe(1009);
    (await second).send('small');
    await until(() => log.messages.some((x) => x.text === 'small' && x.generation === 2));
    expect(log.closes[0]?.code).toBe(1009);
    expect(log.closes[0]?.cause).toMatch(/Max payload/i);
    expect(log.failures[0]?.errorClass).toBe('transient');
    expect(log.messages.some((x) => x.generation === 1)).toBe(false);
  });

  it('counts and drops binary frames unless the provider opts in', async (t) => {
    const srv = await server(t);
    const { m, log } = manager(t, srv.url);
    const conn = srv.nextConnection();
    m.start();
    const ws = await conn;
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send('text');
    await until(() => log.messages.length === 1);
    expect(m.stats().binaryFramesDropped).toBe(1);

    const { m: m2, log: log2 } = manager(t, srv.url, { acceptBinary: true });
    const conn2 = srv.nextConnection();
    m2.start();
    (await conn2).send(Buffer.from('bin', 'utf8'), { binary: true });
    await until(() => log2.messages.length === 1);
    expect(log2.messages[0]?.text).toBe('bin');
  });

  it('auth: refreshes once on a 401 upgrade then dials again; a second 401 after the refresh goes offline', async (t) => {
    let reject = 1;
    const srv = await server(t, { decide: () => (reject-- > 0 ? { action: 'reject', status: 401 } : { action: 'accept' }) });
    let refreshes = 0;
    const { m, log } = manager(t, srv.url, { onAuthError: async () => void refreshes++ });
    m.start();
    await until(() => m.state === 'live');
    expect(refreshes).toBe(1);
    expect(log.failures[0]?.errorClass).toBe('auth');

    const srv2 = await server(t, { decide: () => ({ action: 'reject', status: 401 }) });
    let refreshes2 = 0;
    const { m: m2, log: log2 } = manager(t, srv2.url, { onAuthError: async () => void refreshes2++ });
    m2.start();
    await until(() => m2.state === 'failed');
    expect(refreshes2).toBe(1);
    expect(srv2.upgrades).toBe(2);
    expect(m2.stateMessage).toMatch(/still unauthorized/);
    expect(log2.states.at(-1)?.message).toMatch(/401/);
    expect(m2.debugResources()).toMatchObject({ sockets: 0, timers: 0 });
  });

  it('channel-gone: a 404 from dial runs the provider hook, then dials again', async (t) => {
    const srv = await server(t);
    let calls = 0;
    const hooks: string[] = [];
    const m = managed(t, {
      dial: async () => {
        calls += 1;
        if (calls === 1) throw new HttpError('status', 'PUT answered 404', { method: 'PUT', path: '/channels/x/y', status: 404 });
        return { url: srv.url };
      },
      onChannelGone: async () => void hooks.push('new-channel'),
    });
    m.start();
    await until(() => m.state === 'live');
    expect(hooks).toEqual(['new-channel']);
  });

  it('fatal: a 403 from dial stops with a clear message, no retries, no timers', async (t) => {
    let calls = 0;
    const m = managed(t, {
      dial: async () => {
        calls += 1;
        throw new HttpError('status', 'POST /subscriptions answered 403', { method: 'POST', path: '/subscriptions', status: 403 });
      },
    });
    m.start();
    await until(() => m.state === 'failed');
    expect(m.stateMessage).toContain('403');
    await sleep(100);
    expect(calls).toBe(1);
    expect(m.debugResources()).toMatchObject({ sockets: 0, timers: 0 });
    m.start(); // a way out: start again
    await until(() => calls === 2);
  });

  it('a provider classification overrides the defaults', async (t) => {
    let calls = 0;
    const m = managed(t, {
      dial: async () => {
        calls += 1;
        throw new Error('account key missing');
      },
      classify: (e) => (e instanceof Error && e.message.includes('account key') ? 'fatal' : undefined),
    });
    m.start();
    await until(() => m.state === 'failed');
    expect(calls).toBe(1);
  });

  it('resume() and reconnectNow() build a new socket even while the old one says OPEN', async (t) => {
    const srv = await server(t);
    const { m, log } = manager(t, srv.url);
    m.start();
    await until(() => m.state === 'live');
    m.resume();
    await until(() => log.lives.length === 2);
    m.reconnectNow('user asked');
    await until(() => log.lives.length === 3);
    expect(log.closes.map((c) => c.cause)).toEqual(['resume', 'user asked']);
    expect(log.gaps).toHaveLength(2);
    expect(log.failures).toHaveLength(0);
    await until(() => srv.open === 1);
  });

  it('replace(): make before break — both generations during the overlap, the old one dropped after', async (t) => {
    const srv = await server(t);
    let releaseOverlap = (): void => undefined;
    const { m, log } = manager(t, srv.url, {
      afterOpen: (generation) => (generation === 1 ? Promise.resolve() : new Promise<void>((r) => (releaseOverlap = r))),
    });
    const c1 = srv.nextConnection();
    m.start();
    const old = await c1;
    await until(() => m.state === 'live');
    const c2 = srv.nextConnection();
    m.replace('WEBSOCKET_TO_BE_CLOSED');
    m.replace('again'); // single flight: ignored
    const fresh = await c2;
    expect(log.dials.map((d) => d.replacing)).toEqual([false, true]);
    expect(srv.open).toBe(2);
    old.send('overlap-old');
    fresh.send('overlap-new');
    await until(() => log.messages.length === 2);
    expect(new Set(log.messages.map((x) => x.generation))).toEqual(new Set([1, 2]));
    const oldClosed = new Promise<number>((r) => old.once('close', (code) => r(code)));
    m.on('live', () => old.send('late-old'));
    releaseOverlap();
    expect(await oldClosed).toBe(1000);
    fresh.send('after');
    await until(() => log.messages.some((x) => x.text === 'after'));
    expect(log.messages.map((x) => x.text)).not.toContain('late-old');
    expect(m.stats().staleFramesDropped).toBeGreaterThanOrEqual(1);
    expect(log.gaps).toHaveLength(0);
    expect(log.states.map((s) => s.state)).toEqual(['connecting', 'live']);
    expect(m.generation).toBe(2);
  });

  it('a throwing listener does not break the manager', async (t) => {
    const srv = await server(t);
    const { m, log } = manager(t, srv.url);
    m.on('message', () => {
      throw new Error('listener bug');
    });
    const conn = srv.nextConnection();
    m.start();
    const ws: WebSocket = await conn;
    ws.send('a');
    ws.send('b');
    await until(() => log.messages.length === 2);
    expect(m.state).toBe('live');
  });
});
