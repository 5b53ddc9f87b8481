// Stopping RingCentral's session while its subscription is being made (docs/reliability.md, "Quit
// and stop"): the subscribe request travels on the gateway socket itself, so its answer — the id
// to delete — can only arrive while that socket is open. Real sockets against the sandbox, whose
// gateway makes the subscription at once and holds its reply back.
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, type Rig } from './rc-harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('RingCentral session: stop while subscribing', () => {
  it('a subscribe reply still in flight at stop: stop waits for it within its budget and deletes what it made', async () => {
    rig = await startRig();
    await rig.live();
    const { faults } = rig.sandbox;
    // WSG-902 ends the session on the server (its subscription goes with it); the client
    // reconnects and subscribes again, and that reply is held back.
    faults.delayNextSubscribeReply(600);
    faults.errorFrame('WSG-902');
    await rig.waitFor('the new subscription made on the server, its reply not yet sent', () => rig!.sandbox.stats.subscriptionsCreated === 2);
    expect(rig.session.connectionState().state).not.toBe('live');
    expect(rig.sandbox.subscriptions()).toHaveLength(1);

    await rig.session.stop(3_000);
    expect(rig.sandbox.subscriptions()).toEqual([]);
    expect(rig.sandbox.stats.openSockets).toBe(0);
    expect(rig.session.stats()).toMatchObject({ timers: 0, subscriptionIds: 0 });
    expect(rig.session.connection.debugResources()).toMatchObject({ sockets: 0, timers: 0, attempting: false });
  });

  it('stop while a changed line choice is re-subscribing on the live socket: the new subscription is deleted too', async () => {
    rig = await startRig();
    await rig.live();
    const { faults } = rig.sandbox;
    faults.delayNextSubscribeReply(600);
    rig.session.setLineSelection({ mode: 'all', lineIds: [] });
    await rig.waitFor('the account-wide subscription made, its reply held', () => rig!.sandbox.subscriptions().some((s) => s.scope === 'account'));
    await rig.session.stop(3_000);
    expect(rig.sandbox.subscriptions()).toEqual([]);
    expect(rig.session.stats()).toMatchObject({ timers: 0, subscriptionIds: 0 });
  });

  it('a reply later than the budget: stop still settles within it, nothing of the session keeps running', async () => {
    rig = await startRig();
    await rig.live();
    const { faults } = rig.sandbox;
    faults.delayNextSubscribeReply(60_000);
    faults.errorFrame('WSG-902');
    await rig.waitFor('subscription made, reply held', () => rig!.sandbox.stats.subscriptionsCreated === 2);
    await rig.session.stop(300);
    // The socket is closed once the budget is spent; the server drops the orphan when its recoveryTimeout ends.
    await rig.waitFor('socket closed', () => rig!.sandbox.stats.openSockets === 0);
    expect(rig.session.stats()).toMatchObject({ timers: 0, subscriptionIds: 0 });
    expect(rig.session.connection.debugResources()).toMatchObject({ sockets: 0, timers: 0, attempting: false });
  });
});
