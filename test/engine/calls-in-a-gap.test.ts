import { describe, it } from 'vitest';
import { toastFor } from '../../electron/desktop/notification-content';
import { noticeLine } from '../../electron/engine/headless/json-lines';
import { startHarness, type Harness } from '../support/demo-harness';

// Every call closed (docs/reliability.md, "Every call closed"), end to end against the GoTo
// sandbox: calls that change state while the socket is down, and whose summaries GoTo indexes
// only after the reconnect's re-read has run. The gap is a network that stays silent (every
// socket, new ones too) until the test lifts it. Each test has an engine and a sandbox of its own
// (port 0) and shares nothing, so the tests run side by side; the timings inside each are unchanged.

const userLine = (harness: Harness) => harness.sandbox.userLines[0]!.id;

async function silentGap(harness: Harness, during: () => void): Promise<void> {
  const mark = harness.states.length;
  harness.sandbox.faults.halfOpen(true, { newSockets: true });
  during();
  await harness.waitFor(() => harness.states.slice(mark).some((s) => s !== 'live'), 'the engine notices the dead socket');
  harness.sandbox.faults.halfOpen(false);
}

/** A call that rings (and is answered or not) and ends inside a gap; GoTo indexes it 3 s later. */
async function wholeCallInGap(harness: Harness, caller: { name: string; number: string }, answered: boolean): Promise<string> {
  harness.sandbox.setSummaryIndexDelay(3_000);
  let callId = '';
  await silentGap(harness, () => {
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller });
    callId = call.id;
    if (answered) call.answer();
    call.end();
  });
  return callId;
}

/**
 * WEBSOCKET_TO_BE_CLOSED: the old socket closes (a gap) while the new channel is still being
 * created; the new socket then carries call frames as soon as its Call Events subscription holds,
 * while `holdReportSubscription` (a delay or a refusal of the Call Events Report one) keeps it
 * from going live. `inGap` runs once the old socket is gone. Resolves with the new socket
 * subscribed and the engine not live (the caller checks the state).
 */
async function replacementGap(harness: Harness, holdReportSubscription: () => void, inGap: () => void = () => undefined): Promise<void> {
  const [old] = harness.sandbox.channels();
  harness.sandbox.faults.delayHttp({ method: 'POST', pathPrefix: '/notification-channel/v1/channels', delayMs: 500 });
  holdReportSubscription();
  const mark = harness.states.length;
  harness.sandbox.faults.toBeClosed(old!.id, { graceMs: 50 });
  await harness.waitFor(() => harness.states.slice(mark).some((s) => s !== 'live'), 'the old socket closed');
  inGap();
  await harness.waitFor(() => harness.sandbox.channels().some((c) => c.id !== old!.id && c.connected && c.callEvents.length > 0), 'the new socket subscribed, not live');
}

const holdReportSubscription = (harness: Harness) => () =>
  harness.sandbox.faults.delayHttp({ method: 'POST', pathPrefix: '/call-events-report/v1/subscriptions', delayMs: 1_500 });

const closed = (harness: Harness, id: string) => harness.noticesFor(id).some((t) => t === 'ended' || t === 'missed');

describe.concurrent('calls inside a gap', () => {
  it('rang before the gap, answered and hung up inside it, summary not indexed for a minute: answered + ended, the toast cleared', async ({ expect, onTestFinished }) => {
    const harness = await startHarness();
    onTestFinished(() => harness.close());
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Ring Then Gap', number: '+15550142' } });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
    // The re-read after the reconnect finds no active call and no summary: only the report can tell.
    harness.sandbox.setSummaryIndexDelay(60_000);
    await silentGap(harness, () => {
      call.answer();
      call.end();
    });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ended'), 'ended after the gap');
    await harness.waitFor(() => harness.noticesFor(call.id).includes('report'), 'report');
    expect(harness.noticesFor(call.id)).toEqual(['ringing', 'answered', 'ended', 'report']);
    // Seen ringing before the gap: not a late notice.
    expect(harness.notices.find((n) => n.callId === call.id && n.type === 'ended')?.late).toBeUndefined();
    expect(harness.engine.tracker.openCallCount()).toBe(0);
    expect(harness.engine.history().find((r) => r.callId === call.id)).toMatchObject({ outcome: 'answered' });
  });

  it('rang before the gap, answered inside it, hung up while the re-read is still running: answered + ended, not missed', async ({ expect, onTestFinished }) => {
    const harness = await startHarness();
    onTestFinished(() => harness.close());
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Answered In Gap', number: '+15550143' } });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
    harness.sandbox.setSummaryIndexDelay(60_000);
    // GoTo's end frame does not say whether the call was answered; the re-read's answers are held
    // back, so the end arrives first and the call is no longer active when the list is read.
    harness.sandbox.faults.delayHttp({ method: 'GET', pathPrefix: '/call-events/v1/conversation-spaces', delayMs: 1_500 });
    await silentGap(harness, () => call.answer());
    await harness.waitForLive();
    call.end();
    await harness.waitFor(() => harness.noticesFor(call.id).includes('report'), 'report', 15_000);
    expect(harness.noticesFor(call.id)).toEqual(['ringing', 'answered', 'ended', 'report']);
    expect(harness.engine.tracker.openCallCount()).toBe(0);
    expect(harness.engine.history().find((r) => r.callId === call.id)).toMatchObject({ outcome: 'answered' });
  });

  it('rang before a channel replacement, answered in its gap, hung up on the new socket before it is live: answered + ended, not missed', async ({ expect, onTestFinished }) => {
    const harness = await startHarness();
    onTestFinished(() => harness.close());
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Answered In Replacement', number: '+15550144' } });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
    // And one that rings and is answered unseen, in the gap.
    let unseen!: ReturnType<typeof harness.sandbox.calls.ringInbound>;
    await replacementGap(harness, holdReportSubscription(harness), () => {
      call.answer();
      unseen = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Rang In Replacement', number: '+15550145' } });
      unseen.answer();
    });
    expect(harness.engine.status().state).not.toBe('live');
    call.end();
    unseen.end();
    await harness.waitFor(() => closed(harness, call.id) && closed(harness, unseen.id), 'both closed', 15_000);
    await harness.waitForLive();
    expect(harness.noticesFor(call.id).filter((t) => t !== 'report')).toEqual(['ringing', 'answered', 'ended']);
    expect(harness.noticesFor(unseen.id).filter((t) => t !== 'report')).toEqual(['ended']);
    expect(harness.engine.history().find((r) => r.callId === call.id)).toMatchObject({ outcome: 'answered' });
    expect(harness.engine.history().find((r) => r.callId === unseen.id)).toMatchObject({ outcome: 'answered', late: true });
  });

  it('an end held for a report that never comes still closes its call: the report refused (400), and a gap that ends in a refusal (403)', async ({ expect, onTestFinished }) => {
    // Both start like the replacement above: the end reaches the new socket before it is live.
    const heldThenGap = async (harness: Harness, name: string, refuse: () => void) => {
      const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name, number: '+15550146' } });
      await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
      await replacementGap(harness, refuse);
      expect(harness.engine.status().state).not.toBe('live');
      call.end();
      return call;
    };

    // The re-read does not see the call (summary not indexed) and GoTo refuses its report.
    const refusedReport = await startHarness();
    onTestFinished(() => refusedReport.close());
    refusedReport.sandbox.setSummaryIndexDelay(60_000);
    const first = await heldThenGap(refusedReport, 'Report Refused', () => {
      holdReportSubscription(refusedReport)();
      refusedReport.sandbox.faults.failHttp({ method: 'GET', pathPrefix: '/call-events-report/v1/reports', status: 400, times: 50 });
    });
    await refusedReport.waitForLive();
    await refusedReport.waitFor(() => closed(refusedReport, first.id), 'closed by its own end once the report was given up', 10_000);
    expect(refusedReport.engine.tracker.openCallCount()).toBe(0);

    // The new socket never goes live: the report subscription is refused, a fatal stop.
    const refusedGap = await startHarness();
    onTestFinished(() => refusedGap.close());
    const second = await heldThenGap(refusedGap, 'Gap Refused', () => {
      refusedGap.sandbox.faults.failHttp({ method: 'POST', pathPrefix: '/call-events-report/v1/subscriptions', status: 403, delayMs: 1_500, times: 5 });
    });
    await refusedGap.waitFor(() => refusedGap.engine.status().state === 'needs-attention', 'stopped: needs attention', 10_000);
    await refusedGap.waitFor(() => closed(refusedGap, second.id), 'closed although no socket went live again', 10_000);
    expect(refusedGap.engine.tracker.openCallCount()).toBe(0);
  });

  it('rang before the gap, its end lost in the gap, not indexed, and its report refused: still closed once, as missed', async ({ expect, onTestFinished }) => {
    const harness = await startHarness();
    onTestFinished(() => harness.close());
    const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Lost End', number: '+15550147' } });
    await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing');
    harness.sandbox.setSummaryIndexDelay(60_000);
    harness.sandbox.faults.failHttp({ method: 'GET', pathPrefix: '/call-events-report/v1/reports', status: 400, times: 50 });
    await silentGap(harness, () => call.end());
    await harness.waitFor(() => harness.noticesFor(call.id).includes('missed'), 'closed once the report was given up', 10_000);
    expect(harness.noticesFor(call.id)).toEqual(['ringing', 'missed']);
    expect(harness.engine.tracker.openCallCount()).toBe(0);
  });

  it('a second gap that opens and closes while the first one is still being re-read is read too: a whole call inside it is reported once, late', async ({ expect, onTestFinished }) => {
    const harness = await startHarness();
    onTestFinished(() => harness.close());
    // The first re-read asks for summaries up to now, and its answer is held until the second
    // gap has started and ended.
    harness.sandbox.faults.delayHttp({ method: 'GET', pathPrefix: '/call-events-report/v1/report-summaries', delayMs: 600_000 });
    const rereadsDone = () => harness.logs.filter((r) => r.message === 'goto: gap re-read').length;
    await silentGap(harness, () => undefined);
    await harness.waitForLive();
    // GoTo indexes the call at once, while the socket is down: its summary frame is lost, and
    // only a re-read of this second gap can find it.
    harness.sandbox.setSummaryIndexDelay(0);
    let callId = '';
    await silentGap(harness, () => {
      const call = harness.sandbox.calls.ringInbound({ lineId: userLine(harness), caller: { name: 'Second Gap', number: '+15550148' } });
      callId = call.id;
      call.answer();
      call.end();
    });
    await harness.waitForLive();
    expect(rereadsDone(), 'the second gap closed while the first re-read was still waiting').toBe(0);
    harness.sandbox.faults.releaseHttpDelays();
    await harness.waitFor(() => harness.noticesFor(callId).includes('ended') && rereadsDone() === 2, 'the second gap re-read and its call reported', 15_000);
    expect(harness.noticesFor(callId).filter((t) => t !== 'report')).toEqual(['ended']);
    expect(harness.engine.history().find((r) => r.callId === callId)).toMatchObject({ outcome: 'answered', late: true });
  });

  it('rang and rang out inside the gap, summary indexed only after the re-read: exactly one missed, marked late in toast, history and JSON line', async ({ expect, onTestFinished }) => {
    const harness = await startHarness();
    onTestFinished(() => harness.close());
    const callId = await wholeCallInGap(harness, { name: 'Unseen Caller', number: '+15550177' }, false);
    // The reconnect's re-read comes before GoTo indexed the summary; REPORT_SUMMARY follows later.
    await harness.waitFor(() => harness.noticesFor(callId).includes('report'), 'the report after indexing', 15_000);
    expect(harness.noticesFor(callId)).toEqual(['missed', 'report']);
    const missed = harness.notices.find((n) => n.callId === callId && n.type === 'missed')!;
    expect(missed).toMatchObject({ late: true, caller: { name: 'Unseen Caller' }, line: { id: userLine(harness) } });
    expect(harness.engine.history().find((r) => r.callId === callId)).toMatchObject({ outcome: 'missed', late: true });
    expect(JSON.parse(noticeLine(missed))).toMatchObject({ type: 'missed', late: true });
    expect(toastFor(missed, { platform: 'linux', silent: false, demo: false })?.body).toMatch(/while Ringtray was offline/);
    // No second terminal notice, however the call is heard of again.
    harness.sandbox.faults.dropSockets();
    await harness.waitForLive();
    expect(harness.noticesFor(callId).filter((t) => t === 'missed' || t === 'ended')).toEqual(['missed']);
  });
  it('rang, answered and hung up all inside the gap, summary indexed after the re-read: one late ended, no toast left', async ({ expect, onTestFinished }) => {
    const harness = await startHarness();
    onTestFinished(() => harness.close());
    const callId = await wholeCallInGap(harness, { name: 'Whole Call Unseen', number: '+15550166' }, true);
    await harness.waitFor(() => harness.noticesFor(callId).includes('report'), 'the report after indexing', 15_000);
    // Never rang here, so nothing to answer or clear: its one terminal notice, marked late.
    expect(harness.noticesFor(callId)).toEqual(['ended', 'report']);
    expect(harness.notices.find((n) => n.callId === callId && n.type === 'ended')).toMatchObject({ late: true, caller: { name: 'Whole Call Unseen' } });
    expect(harness.engine.history().find((r) => r.callId === callId)).toMatchObject({ outcome: 'answered', late: true });
  });
});
