import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/demo-harness';

// The one fault run at the product's own socket timings (ping every 10 s, pong deadline 4 s;
// docs/reliability.md): a half-open socket — TCP up, nothing arriving — is found only by those
// timers, so this checks the shipped numbers, not the shortened test ones. Every other fault
// runs at test timings in engine-sandbox.test.ts. Takes up to ~14 s.

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

it('a half-open socket at product timings: found by the pong deadline, and a call that rang meanwhile rings once', { timeout: 90_000 }, async () => {
  h = await startHarness({ timings: 'product' });
  const harness = h;
  const t0 = performance.now();
  harness.sandbox.faults.halfOpen(true);
  const call = harness.sandbox.calls.ringInbound({ lineId: harness.sandbox.userLines[0]!.id, caller: { name: 'During Outage', number: '+15550123' } });
  // Generous: ping interval + pong deadline is 14 s; a busy machine only makes this slower.
  await harness.waitFor(() => harness.noticesFor(call.id).includes('ringing'), 'ringing after the half-open socket was replaced', 60_000);
  console.log(`half-open at product timings → call noticed after ${((performance.now() - t0) / 1000).toFixed(1)} s (ping 10 s + deadline 4 s)`);
  expect(harness.logs.filter((l) => l.message === 'socket presumed dead').map((l) => l.fields?.cause)).toEqual(['pong-timeout']);
  harness.sandbox.faults.halfOpen(false);
  call.end();
  await harness.waitFor(() => harness.noticesFor(call.id).includes('missed'), 'missed');
  expect(harness.noticesFor(call.id).filter((t) => t === 'ringing')).toHaveLength(1);
});
