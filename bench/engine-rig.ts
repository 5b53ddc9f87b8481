// The real engine signed in to a GoTo sandbox on 127.0.0.1, like `startDemo`, but with the
// secret store and the timings in the benchmark's hands: cold start needs the refresh token the
// sign-in stored, and each figure says which timings it keeps at the product's defaults.
import { configuredGoto, gotoProvider } from '../electron/engine/providers/goto/goto-provider';
import type { CallNotice } from '../shared/calls';
import { resolveGotoConfig, type GotoConfig } from '../electron/engine/providers/goto/goto-config';
import { freeLoopbackPort } from '../electron/engine/demo/free-port';
import { followAuthorizeRedirect } from '../electron/engine/demo/sandbox-browser';
import type { LineSelection } from '../shared/settings';
import { createLogger, type LogRecord } from '../electron/engine/log/logger';
import { Engine, type EngineOptions, type RememberedUser } from '../electron/engine/ringtray-engine';
import { createGotoSandbox, type GotoSandbox, type GotoSandboxOptions } from '../electron/sandbox/goto/goto-sandbox';
import { createMemorySecretStore } from '../electron/engine/secrets/memory-secret-store';
import type { SecretStore } from '../electron/engine/secrets/secret-store';
import { until } from './stats';

export interface RigOptions {
  sandbox?: GotoSandboxOptions;
  /** Socket timings; omitted = the product's defaults (10 s ping, 4 s pong deadline, real backoff). */
  session?: EngineOptions['session'];
  lineSelection?: LineSelection;
}

export interface Rig {
  engine: Engine;
  sandbox: GotoSandbox;
  config: GotoConfig;
  store: SecretStore & { readonly size: number };
  user: string;
  /** warn/error records from the engine and sandbox (a healthy run has none). */
  problems: LogRecord[];
  waitLive(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

function quietLogger(problems: LogRecord[]) {
  return createLogger((r) => problems.push(r), { level: 'warn' });
}

/** A sandbox and the engine config that points at it (the demo's loopback redirect port included). */
async function startSandbox(options: GotoSandboxOptions = {}, problems: LogRecord[] = []): Promise<{ sandbox: GotoSandbox; config: GotoConfig }> {
  const port = await freeLoopbackPort();
  const redirectUri = `http://127.0.0.1:${port}/app/redirect`;
  const sandbox = await createGotoSandbox({ redirectUris: [redirectUri], logger: quietLogger(problems), reportDelayMs: 0, ...options });
  const resolved = resolveGotoConfig(
    { clientId: sandbox.clientId, redirectUri, authUrl: sandbox.url, apiUrl: sandbox.url, adminApiUrl: sandbox.url },
    { RINGTRAY_GOTO_CLIENT_SECRET: sandbox.clientSecret },
  );
  if (!resolved.ok) {
    await sandbox.close();
    throw new Error(`bench configuration: ${resolved.message}`);
  }
  return { sandbox, config: resolved.config };
}

export function createEngine(config: GotoConfig, store: SecretStore, problems: LogRecord[], options: RigOptions & { rememberedUser?: RememberedUser } = {}): Engine {
  return new Engine({
    provider: gotoProvider,
    configured: configuredGoto(config),
    store,
    log: quietLogger(problems),
    openUrl: (url) => followAuthorizeRedirect(url),
    lineSelection: options.lineSelection ?? { mode: 'mine', lineIds: [] },
    rememberedUser: options.rememberedUser,
    demo: true,
    session: options.session,
  });
}

export const isLive = (engine: Engine): boolean => engine.status().state === 'live';

/** Sandbox + engine, signed in through the real OAuth loopback, live. */
export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const problems: LogRecord[] = [];
  const { sandbox, config } = await startSandbox(options.sandbox, problems);
  const store = createMemorySecretStore();
  const engine = createEngine(config, store, problems, options);
  const rig: Rig = {
    engine,
    sandbox,
    config,
    store,
    user: sandbox.principal,
    problems,
    waitLive: (timeoutMs = 10_000) => until(() => isLive(engine), timeoutMs),
    async close() {
      sandbox.calls.stopGenerator();
      await engine.stop();
      await sandbox.close();
    },
  };
  try {
    await engine.start();
    await engine.signIn();
    if (!(await rig.waitLive())) throw new Error(`engine did not go live (state ${engine.status().state})`);
    return rig;
  } catch (error) {
    await rig.close();
    throw error;
  }
}

/** Records when each call's notices arrive (high-resolution clock), keyed `type:callId`. */
export function noticeClock(engine: Engine): { at: Map<string, number>; counts: Map<string, number>; stop(): void } {
  const at = new Map<string, number>();
  const counts = new Map<string, number>();
  const stop = engine.onNotice((n: CallNotice) => {
    const t = performance.now();
    const key = `${n.type}:${n.callId}`;
    if (!at.has(key)) at.set(key, t);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  return { at, counts, stop };
}

/**
 * Drops the channel's report subscription through the sandbox's own DELETE route, so a figure
 * measures call frames only: every ended call otherwise costs a REPORT_SUMMARY frame and an HTTP
 * report fetch, served by the sandbox in this same process.
 */
export async function dropReportSubscription(rig: Rig): Promise<void> {
  const { sandbox } = rig;
  const channel = sandbox.channels()[0];
  if (!channel) throw new Error('no channel');
  const query = new URLSearchParams({ channelId: channel.id, accountKey: sandbox.accountKey });
  const res = await fetch(`${sandbox.url}/call-events-report/v1/subscriptions?${query.toString()}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${sandbox.issueAccessToken()}` },
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`could not drop the report subscription (HTTP ${res.status})`);
}
