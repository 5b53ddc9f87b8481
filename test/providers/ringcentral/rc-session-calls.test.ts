// Telephony sessions → notices, end to end through the gateway and the call tracker.
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_LINES_NOT_ALLOWED_MESSAGE } from '../../../electron/engine/providers/ringcentral/rc-session';
import { startRig, type Rig } from './rc-harness';

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

describe('RingCentral session: calls', () => {
  it('rings, answers and ends; the report comes from the call log once the record exists', async () => {
    rig = await startRig();
    await rig.live();
    const { calls } = rig.sandbox;
    const a = calls.ring({ setup: true }).telephonySessionId;
    await rig.waitFor('ringing', () => rig!.of(a).includes('ringing'));
    const ringing = rig.notices.find((n) => n.callId === a)!;
    expect(ringing).toMatchObject({ provider: 'ringcentral', direction: 'inbound', line: { id: rig.sandbox.owner.id } });
    expect(ringing.caller.number).toMatch(/^\+1/);
    calls.answer(a);
    calls.hangUp(a);
    await rig.waitFor('report', () => rig!.of(a).includes('report'));
    expect(rig.of(a)).toEqual(['ringing', 'answered', 'ended', 'report']);
    const report = rig.notices.find((n) => n.type === 'report')!.report!;
    expect(report).toMatchObject({ callId: a, outcome: 'answered', outcomeDetail: 'Accepted' });
    expect(report.durationSeconds).not.toBeNull();
  });

  it('missed for Disconnected+missedCall and VoiceMail; ended for Gone; RingOut does not ring; a late caller name fills in', async () => {
    rig = await startRig();
    await rig.live();
    const { calls } = rig.sandbox;
    const missed = calls.ring().telephonySessionId;
    const vm = calls.ring().telephonySessionId;
    const gone = calls.ring().telephonySessionId;
    const ringOut = calls.ring({ origin: 'RingOut' }).telephonySessionId;
    const nameless = calls.ring({ callerName: false, nameLater: true }).telephonySessionId;
    await rig.waitFor('four ringing', () => rig!.notices.filter((n) => n.type === 'ringing').length === 4);
    calls.hangUp(missed);
    calls.voicemail(vm);
    calls.transfer(gone);
    calls.hangUp(ringOut);
    calls.answer(nameless);
    calls.hangUp(nameless);
    await rig.waitFor('terminal notices', () => [missed, vm, gone, nameless].every((id) => rig!.of(id).some((t) => t === 'missed' || t === 'ended')));
    expect(rig.of(missed).slice(0, 2)).toEqual(['ringing', 'missed']);
    expect(rig.of(vm).slice(0, 2)).toEqual(['ringing', 'missed']);
    expect(rig.of(gone).slice(0, 2)).toEqual(['ringing', 'ended']);
    expect(rig.of(ringOut)).not.toContain('ringing');
    // Rang as a number; the name that came later is on the notices after it.
    const answered = rig.notices.find((n) => n.callId === nameless && n.type === 'answered')!;
    expect(answered.caller.name).not.toBeNull();
  });

  it('"all lines" subscribes account-wide when allowed; refused → own extension with a clear message', async () => {
    rig = await startRig({}, { allLines: true });
    await rig.live();
    const colleague = rig.sandbox.calls.ring({ extensionId: rig.sandbox.extensions[1]!.id }).telephonySessionId;
    await rig.waitFor('colleague rings', () => rig!.of(colleague).includes('ringing'));
    expect(rig.sandbox.subscriptions()[0]!.scope).toBe('account');
    await rig.close();

    rig = await startRig({ admin: false }, { allLines: true });
    await rig.live();
    expect(rig.session.connectionState()).toEqual({ state: 'live', message: ALL_LINES_NOT_ALLOWED_MESSAGE, problem: null });
    expect(rig.sandbox.subscriptions()[0]!.scope).toBe('extension');
    const own = rig.sandbox.calls.ring().telephonySessionId;
    await rig.waitFor('own call rings', () => rig!.of(own).includes('ringing'));
  });

  it('quit removes the subscription from the server', async () => {
    rig = await startRig();
    await rig.live();
    expect(rig.sandbox.subscriptions()).toHaveLength(1);
    await rig.session.stop(2_000);
    expect(rig.sandbox.subscriptions()).toHaveLength(0);
    expect(rig.session.stats()).toMatchObject({ timers: 0, subscriptionIds: 0 });
    expect(rig.session.connection.debugResources()).toMatchObject({ sockets: 0, timers: 0 });
  });
});
