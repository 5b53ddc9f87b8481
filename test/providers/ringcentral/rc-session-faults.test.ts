// The reliability matrix for RingCentral (docs/reliability.md, docs/providers/ringcentral.md),
// real sockets against the sandbox: recovery with replay, failed and late recovery, Error
// frames, ws-token throttling, single-use tokens, half-open sockets, garbage, duplicates,
// reordering and the make-before-break replacement.
//
// Every test has a rig of its own (sandbox on port 0, session, tracker) and shares nothing, so
// each group runs its tests side by side: the faults and their timings inside a test are
// unchanged, only unrelated tests overlap.
import { describe, it, type ExpectStatic } from 'vitest';
import { GARBAGE_KINDS } from '../../../electron/sandbox/ringcentral/rc-sandbox';
import { startRigFor, type Rig } from './rc-harness';

/** Every call exactly once: one ringing at most, one terminal notice at most. */
function expectNoDuplicates(expect: ExpectStatic, r: Rig): void {
  const counts = new Map<string, number>();
  for (const n of r.notices) counts.set(`${n.callId}:${n.type}`, (counts.get(`${n.callId}:${n.type}`) ?? 0) + 1);
  expect([...counts].filter(([, c]) => c > 1)).toEqual([]);
}

describe.concurrent('RingCentral session: recovery', () => {
  it('drop → recovery Successful: the replay (same read as ConnectionDetails) loses nothing and repeats nothing, no new subscription', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    const { calls, faults } = rig.sandbox;
    const a = calls.ring().telephonySessionId;
    await rig.waitFor('a rings', () => rig.of(a).includes('ringing'));
    // Keep the client away for a moment so the gap has events in it.
    faults.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 503, retryAfterSeconds: 1 });
    faults.drop();
    await rig.waitFor('socket down', () => rig.sandbox.stats.openSockets === 0);
    calls.answer(a);
    calls.hangUp(a);
    const b = calls.ring().telephonySessionId;
    await rig.waitFor('b rings after recovery', () => rig.of(b).includes('ringing'));
    await rig.waitFor('a ended', () => rig.of(a).includes('ended'));
    expect(rig.of(a).slice(0, 3)).toEqual(['ringing', 'answered', 'ended']);
    expect(rig.sandbox.stats).toMatchObject({ recoveriesSuccessful: 1, recoveriesFailed: 0, subscriptionsCreated: 1, replayed: 3 });
    expect(rig.session.stats()).toMatchObject({ recoveriesSuccessful: 1, backfills: 0 });
    expectNoDuplicates(expect, rig);
  });

  it('recovery Failed → subscribe again, then active calls and the call log account for every call of the gap', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    const { calls, faults } = rig.sandbox;
    faults.failRecoveries(true);
    faults.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 503, retryAfterSeconds: 1 });
    faults.drop();
    await rig.waitFor('socket down', () => rig.sandbox.stats.openSockets === 0);
    const missedInGap = calls.ring().telephonySessionId;
    calls.hangUp(missedInGap);
    const answeredInGap = calls.ring().telephonySessionId;
    calls.answer(answeredInGap);
    calls.hangUp(answeredInGap);
    const stillRinging = calls.ring().telephonySessionId;
    await rig.waitFor('still-ringing call rings', () => rig.of(stillRinging).includes('ringing'));
    await rig.waitFor('gap calls closed', () => rig.of(missedInGap).includes('missed') && rig.of(answeredInGap).includes('ended'), 15_000);
    expect(rig.of(missedInGap)).toEqual(['missed']);
    expect(rig.of(answeredInGap)).toEqual(['ended']);
    expect(rig.sandbox.stats).toMatchObject({ recoveriesFailed: 1, subscriptionsCreated: 2 });
    expect(rig.session.stats().backfills).toBe(1);
    // The ringing call still ends normally afterwards.
    calls.hangUp(stillRinging);
    await rig.waitFor('missed', () => rig.of(stillRinging).includes('missed'));
    expectNoDuplicates(expect, rig);
  });

  it('after recoveryTimeout the client does not try the stale session: fresh subscription + backfill', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished, { recoveryTimeoutS: 0.5 });
    await rig.live();
    const { calls, faults } = rig.sandbox;
    faults.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 503, retryAfterSeconds: 1 });
    faults.drop();
    await rig.waitFor('socket down', () => rig.sandbox.stats.openSockets === 0);
    const inGap = calls.ring().telephonySessionId;
    calls.voicemail(inGap);
    await rig.waitFor('gap call missed', () => rig.of(inGap).includes('missed'), 15_000);
    expect(rig.sandbox.stats).toMatchObject({ recoveriesSuccessful: 0, recoveriesFailed: 0, subscriptionsCreated: 2 });
  });

  it('drops close together, one during a recovery, with a call spanning them: each call once', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    const { calls, faults } = rig.sandbox;
    const spanning = calls.ring().telephonySessionId;
    for (let i = 0; i < 5; i += 1) {
      faults.drop();
      if (i === 2) calls.answer(spanning);
      await rig.waitFor('back live', () => rig.sandbox.stats.openSockets === 1 && rig.session.connectionState().state === 'live');
    }
    calls.hangUp(spanning);
    await rig.waitFor('ended', () => rig.of(spanning).includes('ended'));
    expect(rig.of(spanning).slice(0, 3)).toEqual(['ringing', 'answered', 'ended']);
    expect(rig.sandbox.stats.subscriptionsCreated).toBe(1);
    expectNoDuplicates(expect, rig);
  });
});

describe.concurrent('RingCentral session: gateway faults', () => {
  it('WSG-902 and WSG-903 → reconnect at once with a new subscription; calls keep ringing', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    for (const code of ['WSG-902', 'WSG-903'] as const) {
      const before = rig.sandbox.stats.subscriptionsCreated;
      rig.sandbox.faults.errorFrame(code);
      await rig.waitFor('resubscribed', () => rig.sandbox.stats.subscriptionsCreated === before + 1 && rig.session.connectionState().state === 'live');
      const call = rig.sandbox.calls.ring().telephonySessionId;
      await rig.waitFor('rings', () => rig.of(call).includes('ringing'));
    }
    expect(rig.session.stats().errorFrames).toBe(2);
  });

  it('wstoken 429/503 with Retry-After: waits as told, then connects', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    const { faults } = rig.sandbox;
    faults.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 429, retryAfterSeconds: 1 });
    faults.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 503, retryAfterSeconds: 1 });
    const t0 = performance.now();
    faults.drop();
    await rig.waitFor('socket down', () => rig.sandbox.stats.openSockets === 0);
    await rig.live();
    await rig.waitFor('socket back', () => rig.sandbox.stats.openSockets === 1);
    // Two Retry-After waits of 1 s each (a lower bound: a slow machine cannot make this fail).
    expect(performance.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect(rig.sandbox.stats.requests['POST /restapi/oauth/wstoken']).toBe(4);
  });

  it('a fresh ws token for every connection: a gateway that refuses reuse never sees one', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished, { singleUseWsTokens: true });
    await rig.live();
    for (let i = 0; i < 4; i += 1) {
      rig.sandbox.faults.drop();
      await rig.waitFor('back', () => rig.sandbox.stats.openSockets === 1 && rig.session.connectionState().state === 'live');
    }
    expect(rig.sandbox.stats.reusedTokensRejected).toBe(0);
    expect(rig.sandbox.stats.wsTokens).toBe(rig.sandbox.stats.connections);
  });

  it('half-open: found by our own ping within ping + pong deadline; a call that rang meanwhile is replayed', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    const { calls, faults } = rig.sandbox;
    faults.halfOpen(true);
    const during = calls.ring().telephonySessionId;
    await rig.waitFor('rings after the half-open socket was replaced', () => rig.of(during).includes('ringing'));
    expect(rig.sandbox.stats.recoveriesSuccessful).toBe(1);
    expectNoDuplicates(expect, rig);
  });

  it('garbage frames of every kind: no crash, counted, calls still ring', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    for (const kind of GARBAGE_KINDS) {
      rig.sandbox.faults.garbage(kind, 2 * 1024 * 1024);
      // bad UTF-8 and oversized frames close the socket (1007/1009): the client comes back.
      await rig.waitFor(`live after ${kind}`, () => rig.sandbox.stats.openSockets === 1 && rig.session.connectionState().state === 'live');
      const call = rig.sandbox.calls.ring().telephonySessionId;
      await rig.waitFor(`rings after ${kind}`, () => rig.of(call).includes('ringing'));
    }
    const stats = rig.session.stats();
    expect(stats.malformed).toBeGreaterThanOrEqual(6);
    expect(stats.ignored).toBeGreaterThanOrEqual(2);
  });

  it('duplicated and out-of-order notifications: one ringing, one terminal notice per call', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    const { calls, faults } = rig.sandbox;
    faults.duplicateNext(4);
    const a = calls.ring().telephonySessionId;
    const b = calls.ring().telephonySessionId;
    faults.reorderNext();
    calls.answer(a);
    calls.hangUp(a);
    calls.hangUp(b);
    await rig.waitFor('closed', () => rig.of(a).includes('ended') && rig.of(b).includes('missed'));
    // Answered was held back behind Disconnected: put back in sequence order, it still counts.
    expect(rig.of(a)).toEqual(['ringing', 'answered', 'ended']);
    expect(rig.of(b)).toEqual(['ringing', 'missed']);
    expect(rig.session.stats().duplicates).toBeGreaterThanOrEqual(2);
    expectNoDuplicates(expect, rig);
  });

  it('an end that overtakes an earlier event of its call: applied in sequence order, one terminal notice, nothing after it', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished);
    await rig.live();
    const { calls, faults } = rig.sandbox;
    // Answered (sequence 2) arrives after Disconnected (3).
    const answered = calls.ring().telephonySessionId;
    await rig.waitFor('rings', () => rig.of(answered).includes('ringing'));
    faults.reorderNext();
    calls.answer(answered);
    calls.hangUp(answered);
    // Proceeding (1) arrives after Disconnected (2): a call that rang and was missed in a blink.
    faults.reorderNext();
    const blink = calls.ring().telephonySessionId;
    calls.hangUp(blink);
    // A call on the same socket afterwards, so every frame before it has been read.
    const after = calls.ring().telephonySessionId;
    await rig.waitFor('the call after rings', () => rig.of(after).includes('ringing'));
    await rig.waitFor('both ended', () => rig.of(answered).includes('ended') && rig.of(blink).includes('missed'));
    expect(rig.of(answered)).toEqual(['ringing', 'answered', 'ended']);
    expect(rig.of(blink)).toEqual(['ringing', 'missed']);
    // In sequence order, the blink's end is known when it is noticed: not a call learned of late.
    expect(rig.notices.find((n) => n.callId === blink && n.type === 'missed')?.late).toBeUndefined();
    expectNoDuplicates(expect, rig);
  });

  it('make before break ahead of absoluteTimeout: no gap, no backfill, the old subscription deleted', async ({ expect, onTestFinished }) => {
    const rig = await startRigFor(onTestFinished, { absoluteTimeoutS: 1.5 }, { replaceLeadMs: 700 });
    await rig.live();
    const a = rig.sandbox.calls.ring().telephonySessionId;
    await rig.waitFor('replaced', () => rig.session.stats().replacements >= 1 && rig.sandbox.stats.subscriptionsCreated >= 2);
    await rig.waitFor('one subscription left', () => rig.sandbox.subscriptions().length === 1);
    rig.sandbox.calls.hangUp(a);
    await rig.waitFor('missed', () => rig.of(a).includes('missed'));
    expect(rig.sandbox.stats.errorFrames).toBe(0);
    expect(rig.session.stats().backfills).toBe(0);
    expectNoDuplicates(expect, rig);
  });
});
