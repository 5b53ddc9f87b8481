// The pong deadline over a real TCP connection on 127.0.0.1 (docs/reliability.md#liveness): a
// process that was busy when its deadline came due must not call a live socket dead because the
// pong waited unread behind the timer, while a peer that never answers is still found dead.
import { once } from 'node:events';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DeathCause, LivenessMonitor } from '../../electron/engine/transport/liveness';
import { TimerSet } from '../../electron/engine/transport/timer-set';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A client socket to a local peer that echoes each ping (or stays silent). */
async function peer(answers: boolean): Promise<Socket> {
  const server: Server = createServer((s) => s.on('data', (d) => answers && s.write(d)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  cleanups.push(() => {
    client.destroy();
    server.close();
  });
  return client;
}

/** Keeps the process from running anything else for `ms` (a loaded machine, a long GC). */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

function monitor(client: Socket, options: { pongTimeoutMs: number; suspendToleranceMs: number; afterPing?: () => void }) {
  const timers = new TimerSet();
  const seen = { pings: 0, pongs: 0, death: null as DeathCause | null };
  let resolveDeath: (cause: DeathCause) => void = () => undefined;
  const died = new Promise<DeathCause>((resolve) => (resolveDeath = resolve));
  const m = new LivenessMonitor(timers, { pingIntervalMs: 20, ...options }, Date.now, {
    ping: () => {
      seen.pings += 1;
      client.write('p');
      if (options.afterPing) setImmediate(options.afterPing);
      return true;
    },
    dead: (cause) => {
      seen.death = cause;
      resolveDeath(cause);
    },
  });
  client.on('data', () => {
    seen.pongs += 1;
    m.pong();
  });
  cleanups.push(() => m.stop());
  m.start();
  return { seen, died, stop: () => m.stop(), timers };
}

const until = async (cond: () => boolean): Promise<void> => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

describe('LivenessMonitor pong deadline', () => {
  it('a pong that waited unread while the process was busy past the deadline keeps the socket alive', async () => {
    const client = await peer(true);
    // Right after each of the first three pings the process is busy for three deadlines: every
    // deadline fires late, with the pong (or the ping, the peer being in this process) unread.
    let stalls = 0;
    const m = monitor(client, { pongTimeoutMs: 50, suspendToleranceMs: 5_000, afterPing: () => stalls++ < 3 && busy(150) });
    await until(() => m.seen.pongs >= 3 || m.seen.death !== null);
    expect(m.seen.death).toBeNull();
    expect(stalls).toBeGreaterThanOrEqual(3);
    m.stop();
    expect(m.timers.size).toBe(0);
  });

  it('a peer that never answers is still found dead by the pong deadline', async () => {
    const client = await peer(false);
    const started = Date.now();
    const m = monitor(client, { pongTimeoutMs: 50, suspendToleranceMs: 5_000 });
    expect(await m.died).toBe('pong-timeout');
    expect(m.seen.pings).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 50);
    expect(m.timers.size).toBe(0);
  });

  it('a deadline later than the suspend tolerance is a suspension, not a pong to wait for', async () => {
    const client = await peer(false);
    const m = monitor(client, { pongTimeoutMs: 50, suspendToleranceMs: 100, afterPing: () => busy(300) });
    expect(await m.died).toBe('suspended');
    expect(m.timers.size).toBe(0);
  });
});
