import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort } from './free-port';

describe('freeLoopbackPort', () => {
  it('picks a listenable port below the OS ephemeral ranges', async () => {
    const port = await freeLoopbackPort();
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThanOrEqual(32_767);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });

  it('skips a port that is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(25_000, '127.0.0.1', resolve));
    try {
      // The first draw lands on the taken port (25,000); the next ones elsewhere.
      const draws = [(25_000 - 20_000) / 12_768];
      const port = await freeLoopbackPort(() => draws.shift() ?? Math.random());
      expect(draws).toEqual([]);
      expect(port).not.toBe(25_000);
      expect(port).toBeGreaterThanOrEqual(20_000);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
