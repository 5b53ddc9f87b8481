/**
 * Ringtray's engine with no Electron (docs/architecture.md#headless-mode): call notices and status changes as JSON lines
 * on stdout, logs on stderr. See `--help` (engine/headless/headless-args.ts) for the contract.
 */
import pkg from '../package.json' with { type: 'json' };
import { startDemo } from './engine/demo/demo-engine';
import type { RingtrayEngine } from './engine/engine-api';
import { createProviderEngine } from './engine/engine-factory';
import { headlessHelp, parseHeadlessArgs } from './engine/headless/headless-args';
import { fileProviderState, fileRememberedUser, headlessProviderStatePath, headlessStatePath } from './engine/headless/headless-state';
import { noticeLine, statusLine } from './engine/headless/json-lines';
import { createLogger, jsonLineWriter } from './engine/log/logger';
import { installProcessGuards } from './engine/log/process-guards';
import { envNetworkPort } from './engine/net/env-network-port';
import { useNetworkPort } from './engine/net/network';
import { DEFAULT_PROVIDER, providerEnvPrefix } from './engine/providers/registry';
import { SignedOutEngine } from './engine/signed-out-engine';

/** SIGINT/SIGTERM: cleanup gets this long; the process exits 0 within 5 s whatever happens. */
const STOP_TIMEOUT_MS = 3_000;
const EXIT_DEADLINE_MS = 4_500;

async function main(): Promise<number | null> {
  const parsed = parseHeadlessArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 2;
  }
  const { args } = parsed;
  const { provider } = args;
  if (args.help) {
    process.stdout.write(headlessHelp());
    return 0;
  }
  if (args.version) {
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  }

  const log = createLogger(jsonLineWriter(process.stderr), { level: args.logLevel, scope: 'headless' });
  // An uncaught exception ends the run through the same path as SIGTERM (engine stopped, exit 1).
  let fatalExit: ((code: number) => void) | null = null;
  installProcessGuards(log, (code) => (fatalExit ? fatalExit(code) : process.exit(code)));
  // HTTPS_PROXY / NO_PROXY and the trust store, for every request and socket (docs/network.md#headless).
  useNetworkPort(envNetworkPort());
  const out = (line: string) => process.stdout.write(`${line}\n`);
  let engine: RingtrayEngine;
  let close: () => Promise<void>;

  if (args.demo) {
    const demo = await startDemo({ provider, log, lineSelection: args.lines, callsPerMinute: args.callsPerMinute });
    engine = demo.engine;
    close = () => demo.close();
    process.stderr.write(`demo: ${provider.shortName ?? provider.displayName} sandbox on ${demo.backend.url}, ${args.callsPerMinute} calls per minute\n`);
  } else {
    const memory = process.env.RINGTRAY_SECRETS === 'memory';
    engine = createProviderEngine({
      provider,
      // Headless mode has no settings file: the provider's environment variables configure it.
      settings: {},
      lineSelection: args.lines,
      openUrl: async (url) => {
        process.stderr.write(`sign-in: ${url}\n`);
      },
      log,
      rememberedUser: memory
        ? undefined
        : fileRememberedUser(headlessStatePath(), { provider: provider.id, legacyProvider: DEFAULT_PROVIDER.id }, (error) => log.warn('could not use the headless state file', { error })),
      // Keychain runs reuse what the provider made at its end; memory runs remove it when they stop.
      providerState: memory ? undefined : fileProviderState(headlessProviderStatePath(), provider.id, (error) => log.warn('could not use the headless provider state file', { error })),
    });
    if (engine instanceof SignedOutEngine) {
      process.stderr.write(`${engine.status().message ?? `${provider.displayName} is not configured.`}\nSee --help for the ${providerEnvPrefix(provider.id)}* variables, or try --demo.\n`);
      return 2;
    }
    close = () => engine.stop(STOP_TIMEOUT_MS);
  }

  let last = '';
  const printStatus = () => {
    const s = engine.status();
    const key = `${s.state}|${s.message ?? ''}|${s.problem?.retryAt ?? ''}`;
    if (key === last) return;
    last = key;
    out(statusLine(s));
  };
  printStatus();
  engine.onStatus(() => printStatus());
  engine.onNotice((notice) => out(noticeLine(notice)));

  // Sign in whenever the engine needs it (first run, refresh token revoked): the user opens the
  // printed URL; one attempt at a time.
  let signingIn = false;
  const signInIfNeeded = () => {
    const state = engine.status().state;
    if (signingIn || (state !== 'signed-out' && state !== 'needs-sign-in')) return;
    signingIn = true;
    engine
      .signIn()
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log.error('sign-in failed', { message });
        process.stderr.write(`sign-in failed: ${message}\n`);
      })
      .finally(() => {
        signingIn = false;
      });
  };

  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (reason: string, code: number) => {
      if (stopping) return;
      stopping = true;
      log.info('stopping', { reason });
      // Never hang on exit: a stuck cleanup still ends the process in time.
      setTimeout(() => resolve(code), EXIT_DEADLINE_MS).unref();
      close().then(
        () => resolve(code),
        (error: unknown) => {
          log.error('cleanup failed', { error });
          resolve(code);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT', 0));
    process.once('SIGTERM', () => stop('SIGTERM', 0));
    fatalExit = (code) => stop('uncaught exception', code);
  });

  await engine.start();
  if (!args.demo) {
    engine.onStatus(() => signInIfNeeded());
    signInIfNeeded();
  }
  return stopped;
}

main().then(
  (code) => {
    if (code !== null) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`ringtray headless failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
