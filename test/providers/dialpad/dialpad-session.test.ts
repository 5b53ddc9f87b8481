// The Dialpad session against the Dialpad sandbox over real sockets: resources kept and reused,
// events verified, mapped and deduplicated, queue calls as one call, and everything Dialpad's
// side can do wrong (429, 404, 403, forged signatures, garbage, duplicates, drops, half-open).
import { afterEach, describe, expect, it } from 'vitest';
import { CALL_LIST_FORBIDDEN_MESSAGE } from '../../../electron/engine/providers/dialpad/dialpad-session';
import { websocketSecretAccount } from '../../../electron/engine/providers/dialpad/dialpad-resources';
import { createRig, type Rig } from './dialpad-rig';

let rig: Rig;
afterEach(async () => rig?.close());

async function started(options: Parameters<typeof createRig>[0] = {}): Promise<Rig> {
  rig = await createRig(options);
  rig.session.start();
  await rig.live();
  return rig;
}

const waitFor = (cond: () => boolean, message: string) => rig.sandbox.waitFor(cond, { timeoutMs: 10_000, message });

describe('Dialpad session', () => {
  it('creates the websocket and subscription once, rings, answers, ends with a report, and reuses both after a restart', async () => {
    await started();
    const ids = rig.memory.ids;
    expect(ids?.subscriptionId).toBeTruthy();
    expect(await rig.secrets.get(websocketSecretAccount(ids!.websocketId))).toBeTruthy();
    const id = rig.sandbox.calls.ring({ caller: { name: 'Ada Lovelace', phone: '+14155550100' } });
    await waitFor(() => rig.count('ringing', id) === 1, 'no ringing notice');
    const ringing = rig.notices.find((n) => n.type === 'ringing')!;
    expect(ringing).toMatchObject({ provider: 'dialpad', callId: id, direction: 'inbound', caller: { name: 'Ada Lovelace', number: '+14155550100' }, line: { id: rig.sandbox.user.id } });
    rig.sandbox.calls.answer(id);
    rig.sandbox.calls.end(id);
    await waitFor(() => rig.count('report', id) === 1, 'no report');
    expect(rig.notices.map((n) => n.type)).toEqual(['ringing', 'answered', 'ended', 'report']);
    expect(rig.notices[3]!.report).toMatchObject({ outcome: 'answered', outcomeDetail: expect.stringContaining('recorded') });

    await rig.restart();
    expect(rig.memory.ids).toEqual(ids);
    expect(rig.session.stats()).toMatchObject({ websocketsCreated: 0, subscriptionsCreated: 0 });
    expect(rig.sandbox.stats.requests['POST /api/v2/websockets']).toBe(1);
    expect(rig.sandbox.stats.requests['POST /api/v2/subscriptions/call']).toBe(1);
    const next = rig.sandbox.calls.ring();
    rig.sandbox.calls.end(next, 'missed');
    await waitFor(() => rig.count('missed', next) === 1, 'no missed notice after restart');
  });

  it('renews the URL before exp, socket before socket, with short calls ringing across it: none lost, none twice', async () => {
    // URLs of 4 s renewed 1 s after each goes live: several renewals, each 3 s before its expiry.
    await started({ sandbox: { urlLifetimeSeconds: 4 }, session: { renewLeadFraction: 0.75 } });
    const ids: string[] = [];
    // Calls of 30 ms start and end continuously across three renewals.
    while (rig.session.stats().renewals < 3) {
      const id = rig.sandbox.calls.ring();
      ids.push(id);
      await new Promise((r) => setTimeout(r, 30));
      rig.sandbox.calls.end(id, ids.length % 2 ? 'missed' : 'hangup');
    }
    await waitFor(() => ids.every((id) => rig.count('missed', id) + rig.count('ended', id) === 1), 'a call has no terminal notice');
    await rig.sandbox.flushed();
    for (const id of ids) expect({ id, ringing: rig.count('ringing', id) }).toEqual({ id, ringing: 1 });
    expect(rig.session.stats().backfills).toBe(0);
    expect(rig.sandbox.stats.droppedAtExpiry).toBe(0);
    expect(rig.sandbox.stats.framesLost).toBe(0);
  });

  it('a call whose ringing is still on the wire on the old socket when the client switches, and whose end comes first on the new one, rings then ends', async () => {
    // URLs of 4 s renewed 1 s after each goes live: the old socket is far from its expiry.
    await started({ sandbox: { urlLifetimeSeconds: 4 }, session: { renewLeadFraction: 0.75 } });
    const before = rig.session.connection.generation;
    let id = '';
    // The ringing goes to the socket open now and stays on the wire; the end is sent the moment
    // the next socket is accepted, so it reaches the new socket before the ringing reaches the old.
    rig.sandbox.faults.inFlightAtSwitch(() => rig.sandbox.calls.end(id, 'missed'));
    id = rig.sandbox.calls.ring();
    await waitFor(() => rig.session.connection.generation !== before && rig.count('missed', id) === 1, 'the call never ended after the switch');
    await waitFor(() => rig.sandbox.stats.openSockets === 1, 'the old socket never closed');
    await rig.sandbox.flushed();
    expect(rig.notices.filter((n) => n.callId === id && n.type !== 'report').map((n) => n.type)).toEqual(['ringing', 'missed']);
    expect(rig.session.stats().backfills).toBe(0);
  });

  it('treats the server dropping the connection as a normal reconnect, and re-reads calls that ended meanwhile', async () => {
    await started({ sandbox: { connectionLifetimeSeconds: 1 } });
    const id = rig.sandbox.calls.ring();
    await waitFor(() => rig.count('ringing', id) === 1, 'no ringing');
    await waitFor(() => rig.sandbox.stats.droppedAtExpiry >= 1, 'server never dropped');
    await rig.live();
    rig.sandbox.calls.end(id, 'missed');
    await waitFor(() => rig.count('missed', id) === 1, 'no missed after the server drop');
    expect(rig.session.connectionState().state).toBe('live');
  });

  it('gets past a URL that is already expired, at start and during a renewal', async () => {
    // URLs of 20 s renewed 1 s after each goes live: only the injected URLs are ever expired.
    await started({ sandbox: { urlLifetimeSeconds: 20 }, session: { renewLeadFraction: 0.95 } });
    await rig.session.stop();
    const { routes } = rig.sandbox.faults;
    const rejected = rig.sandbox.stats.upgradesRejected;
    routes.expiredUrls = 1;
    await rig.restart();
    expect(routes.expiredUrls).toBe(0);
    expect(rig.sandbox.stats.upgradesRejected).toBe(rejected + 1);
    const generation = rig.session.connection.generation;
    routes.expiredUrls = 1;
    await waitFor(
      () => routes.expiredUrls === 0 && rig.sandbox.stats.upgradesRejected === rejected + 2 && rig.session.connection.generation !== generation && rig.session.connectionState().state === 'live',
      'the renewal never got past the expired URL',
    );
    const id = rig.sandbox.calls.ring();
    rig.sandbox.calls.end(id, 'missed');
    await waitFor(() => rig.count('missed', id) === 1, 'no missed after the expired URL');
    expect(rig.count('ringing', id)).toBe(1);
    expect(rig.sandbox.stats.droppedAtExpiry).toBe(0);
    expect(rig.session.stats().backfills).toBe(0);
  });

  it('makes the websocket and subscription again only when Dialpad answers 404 for them', async () => {
    await started();
    const first = rig.memory.ids!;
    await rig.session.stop();
    rig.sandbox.faults.deleteSubscription(first.subscriptionId!);
    await rig.restart();
    expect(rig.memory.ids).toEqual({ websocketId: first.websocketId, subscriptionId: expect.not.stringMatching(first.subscriptionId!) });
    expect(rig.session.stats()).toMatchObject({ websocketsCreated: 0, subscriptionsCreated: 1 });

    // The websocket vanishes while live: the socket is closed, the next dial sees 404 and makes both again.
    rig.sandbox.faults.deleteWebsocket(first.websocketId);
    await waitFor(() => rig.session.stats().websocketsCreated === 1, 'websocket not recreated');
    await rig.live();
    expect(rig.memory.ids!.websocketId).not.toBe(first.websocketId);
    expect(await rig.secrets.get(websocketSecretAccount(first.websocketId))).toBeNull();
    const id = rig.sandbox.calls.ring();
    await waitFor(() => rig.count('ringing', id) === 1, 'no ringing on the new websocket');
  });

  it('waits as told when creating is rate limited (429 + Retry-After)', async () => {
    rig = await createRig();
    rig.sandbox.faults.routes.createLimited = { times: 1, retryAfterSeconds: 1 };
    const delays: number[] = [];
    rig.session.connection.on('failure', (f) => delays.push(f.delayMs));
    rig.session.start();
    await rig.live();
    expect(delays[0]).toBeGreaterThanOrEqual(1_000);
    expect(rig.sandbox.stats.requests['POST /api/v2/websockets']).toBe(2);
  });

  it('drops forged signatures, garbage and unknown shapes, and deduplicates repeated events, without a crash', async () => {
    await started();
    rig.sandbox.faults.events.badSignatures = 1;
    const forged = rig.sandbox.calls.ring();
    rig.sandbox.faults.garbage();
    rig.sandbox.faults.garbage('{"call_id": ');
    rig.sandbox.faults.events.unknownShapes = 1;
    const odd = rig.sandbox.calls.ring();
    rig.sandbox.faults.events.duplicates = true;
    const twice = rig.sandbox.calls.ring();
    rig.sandbox.calls.answer(twice);
    rig.sandbox.calls.end(twice);
    // Each of the three states came twice: the second copies are counted as they arrive. A socket
    // lost meanwhile would lose frames and re-read the call list instead: that is said at once.
    await waitFor(() => (rig.count('ended', twice) === 1 && rig.session.stats().duplicates === 3) || rig.session.stats().backfills > 0, 'duplicated call did not end');
    expect(rig.session.stats().backfills, 'the socket was lost during the test').toBe(0);
    expect(rig.count('ringing', forged)).toBe(0);
    expect(rig.count('ringing', odd)).toBe(0);
    expect(rig.count('ringing', twice)).toBe(1);
    expect(rig.count('answered', twice)).toBe(1);
    expect(rig.session.stats()).toMatchObject({ badSignatures: 1, malformed: 3, duplicates: 3 });
    expect(rig.session.connectionState().state).toBe('live');
    // The forged and odd calls still end correctly from their next (good) event.
    rig.sandbox.faults.events.duplicates = false;
    rig.sandbox.calls.end(forged, 'missed');
    rig.sandbox.calls.end(odd, 'missed');
    await waitFor(() => rig.count('missed', forged) === 1 && rig.count('missed', odd) === 1, 'calls whose ringing was dropped did not end');
  });

  it('shows a queue call with several legs as one call: one toast, one terminal notice', async () => {
    await started();
    const master = rig.sandbox.calls.newQueueCall({ name: 'Queue Caller', phone: '+13125550111' });
    const center = rig.sandbox.calls.ring({ masterCallId: master, target: 'callcenter' });
    const leg1 = rig.sandbox.calls.ring({ masterCallId: master });
    await waitFor(() => rig.count('ringing', master) === 1, 'queue call did not ring');
    rig.sandbox.calls.end(leg1, 'missed');
    const leg2 = rig.sandbox.calls.ring({ masterCallId: master });
    rig.sandbox.calls.answer(leg2);
    rig.sandbox.calls.end(leg2);
    rig.sandbox.calls.end(center);
    await waitFor(() => rig.count('ended', master) === 1, 'queue call never ended');
    await rig.sandbox.flushed();
    expect(rig.count('ringing', master)).toBe(1);
    expect(rig.count('answered', master)).toBe(1);
    expect(rig.count('missed', master)).toBe(0);
    expect(rig.notices.filter((n) => n.type === 'ringing')).toHaveLength(1);
  });

  it('re-reads the call list after a drop: a call that rang live and ended in the gap gets its one missed notice', async () => {
    await started();
    const id = rig.sandbox.calls.ring();
    await waitFor(() => rig.count('ringing', id) === 1, 'no ringing');
    rig.sandbox.faults.drop();
    rig.sandbox.calls.end(id, 'missed');
    const unseen = rig.sandbox.calls.ring();
    rig.sandbox.calls.end(unseen, 'missed');
    await waitFor(() => rig.count('missed', id) === 1 && rig.count('missed', unseen) === 1, 'calls of the gap not accounted for');
    await waitFor(() => rig.session.stats().backfills >= 1, 'no backfill');
    expect(rig.count('missed', id)).toBe(1);
    expect(rig.count('ringing', unseen)).toBeLessThanOrEqual(1);
  });

  it('finds a half-open socket by its missing pongs and backfills what rang while it was silent', async () => {
    await started();
    rig.sandbox.faults.halfOpen();
    const id = rig.sandbox.calls.ring();
    rig.sandbox.calls.end(id, 'missed');
    await waitFor(() => rig.count('missed', id) === 1, 'half-open gap not backfilled');
    expect(rig.count('ringing', id)).toBe(0);
    expect(rig.session.stats().backfills).toBe(1);
    const after = rig.sandbox.calls.ring();
    await waitFor(() => rig.count('ringing', after) === 1, 'no ringing after half-open');
  });

  it('explains a 403 on the call list and keeps ringing', async () => {
    await started();
    rig.sandbox.faults.routes.callListForbidden = true;
    rig.sandbox.faults.drop();
    await waitFor(() => rig.session.connectionState().message === CALL_LIST_FORBIDDEN_MESSAGE, 'no explanation');
    expect(rig.session.connectionState().state).toBe('live');
    const id = rig.sandbox.calls.ring();
    await waitFor(() => rig.count('ringing', id) === 1, 'no ringing after the 403');
  });

  it('keeps both resources on quit and deletes both on sign-out', async () => {
    await started();
    const ids = rig.memory.ids!;
    await rig.session.stop();
    expect(rig.sandbox.websockets().map((w) => w.id)).toEqual([ids.websocketId]);
    expect(rig.sandbox.subscriptions()).toHaveLength(1);
    await rig.restart();
    await rig.session.forget();
    expect(rig.sandbox.websockets()).toEqual([]);
    expect(rig.sandbox.subscriptions()).toEqual([]);
    expect(rig.memory.ids).toBeNull();
    expect(await rig.secrets.get(websocketSecretAccount(ids.websocketId))).toBeNull();
  });
});
