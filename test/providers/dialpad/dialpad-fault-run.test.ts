// Ten calls through the Dialpad session with one fault before each (the script the headless run
// uses too, electron/sandbox/dialpad/dialpad-fault-script.ts), on URLs that expire every 2 s (so
// renewals run all along): every call must give exactly its notices, in order. The figures it
// prints are the ones the provider is judged by (calls rung vs ringing notices).
import { afterAll, expect, it } from 'vitest';
import { CALL_LIST_FORBIDDEN_MESSAGE } from '../../../electron/engine/providers/dialpad/dialpad-session';
import { runDialpadTenFaults } from '../../../electron/sandbox/dialpad/dialpad-fault-script';
import { createRig, type Rig } from './dialpad-rig';

let rig: Rig;
afterAll(async () => rig?.close());

it('rings 10 calls through 10 faults: every call accounted for exactly once', async () => {
  rig = await createRig({ sandbox: { urlLifetimeSeconds: 2 } });
  rig.session.start();
  await rig.live();
  const { sandbox, session } = rig;
  const calls = await runDialpadTenFaults(sandbox, {
    live: () => session.connectionState().state === 'live',
    noticesFor: (id) => rig.notices.filter((n) => n.callId === id).map((n) => n.type),
    timeoutMs: 20_000,
  });
  const ringing = rig.notices.filter((n) => n.type === 'ringing').length;
  console.log(`dialpad fault run: ${calls.length} calls rung, ${ringing} ringing notices, ${session.stats().renewals} URL renewals, ${session.stats().backfills} gap re-reads`);
  for (const [i, c] of calls.entries()) {
    const notices = rig.notices.filter((n) => n.callId === c.id).map((n) => n.type);
    expect({ call: i + 1, fault: c.fault, notices }).toEqual({ call: i + 1, fault: c.fault, notices: c.expected });
  }
  expect(session.stats()).toMatchObject({ badSignatures: 1, malformed: 3, websocketsCreated: 3, subscriptionsCreated: 5 });
  expect(ringing).toBe(calls.length);
  // The last fault leaves the call list refused: the status line says what is missing.
  await sandbox.waitFor(() => session.connectionState().message === CALL_LIST_FORBIDDEN_MESSAGE, { timeoutMs: 20_000, message: 'no 403 explanation' });
  expect(session.connectionState().state).toBe('live');
}, 120_000);
