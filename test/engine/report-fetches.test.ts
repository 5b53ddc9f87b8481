import { afterEach, describe, expect, it } from 'vitest';
import { GOTO_REPORT_FETCHES } from '../../electron/engine/providers/goto/goto-session';
import { startHarness, type Harness } from '../support/demo-harness';

// Report fetches in a call centre (docs/reliability.md#report-fetches): GoTo announces the report of every
// call of the account, but each desktop fetches only those of the calls it watches, and at most
// GOTO_REPORT_FETCHES at a time. Counted at the GoTo sandbox, over real loopback HTTP.

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const REPORTS = 'GET /call-events-report/v1/reports/:id';

describe('report fetches', () => {
  it('a call on a colleague’s line (not watched) causes no report fetch; mine does', async () => {
    h = await startHarness({ lines: 'mine' });
    const harness = h;
    const colleague = harness.sandbox.lines.find((l) => !harness.sandbox.userLines.some((u) => u.id === l.id))!;
    const before = harness.sandbox.stats.requests[REPORTS] ?? 0;
    const theirs = harness.sandbox.calls.ringInbound({ lineId: colleague.id });
    theirs.end();
    const mine = harness.sandbox.calls.ringInbound({ lineId: harness.sandbox.userLines[0]!.id });
    await harness.waitFor(() => harness.noticesFor(mine.id).includes('ringing'), 'ringing');
    mine.end();
    await harness.waitFor(() => harness.noticesFor(mine.id).includes('report'), 'my report');
    expect(harness.sandbox.stats.requests[REPORTS] ?? 0).toBe(before + 1);
    expect(harness.noticesFor(theirs.id)).toEqual([]);
  });

  it(`a burst of ended calls: at most ${GOTO_REPORT_FETCHES} report fetches in flight, the rest queued, every report delivered`, async () => {
    h = await startHarness({ lines: 'all' });
    const harness = h;
    // Each report answer is held 300 ms, so a burst piles up unless the client queues.
    harness.sandbox.faults.delayHttp({ method: 'GET', pathPrefix: '/call-events-report/v1/reports', delayMs: 300, times: 100 });
    const before = harness.sandbox.stats.requests[REPORTS] ?? 0;
    const reportsDelivered = () => harness.notices.filter((n) => n.type === 'report').length;
    const calls = Array.from({ length: 10 }, () => harness.sandbox.calls.ringInbound({ lineId: harness.sandbox.userLines[0]!.id }));
    await harness.waitFor(() => calls.every((c) => harness.noticesFor(c.id).includes('ringing')), 'all ringing');
    let maxInFlight = 0;
    const sampler = setInterval(() => {
      maxInFlight = Math.max(maxInFlight, (harness.sandbox.stats.requests[REPORTS] ?? 0) - before - reportsDelivered());
    }, 5);
    try {
      for (const call of calls) call.end();
      await harness.waitFor(() => calls.every((c) => harness.noticesFor(c.id).includes('report')), 'every report', 20_000);
    } finally {
      clearInterval(sampler);
    }
    expect(maxInFlight).toBeGreaterThan(0);
    expect(maxInFlight).toBeLessThanOrEqual(GOTO_REPORT_FETCHES);
    expect((harness.sandbox.stats.requests[REPORTS] ?? 0) - before).toBe(calls.length);
  });
});
