// The line choice changes RingCentral's subscription at once (docs/providers/ringcentral.md,
// "The gateway"): the real engine signed in through the OAuth loopback to the RingCentral sandbox
// (real HTTP and WebSocket), then Settings' line choice changed while live. A colleague's
// extension is covered only by the account-wide subscription, so until the session subscribes
// again a call there would never reach Ringtray. Nothing is mocked.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallNotice } from '../../../shared/calls';
import { startDemo, type RunningDemo } from '../../../electron/engine/demo/demo-engine';
import { createLogger } from '../../../electron/engine/log/logger';
import { ringcentralProvider } from '../../../electron/engine/providers/ringcentral/ringcentral-provider';
import { ALL_LINES_NOT_ALLOWED_MESSAGE, type RingCentralSession } from '../../../electron/engine/providers/ringcentral/rc-session';
import { startRingCentralDemo, type RingCentralDemoBackend } from '../../../electron/sandbox/ringcentral/ringcentral-demo';
import { until } from '../../support/until';

let demo: RunningDemo<RingCentralDemoBackend> | null = null;
afterEach(async () => {
  await demo?.close();
  demo = null;
});

async function start(admin = true) {
  const notices: CallNotice[] = [];
  demo = await startDemo({
    provider: ringcentralProvider,
    log: createLogger(() => undefined, { level: 'error' }),
    callsPerMinute: 0,
    lineSelection: { mode: 'mine', lineIds: [] },
    engine: { session: { connection: { pingIntervalMs: 300, pongTimeoutMs: 200 } } },
    backend: (o) => startRingCentralDemo({ redirectUri: o.redirectUri, callLogDelayMs: 100, admin }),
  });
  const d = demo;
  d.engine.onNotice((n) => notices.push(n));
  await until(() => d.engine.status().state === 'live', 10_000, 'engine live');
  const sandbox = d.backend.sandbox;
  const colleague = sandbox.extensions.find((e) => e.id !== sandbox.owner.id)!;
  const of = (callId: string) => notices.filter((n) => n.callId === callId).map((n) => n.type);
  return { d, sandbox, colleague, notices, of };
}

describe('RingCentral: the line choice while live', () => {
  it('a newly watched colleague extension rings right after the change, on the same socket, with no gap for the own line', async () => {
    const { d, sandbox, colleague, of } = await start();
    expect(sandbox.subscriptions().map((s) => s.scope)).toEqual(['extension']);
    // A call on the user's own line spans the change.
    const spanning = sandbox.calls.ring().telephonySessionId;
    await until(() => of(spanning).includes('ringing'), 10_000, 'own call rings');

    d.engine.setLineSelection({ mode: 'chosen', lineIds: [sandbox.owner.id, colleague.id] });
    await until(() => sandbox.subscriptions().some((s) => s.scope === 'account'), 10_000, 'the account-wide subscription');
    const onColleague = sandbox.calls.ring({ extensionId: colleague.id }).telephonySessionId;
    await until(() => of(onColleague).includes('ringing'), 10_000, 'the colleague call rings');
    sandbox.calls.answer(spanning);
    sandbox.calls.hangUp(spanning);
    sandbox.calls.hangUp(onColleague);
    await until(() => of(spanning).includes('ended') && of(onColleague).includes('missed'), 10_000, 'both end');
    expect(of(spanning)).toEqual(['ringing', 'answered', 'ended']);
    expect(of(onColleague)).toEqual(['ringing', 'missed']);
    // Replaced on the one live connection: no reconnect, so no gap and no re-read.
    expect(sandbox.subscriptions()).toHaveLength(1);
    expect(sandbox.stats).toMatchObject({ connections: 1, subscriptionsCreated: 2 });
    expect(d.engine.currentSession<RingCentralSession>()!.stats().backfills).toBe(0);

    // Back to "mine": narrowed at once, a colleague's call no longer reaches Ringtray.
    d.engine.setLineSelection({ mode: 'mine', lineIds: [] });
    await until(() => sandbox.subscriptions().every((s) => s.scope === 'extension'), 10_000, 'the own-extension subscription');
    const notOurs = sandbox.calls.ring({ extensionId: colleague.id }).telephonySessionId;
    const own = sandbox.calls.ring().telephonySessionId;
    await until(() => of(own).includes('ringing'), 10_000, 'own call rings');
    expect(of(notOurs)).toEqual([]);
    expect(sandbox.stats.connections).toBe(1);
  });

  it('"all lines" refused while live: the own subscription stays, the status says why, calls keep ringing', async () => {
    const { d, sandbox, of } = await start(false);
    d.engine.setLineSelection({ mode: 'all', lineIds: [] });
    await until(() => d.engine.status().message === ALL_LINES_NOT_ALLOWED_MESSAGE, 10_000, 'the refusal in the status');
    expect(d.engine.status().state).toBe('live');
    expect(sandbox.subscriptions().map((s) => s.scope)).toEqual(['extension']);
    const own = sandbox.calls.ring().telephonySessionId;
    await until(() => of(own).includes('ringing'), 10_000, 'own call rings');
    expect(sandbox.stats.connections).toBe(1);
  });
});
