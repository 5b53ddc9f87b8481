// A wall clock stepped back (NTP, the user, a restored VM) must not hold token refreshes off for
// the size of the step: waits run on a monotonic clock (docs/security.md, "Clocks"). A real token
// endpoint on 127.0.0.1 answers 429 with Retry-After once, then tokens.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthTokenClient } from '../../electron/engine/auth/oauth-token-client';
import { TokenError } from '../../electron/engine/auth/token-errors';
import { TokenManager } from '../../electron/engine/auth/token-manager';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';

let server: Server;
let tokenUrl: string;
let requests = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      if (requests === 1) return void res.writeHead(429, { 'retry-after': '30', 'content-type': 'application/json' }).end('{"error":"rate_limited"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: `access-${requests}-7f3a9c1d`, token_type: 'Bearer', expires_in: 3600 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('token refresh waits', () => {
  it('a backward wall-clock step of an hour does not add an hour to a 30 s Retry-After', async () => {
    let wall = Date.parse('2026-06-01T12:00:00Z');
    let mono = 1_000;
    const tm = new TokenManager({
      provider: 'goto',
      store: createMemorySecretStore({ 'goto:refresh-token:u@example.com': 'refresh-token-1b2c3d4e5f' }),
      grant: createOAuthTokenClient({ tokenUrl, clientId: 'cid', clientSecret: 'client-secret-9a8b7c6d', now: () => wall }),
      now: () => wall,
      monotonic: () => mono,
    });
    await tm.restore('u@example.com');
    const first = await tm.getAccessToken().catch((e: unknown) => e);
    expect(first).toMatchObject({ kind: 'unavailable', retryAfterMs: 30_000 });
    wall -= 3_600_000; // the clock is stepped back an hour…
    mono += 10_000; // …10 s really pass: still inside Retry-After, nothing is sent
    expect(await tm.getAccessToken().catch((e: unknown) => e)).toBeInstanceOf(TokenError);
    expect(requests).toBe(1);
    mono += 21_000; // 31 s in all: the refresh goes out, an hour early by the wall clock
    expect(await tm.getAccessToken()).toBe('access-2-7f3a9c1d');
    expect(requests).toBe(2);
    tm.dispose();
  });
});
