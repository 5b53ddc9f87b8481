// Only wss: — and ws: only to this machine (docs/security.md, "Socket URLs"). A real ws server
// listens on every interface; a channel URL naming this machine by a non-loopback address is
// refused as fatal (offline with a message) instead of being connected to in clear.
import { networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ConnectionManager } from '../../electron/engine/transport/connection-manager';
import { insecureSocketUrl } from '../../electron/engine/transport/open-socket';
import { until } from './ws-test-server';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serverOnEveryInterface(): Promise<{ port: number; accepted: () => number }> {
  const wss = new WebSocketServer({ host: '0.0.0.0', port: 0 });
  let accepted = 0;
  wss.on('connection', () => (accepted += 1));
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  for (const client of wss.clients) client.terminate();
  return { port: (wss.address() as AddressInfo).port, accepted: () => accepted };
}

function manager(url: string): ConnectionManager {
  const m = new ConnectionManager({ dial: async () => ({ url }), backoff: { baseMs: 20, capMs: 200 } });
  cleanups.push(() => m.stop());
  return m;
}

const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

describe('socket URLs', () => {
  it('accepts wss: anywhere and ws: only on loopback', () => {
    expect(insecureSocketUrl('wss://webrtc.jive.com/channels/abc')).toBeNull();
    for (const url of ['ws://127.0.0.1:8080/x', 'ws://localhost:1/x', 'ws://[::1]:1/x']) expect(insecureSocketUrl(url)).toBeNull();
    for (const url of ['ws://webrtc.jive.com/channels/abc', 'ws://10.0.0.5/x', 'http://127.0.0.1/x', 'not a url']) expect(insecureSocketUrl(url)).not.toBeNull();
  });

  it('a ws: URL to a non-loopback address goes offline with a message and never connects', async () => {
    const server = await serverOnEveryInterface();
    const m = manager(`ws://${lanAddress ?? 'example.invalid'}:${server.port}/channel`);
    m.start();
    await until(() => m.state === 'failed');
    expect(m.stateMessage).toMatch(/insecure call-events address \(ws:\/\/.+\); Ringtray only connects with wss:/);
    expect(server.accepted()).toBe(0);
  });

  it('ws: on loopback still connects (sandboxes and tests)', async () => {
    const server = await serverOnEveryInterface();
    const m = manager(`ws://127.0.0.1:${server.port}/channel`);
    m.start();
    await until(() => m.state === 'live');
    expect(server.accepted()).toBe(1);
  });
});
