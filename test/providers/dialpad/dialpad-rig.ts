// A Dialpad session wired to the Dialpad sandbox and a real call tracker, with short timings:
// what the provider tests drive. Nothing is mocked: HTTP, the event sockets, JWT signing and
// verification are all real, on 127.0.0.1.
import type { CallNotice } from '../../../shared/calls';
import { createCallTracker, type CallTracker } from '../../../electron/engine/calls/call-tracker';
import { requestJson } from '../../../electron/engine/http/json-request';
import { createDialpadApi, type DialpadApi } from '../../../electron/engine/providers/dialpad/dialpad-api';
import type { DialpadResourceIds, DialpadResourceMemory } from '../../../electron/engine/providers/dialpad/dialpad-resources';
import { DialpadSession, type DialpadSessionOptions } from '../../../electron/engine/providers/dialpad/dialpad-session';
import { createMemorySecretStore } from '../../../electron/engine/secrets/memory-secret-store';
import type { SecretStore } from '../../../electron/engine/secrets/secret-store';
import { createDialpadSandbox, type DialpadSandbox, type DialpadSandboxOptions } from '../../../electron/sandbox/dialpad/dialpad-sandbox';

export const FAST_CONNECTION = {
  pingIntervalMs: 150,
  pongTimeoutMs: 150,
  connectTimeoutMs: 3_000,
  backoff: { firstRetryJitterMs: 20, baseMs: 50, capMs: 400 },
} as const;

export interface Rig {
  sandbox: DialpadSandbox;
  api: DialpadApi;
  memory: DialpadResourceMemory & { ids: DialpadResourceIds | null };
  secrets: SecretStore;
  session: DialpadSession;
  tracker: CallTracker;
  notices: CallNotice[];
  /** A new session on the same remembered ids and keychain (a restart of the app). */
  restart(overrides?: Partial<DialpadSessionOptions>): Promise<void>;
  count(type: CallNotice['type'], callId?: string): number;
  live(): Promise<void>;
  close(): Promise<void>;
}

export async function createRig(options: { sandbox?: DialpadSandboxOptions; session?: Partial<DialpadSessionOptions> } = {}): Promise<Rig> {
  const sandbox = await createDialpadSandbox(options.sandbox);
  const api = createDialpadApi(sandbox.url, (req) => requestJson({ ...req, headers: { ...req.headers, authorization: `Bearer ${sandbox.apiKey}` } }));
  const memory = {
    ids: null as DialpadResourceIds | null,
    load() {
      return this.ids;
    },
    save(ids: DialpadResourceIds | null) {
      this.ids = ids;
    },
  };
  const secrets = createMemorySecretStore();
  const notices: CallNotice[] = [];
  const tracker = createCallTracker();
  tracker.subscribe((n) => notices.push(n));
  const build = (overrides: Partial<DialpadSessionOptions> = {}): DialpadSession => {
    const session = new DialpadSession({
      api,
      memory,
      secrets,
      userId: async () => (await api.me()).id,
      connection: FAST_CONNECTION,
      renewLeadFraction: 0.5,
      legSettleMs: 150,
      reportDelaysMs: [30, 200],
      ...options.session,
      ...overrides,
    });
    session.on('event', (e) => tracker.handle(e));
    session.on('report', (r) => tracker.addReport(r));
    return session;
  };
  const rig: Rig = {
    sandbox,
    api,
    memory,
    secrets,
    session: build(),
    tracker,
    notices,
    async restart(overrides) {
      await rig.session.stop();
      rig.session = build(overrides);
      rig.session.start();
      await rig.live();
    },
    count: (type, callId) => notices.filter((n) => n.type === type && (callId === undefined || n.callId === callId)).length,
    live: () => sandbox.waitFor(() => rig.session.connectionState().state === 'live', { timeoutMs: 10_000, message: 'session never went live' }),
    async close() {
      await rig.session.stop();
      await sandbox.close();
    },
  };
  return rig;
}
