// Ten calls, one fault before each, through the RingCentral session and the call tracker: every
// call rings exactly once and gets exactly one terminal notice, whatever the fault was.
import { afterEach, expect, it } from 'vitest';
import { startRig, type Rig } from './rc-harness';
import { rcTenFaults } from '../../../electron/sandbox/ringcentral/rc-fault-script';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

it('10 calls through 9 faults: 10 ringing notices, 10 terminal notices, nothing twice', async () => {
  rig = await startRig({}, { connection: { pingIntervalMs: 300, pongTimeoutMs: 300, suspendToleranceMs: 60_000 } });
  await rig.live();
  const f = rig.sandbox.faults;
  const faults = rcTenFaults(f);
  const ids: string[] = [];
  for (const [name, fault] of faults) {
    fault();
    const id = rig.sandbox.calls.ring().telephonySessionId;
    ids.push(id);
    await rig.waitFor(`ringing after ${name}`, () => rig!.of(id).includes('ringing'), 15_000);
    f.failRecoveries(false);
    rig.sandbox.calls.hangUp(id);
    await rig.waitFor(`missed after ${name}`, () => rig!.of(id).includes('missed'), 15_000);
    await rig.live();
  }
  for (const id of ids) expect(rig.of(id).filter((t) => t !== 'report')).toEqual(['ringing', 'missed']);
});
