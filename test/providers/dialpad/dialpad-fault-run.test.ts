// Ten calls through the Dialpad session with one fault before each, on URLs that expire every
// 2 s (so renewals run all along): every call must give exactly its notices, in order. The
// figures it prints are the ones the provider is judged by (calls rung vs ringing notices).
import { SignJWT } from 'jose';
import { afterAll, expect, it } from 'vitest';
import { CALL_LIST_FORBIDDEN_MESSAGE } from '../../../electron/engine/providers/dialpad/dialpad-session';
import { websocketSecretAccount } from '../../../electron/engine/providers/dialpad/dialpad-resources';
import { createRig, type Rig } from './dialpad-rig';

let rig: Rig;
afterAll(async () => rig?.close());

it('rings 10 calls through 10 faults: every call accounted for exactly once', async () => {
  rig = await createRig({ sandbox: { urlLifetimeSeconds: 2 } });
  rig.session.start();
  await rig.live();
  const { sandbox, session } = rig;
  const wait = (cond: () => boolean, what: string) => sandbox.waitFor(cond, { timeoutMs: 20_000, message: what });
  const reconnected = async (inject: () => void): Promise<void> => {
    const opened = session.connection.stats().opened;
    inject();
    await wait(() => session.connection.stats().opened > opened && session.connectionState().state === 'live', 'not live again');
  };
  const renewed = async (inject: () => void): Promise<void> => {
    const renewals = session.stats().renewals;
    inject();
    await wait(() => session.stats().renewals > renewals && session.connectionState().state === 'live', 'no renewal');
  };
  const forged = await new SignJWT({ call_id: '1', state: 'ringing', direction: 'inbound', target: { id: sandbox.user.id, type: 'user' } })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('not-the-secret'));

  const faults: Array<[string, () => Promise<void> | void]> = [
    ['socket dropped', () => reconnected(() => sandbox.faults.drop())],
    ['half-open socket', () => reconnected(() => sandbox.faults.halfOpen())],
    ['URL already expired at a renewal', () => renewed(() => (sandbox.faults.routes.expiredUrls = 1))],
    ['every event twice', () => void (sandbox.faults.events.duplicates = true)],
    ['garbage and a forged event', () => ['not json', '{"call_id":', forged].forEach((t) => sandbox.faults.garbage(t))],
    ['signed event of an unknown shape', async () => {
      const secret = await rig.secrets.get(websocketSecretAccount(rig.memory.ids!.websocketId));
      sandbox.faults.garbage(await new SignJWT({ call_id: { nested: true }, state: 42 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret!)));
    }],
    ['websocket deleted (404) and creating limited (429)', () => reconnected(() => {
      sandbox.faults.routes.createLimited = { times: 1, retryAfterSeconds: 1 };
      sandbox.faults.deleteWebsocket(rig.memory.ids!.websocketId);
    })],
    ['subscription deleted (404), recreated at the next renewal', async () => {
      const made = session.stats().subscriptionsCreated;
      sandbox.faults.deleteSubscription(rig.memory.ids!.subscriptionId!);
      await wait(() => session.stats().subscriptionsCreated > made, 'subscription not recreated');
    }],
    ['call list refused (403) after a drop', async () => {
      sandbox.faults.routes.callListForbidden = true;
      await reconnected(() => sandbox.faults.drop());
      await wait(() => session.connectionState().message === CALL_LIST_FORBIDDEN_MESSAGE, 'no 403 explanation');
    }],
    ['socket dropped again, list allowed again', () => {
      sandbox.faults.routes.callListForbidden = false;
      return reconnected(() => sandbox.faults.drop());
    }],
  ];

  const calls: Array<{ id: string; answered: boolean; fault: string }> = [];
  for (const [index, [fault, inject]] of faults.entries()) {
    await inject();
    const answered = index % 2 === 0;
    const id = sandbox.calls.ring({ caller: { name: `Caller ${index + 1}`, phone: `+1555010${index}` } });
    calls.push({ id, answered, fault });
    await wait(() => rig.count('ringing', id) === 1, `ringing of call ${index + 1} (${fault})`);
    if (answered) {
      sandbox.calls.answer(id);
      await wait(() => rig.count('answered', id) === 1, `answered of call ${index + 1}`);
    }
    sandbox.calls.end(id, answered ? 'hangup' : 'missed');
    await wait(() => rig.count('report', id) === 1, `report of call ${index + 1} (${fault})`);
    sandbox.faults.events.duplicates = false;
  }
  await sandbox.flushed();
  const ringing = rig.notices.filter((n) => n.type === 'ringing').length;
  console.log(`dialpad fault run: ${calls.length} calls rung, ${ringing} ringing notices, ${session.stats().renewals} URL renewals, ${session.stats().backfills} gap re-reads`);
  for (const [i, c] of calls.entries()) {
    const notices = rig.notices.filter((n) => n.callId === c.id).map((n) => n.type);
    const expected = c.answered ? ['ringing', 'answered', 'ended', 'report'] : ['ringing', 'missed', 'report'];
    expect({ call: i + 1, fault: c.fault, notices }).toEqual({ call: i + 1, fault: c.fault, notices: expected });
  }
  expect(session.stats()).toMatchObject({ badSignatures: 1, websocketsCreated: 2 });
  expect(session.stats().malformed).toBe(3);
  expect(ringing).toBe(calls.length);
}, 120_000);
