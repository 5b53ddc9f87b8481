import { describe, expect, it } from 'vitest';
import { measureColdStart } from '../../bench/cold-start';

// Cold start with a stored refresh token (docs/reliability.md; target: ≤ 4 sequential round
// trips). Every fetch is recorded with its start and end; the chain is the longest run of
// requests where each began after the previous one answered. This is structure, not speed:
// requests that do not wait for each other start in the same tick whatever the machine.
describe('cold start', () => {
  it('reaches live in 4 sequential round trips: token, {account key ‖ lines ‖ channel}, socket, subscriptions', async () => {
    const run = await measureColdStart();
    console.log(`cold start: ${run.roundTrips} round trips (${run.chain}), ${run.toLiveMs.toFixed(1)} ms`);
    expect(run.chain).toMatch(/^POST \/oauth\/token → \{.*POST \/notification-channel\/v1\/channels\/ringtray.*\} → socket → \{.*subscriptions.*\}$/);
    expect(run.chain.split(' → ')[1]).toContain('/users/v1/me');
    expect(run.roundTrips).toBe(4);
  });
});
