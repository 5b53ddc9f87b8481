import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDemo } from '../../electron/engine/demo/demo-engine';
import { freeLoopbackPort } from '../../electron/engine/demo/free-port';
import { createLogger, type LogRecord } from '../../electron/engine/log/logger';
import { gotoProvider } from '../../electron/engine/providers/goto/goto-provider';

// The demo signs itself in through a real loopback listener on a port chosen just before. Another
// program can take that port in between (seen in CI with test files running in parallel); the
// demo then starts over on another port instead of failing.
describe('demo', () => {
  it('retries on another port when the loopback port was taken meanwhile', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    const picks: number[] = [];
    const logs: LogRecord[] = [];
    const demo = await startDemo({
      provider: gotoProvider,
      log: createLogger((r) => logs.push(r), { level: 'info' }),
      callsPerMinute: 0,
      loopbackPort: async () => {
        const port = picks.length === 0 ? taken : await freeLoopbackPort();
        picks.push(port);
        return port;
      },
    });
    try {
      expect(picks).toHaveLength(2);
      expect(picks[0]).toBe(taken);
      expect(demo.engine.auth.tokens.current.state).toBe('signed-in');
      expect(logs.some((r) => r.message.includes('loopback port was taken'))).toBe(true);
    } finally {
      await demo.close();
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});
