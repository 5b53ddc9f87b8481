import type { TestContext } from 'vitest';
import type { CallNotice } from '../../shared/calls';
import type { ConnectionState } from '../../shared/status';
import { startDemo, type RunningDemo } from '../../electron/engine/demo/demo-engine';
import type { GotoSandbox, GotoSandboxOptions } from '../../electron/sandbox/goto/goto-sandbox';
import { startGotoDemo, type GotoDemoBackend } from '../../electron/sandbox/goto/goto-demo';
import { gotoProvider } from '../../electron/engine/providers/goto/goto-provider';
import { createLogger, type LogRecord } from '../../electron/engine/log/logger';
import { until } from './until';

// The real engine signed in to a real GoTo sandbox on 127.0.0.1 (HTTP + WebSocket), with socket
// timings shortened so faults resolve in a test's time: ping every 300 ms, pong deadline 200 ms
// (the product's defaults are 10 s + 4 s). Nothing is mocked.

export const FAST_CONNECTION = {
  pingIntervalMs: 300,
  pongTimeoutMs: 200,
  shortLivedMs: 100,
  connectTimeoutMs: 3_000,
  backoff: { firstRetryJitterMs: 20, baseMs: 100, capMs: 1_000 },
} as const;

export interface Harness extends RunningDemo<GotoDemoBackend> {
  sandbox: GotoSandbox;
  notices: CallNotice[];
  states: ConnectionState[];
  logs: LogRecord[];
  waitFor(condition: () => boolean, message: string, timeoutMs?: number): Promise<void>;
  waitForLive(): Promise<void>;
  noticesFor(callId: string): string[];
}

export async function startHarness(
  options: {
    sandbox?: GotoSandboxOptions;
    lines?: 'mine' | 'all';
    onSandbox?: (sandbox: GotoSandbox) => void;
    waitForLive?: boolean;
    /** 'product': the shipped socket timings (ping every 10 s, pong deadline 4 s) instead of FAST_CONNECTION. */
    timings?: 'test' | 'product';
    /** The slow automatic retry of a stopped session (default: the product's 5 min). */
    attentionRetryMs?: number;
  } = {},
): Promise<Harness> {
  const logs: LogRecord[] = [];
  const log = createLogger((r) => logs.push(r), { level: 'debug' });
  const demo = await startDemo({
    provider: gotoProvider,
    log,
    callsPerMinute: 0,
    lineSelection: { mode: options.lines ?? 'mine', lineIds: [] },
    engine: {
      session: { connection: options.timings === 'product' ? {} : FAST_CONNECTION, reportRetryDelaysMs: [0, 100, 200, 400, 800, 1_600] },
      attentionRetryMs: options.attentionRetryMs,
    },
    // onSandbox runs once the sandbox is up, before the engine signs in (tests inject faults there).
    backend: async (o) => {
      const backend = await startGotoDemo({ ...o, reportDelayMs: 0, ...options.sandbox });
      options.onSandbox?.(backend.sandbox);
      return backend;
    },
  });
  const notices: CallNotice[] = [];
  const states: ConnectionState[] = [demo.engine.status().state];
  demo.engine.onNotice((n) => notices.push(n));
  demo.engine.onStatus((s) => states.push(s.state));
  // Generous deadline: a slow machine must not fail a test; the product's timing is measured
  // and printed, not asserted tightly.
  const waitFor = (condition: () => boolean, message: string, timeoutMs = 10_000): Promise<void> => until(condition, timeoutMs, message);
  const harness: Harness = {
    ...demo,
    sandbox: demo.backend.sandbox,
    notices,
    states,
    logs,
    waitFor,
    waitForLive: () => waitFor(() => demo.engine.status().state === 'live', 'engine live'),
    noticesFor: (callId) => notices.filter((n) => n.callId === callId).map((n) => n.type),
  };
  if (options.waitForLive !== false) await harness.waitForLive();
  return harness;
}

/**
 * A harness closed when the test finishes (its own onTestFinished, not a variable the file's tests
 * share), so a file's tests may run side by side (`it.concurrent`): each has its own sandbox.
 */
export async function harnessFor(test: Pick<TestContext, 'onTestFinished'>, options?: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const harness = await startHarness(options);
  test.onTestFinished(() => harness.close());
  return harness;
}
