// Ten calls with one Dialpad fault before each, shared by the provider's fault-run test and the
// headless end-to-end test so both prove the same thing: every call rings once, ends once and gets
// its report, whatever came before it. Dialpad does not replay events sent while no socket was
// connected (docs/providers/dialpad.md, "Gaps"), so a fault that takes the socket down is ridden
// out (a socket accepted after it is the only one open and the client says live) before the call
// rings; the faults that need no reconnect come straight before their call.
import { SignJWT } from 'jose';
import type { DialpadSandbox } from './dialpad-sandbox';

export interface DialpadFaultRunClient {
  /** The client says its connection is live. */
  live(): boolean;
  /** The notice types the client gave for a call so far, in order. */
  noticesFor(callId: string): string[];
  /** How long one step (a recovery, a notice) may take. */
  timeoutMs: number;
}

export interface DialpadFaultRunCall {
  id: string;
  fault: string;
  /** The notice types this call must give, in order. */
  expected: string[];
}

const sign = (claims: Record<string, unknown>, secret: string): Promise<string> =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

function dialpadTenFaults(sandbox: DialpadSandbox, client: DialpadFaultRunClient): Array<[name: string, inject: () => Promise<void>]> {
  const f = sandbox.faults;
  const wait = (cond: () => boolean, what: string) => sandbox.waitFor(cond, { timeoutMs: client.timeoutMs, message: what });
  const accepted = () => sandbox.stats.connectionsAccepted;
  const created = () => sandbox.stats.requests['POST /api/v2/websockets'] ?? 0;
  const websocket = () => {
    const ws = sandbox.websockets()[0];
    if (!ws) throw new Error('the sandbox has no websocket');
    return ws;
  };
  /** Runs `inject`, then waits until a socket opened after it is the only one and live. */
  const reconnected = async (inject: () => void): Promise<void> => {
    const before = accepted();
    inject();
    await wait(() => accepted() > before && sandbox.stats.openSockets === 1 && client.live(), 'not live again');
  };
  return [
    ['socket dropped, and dropped again during the recovery', async () => {
      const before = accepted();
      f.drop();
      await wait(() => accepted() > before, 'no new socket after the drop');
      await reconnected(() => f.drop());
    }],
    ['subscription deleted (404), made again at the next URL renewal (make before break)', async () => {
      const old = sandbox.subscriptions()[0]?.id;
      await reconnected(() => old && f.deleteSubscription(old));
      await wait(() => sandbox.subscriptions().some((s) => s.id !== old), 'the subscription was not made again at the renewal');
    }],
    ['URL already expired at the reconnect', async () => {
      const rejected = sandbox.stats.upgradesRejected;
      await reconnected(() => ((f.routes.expiredUrls = 1), f.drop()));
      await wait(() => sandbox.stats.upgradesRejected > rejected, 'the expired URL was never tried');
    }],
    ['websocket deleted at Dialpad (404) → made again', async () => {
      const made = created();
      await reconnected(() => f.deleteWebsocket(websocket().id));
      await wait(() => created() === made + 1, 'the websocket was not made again once');
    }],
    ['429 on create (Retry-After 1 s) while making the websocket again', async () => {
      const made = created();
      f.routes.createLimited = { times: 1, retryAfterSeconds: 1 };
      await reconnected(() => f.deleteWebsocket(websocket().id));
      await wait(() => created() === made + 2, 'the refused create was not tried again once');
    }],
    ['an event with a bad signature', async () => {
      f.garbage(await sign({ call_id: '1', state: 'ringing', direction: 'inbound', target: { id: sandbox.user.id, type: 'user' } }, 'not-the-secret'));
    }],
    ['garbage frames and a signed event of an unknown shape', async () => {
      const secret = websocket().secret;
      if (!secret) throw new Error('the websocket has no signing secret');
      for (const text of ['not json', '{"call_id": ', await sign({ call_id: { nested: true }, state: 42 }, secret)]) f.garbage(text);
    }],
    ['every event twice', async () => {
      f.events.duplicates = true;
    }],
    ['subscription deleted (404) → made again at the reconnect', () => reconnected(() => (f.deleteSubscription(sandbox.subscriptions()[0]!.id), f.drop()))],
    // Last: the call list stays refused to the end of the run.
    ['call list refused (403) after a drop', () => reconnected(() => ((f.routes.callListForbidden = true), f.drop()))],
  ];
}

/** Rings the ten calls, each after its fault (every other one answered), and waits for every notice. */
export async function runDialpadTenFaults(sandbox: DialpadSandbox, client: DialpadFaultRunClient): Promise<DialpadFaultRunCall[]> {
  const wait = (cond: () => boolean, what: string) => sandbox.waitFor(cond, { timeoutMs: client.timeoutMs, message: what });
  const calls: DialpadFaultRunCall[] = [];
  for (const [index, [fault, inject]] of dialpadTenFaults(sandbox, client).entries()) {
    await inject();
    const answered = index % 2 === 0;
    const id = sandbox.calls.ring({ caller: { name: `Caller ${index + 1}`, phone: `+1555010${index}` } });
    calls.push({ id, fault, expected: answered ? ['ringing', 'answered', 'ended', 'report'] : ['ringing', 'missed', 'report'] });
    const seen = (type: string) => client.noticesFor(id).includes(type);
    await wait(() => seen('ringing'), `ringing of call ${index + 1} (${fault})`);
    if (answered) {
      sandbox.calls.answer(id);
      await wait(() => seen('answered'), `answered of call ${index + 1} (${fault})`);
    }
    sandbox.calls.end(id, answered ? 'hangup' : 'missed');
    await wait(() => seen('missed') || seen('ended'), `end of call ${index + 1} (${fault})`);
    sandbox.faults.events.duplicates = false;
    // The next fault and call come while this call's report is still being fetched.
  }
  for (const [i, c] of calls.entries()) await wait(() => client.noticesFor(c.id).includes('report'), `report of call ${i + 1} (${c.fault})`);
  await sandbox.flushed();
  return calls;
}
