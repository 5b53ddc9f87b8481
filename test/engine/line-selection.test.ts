import { afterEach, describe, expect, it } from 'vitest';
import { parseHeadlessArgs } from '../../electron/engine/headless/headless-args';
import { lineSelectionSchema, type LineSelection } from '../../shared/settings';
import { startHarness, type Harness } from '../support/demo-harness';

// One line-selection shape from settings to the engine: the value Settings saves is the value
// the engine applies, and headless --lines produces the same shape. The engine runs against the
// GoTo sandbox over real loopback HTTP and WebSocket; nothing is mocked.

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('line selection', () => {
  it('"chosen" watches exactly the chosen lines, "all" ignores the kept line ids', async () => {
    h = await startHarness({ lines: 'mine' });
    const harness = h;
    const mine = harness.sandbox.userLines[0]!.id;
    const colleague = harness.sandbox.lines.find((l) => !harness.sandbox.userLines.some((u) => u.id === l.id))!.id;

    harness.engine.setLineSelection({ mode: 'chosen', lineIds: [colleague] });
    const onMine = harness.sandbox.calls.ringInbound({ lineId: mine });
    const onColleague = harness.sandbox.calls.ringInbound({ lineId: colleague });
    // Both frames come over the one socket in order: once the second call rang, the first was seen.
    await harness.waitFor(() => harness.noticesFor(onColleague.id).includes('ringing'), 'the chosen line to ring');
    expect(harness.noticesFor(onMine.id)).toEqual([]);

    // Switching back to "all" keeps the chosen ids in the value (Settings restores them later) but watches everything.
    harness.engine.setLineSelection({ mode: 'all', lineIds: [colleague] });
    const again = harness.sandbox.calls.ringInbound({ lineId: mine });
    await harness.waitFor(() => harness.noticesFor(again.id).includes('ringing'), 'my line to ring under "all"');
  });

  it('headless --lines gives the settings shape', () => {
    const parsed = (flag: string): LineSelection => {
      const result = parseHeadlessArgs(['--lines', flag]);
      if (!result.ok) throw new Error(result.message);
      return result.args.lines;
    };
    expect(parsed('mine')).toEqual({ mode: 'mine', lineIds: [] });
    expect(parsed('all')).toEqual({ mode: 'all', lineIds: [] });
    expect(parsed(' L1, L2 ,')).toEqual({ mode: 'chosen', lineIds: ['L1', 'L2'] });
    for (const flag of ['mine', 'all', 'L1,L2']) expect(lineSelectionSchema.safeParse(parsed(flag)).success).toBe(true);
    expect(parseHeadlessArgs(['--lines', ' , '])).toMatchObject({ ok: false });
  });
});
