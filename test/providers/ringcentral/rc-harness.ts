// The RingCentral session against the RingCentral sandbox over real sockets, feeding the real
// call tracker. Timings are shortened so the reliability matrix runs in seconds.
import type { TestContext } from 'vitest';
import type { CallNotice } from '../../../shared/calls';
import { createCallTracker } from '../../../electron/engine/calls/call-tracker';
import { createRcApi } from '../../../electron/engine/providers/ringcentral/rc-api';
import { RingCentralSession, type RcSessionOptions } from '../../../electron/engine/providers/ringcentral/rc-session';
import { createRingCentralSandbox, type RcSandbox, type RcSandboxOptions } from '../../../electron/sandbox/ringcentral/rc-sandbox';
import { until } from '../../support/until';

export interface Rig {
  sandbox: RcSandbox;
  session: RingCentralSession;
  notices: CallNotice[];
  /** Notices of one call, by type. */
  of(callId: string): string[];
  waitFor(what: string, predicate: () => boolean, timeoutMs?: number): Promise<void>;
  live(): Promise<void>;
  close(): Promise<void>;
}

export async function startRig(sandboxOptions: RcSandboxOptions = {}, sessionOptions: Partial<RcSessionOptions> = {}): Promise<Rig> {
  const sandbox = await createRingCentralSandbox({ callLogDelayMs: 100, recoveryTimeoutS: 20, ...sandboxOptions });
  // A real OAuth session on the sandbox (the session tests are about the gateway, not sign-in).
  let token = await sandbox.issueAccessToken();
  const tokens = {
    getAccessToken: async () => token,
    forceRefresh: async () => (token = await sandbox.issueAccessToken()),
  };
  const api = createRcApi({ serverUrl: sandbox.url, tokens, timeoutMs: 5_000 });
  const tracker = createCallTracker();
  const notices: CallNotice[] = [];
  tracker.subscribe((n) => notices.push(n));
  const session = new RingCentralSession({
    api,
    tokens,
    extensionId: async () => (await api.extension()).id,
    connection: { pingIntervalMs: 250, pongTimeoutMs: 250, suspendToleranceMs: 60_000, connectTimeoutMs: 5_000 },
    logRereadDelaysMs: [200, 600, 1500],
    reportRetryDelaysMs: [50, 100, 200, 400, 800],
    ...sessionOptions,
  });
  session.on('event', (e) => tracker.handle(e));
  session.on('report', (r) => tracker.addReport(r));
  session.start();
  const waitFor = (what: string, predicate: () => boolean, timeoutMs = 10_000) => until(predicate, timeoutMs, what);
  return {
    sandbox,
    session,
    notices,
    of: (callId) => notices.filter((n) => n.callId === callId).map((n) => n.type),
    waitFor,
    live: () => waitFor('live', () => session.connectionState().state === 'live'),
    async close() {
      await session.stop(1_000);
      await sandbox.close();
    },
  };
}

/** A rig closed when the test that started it finishes: tests with a rig each can run side by side. */
export async function startRigFor(onTestFinished: TestContext['onTestFinished'], ...options: Parameters<typeof startRig>): Promise<Rig> {
  const rig = await startRig(...options);
  onTestFinished(() => rig.close());
  return rig;
}
