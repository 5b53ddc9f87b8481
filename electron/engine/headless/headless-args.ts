import { parseArgs } from 'node:util';
import type { LineSelection } from '../../../shared/settings';
import { PROBLEM_KINDS } from '../../../shared/status';
import { LOG_LEVELS, type LogLevel } from '../log/logger';
import type { ProviderModule } from '../providers/provider-module';
import { DEFAULT_PROVIDER, findProvider, PROVIDERS } from '../providers/registry';

/** --help, with each registered provider's environment variables. */
export function headlessHelp(providers: readonly ProviderModule[] = PROVIDERS): string {
  const ids = providers.map((p) => p.id).join('|');
  const envBlocks = providers
    .map((p) => `${p.displayName} (--provider ${p.id}):\n${p.env.map((e) => `  ${e.name.padEnd(30)} ${e.help}`).join('\n')}`)
    .join('\n\n');
  return `Usage: npm run --silent headless -- [options]

Runs Ringtray's engine without a window: call notices and status changes are written to
stdout as JSON lines; logs go to stderr with tokens redacted.

Options:
  --provider ID       the phone system: ${ids} (default: RINGTRAY_PROVIDER, else ${providers[0]?.id ?? 'none'})
  --demo              run against the provider's embedded sandbox with generated calls
                      (no account needed; secrets stay in memory)
  --calls-per-minute N  how many demo calls to generate (default 6)
  --lines MODE        which calls to report: mine (default: the signed-in user's lines),
                      all (every line of the account), or a comma-separated list of line ids
  --log-level LEVEL   debug, info (default), warn or error
  -h, --help          print this help and exit
  -v, --version       print the version and exit

Configuration comes from the environment. RINGTRAY_SECRETS=memory keeps the refresh token
in memory instead of the OS keychain.

Behind a proxy (every REST call and the call-events WebSocket follow these):
  HTTPS_PROXY, HTTP_PROXY  the proxy, http://[user:password@]host:port (lower-case names
                      work too); it is reached with HTTP CONNECT, Basic credentials allowed
  NO_PROXY            hosts that bypass the proxy, comma-separated (.example.com, *);
                      loopback is never proxied unless NO_PROXY contains <-loopback>
  NODE_EXTRA_CA_CERTS  a PEM file of extra root certificates to trust (e.g. a company
                      gateway's); the system's certificate store is trusted as well

${envBlocks}

When sign-in is needed, one line "sign-in: <URL>" is written to stderr: open it in a
browser; Ringtray waits for the provider's redirect to the loopback address.

Output lines:
  {"type":"status","state":"signed-out|signing-in|connecting|live|reconnecting|offline|needs-sign-in|needs-attention","at":"…"}
  needs-attention: the connection stopped for a reason the user must fix (a 403, 401 after a
  refresh, a missing setting, a proxy or certificate problem). It carries "message" (what is
  wrong, what to do) and "problem":{"kind":"${PROBLEM_KINDS.join('|')}",
  "actions":["retry","sign-in","settings"],"retryAt":"…"}. retryAt is the next automatic retry
  (every 5 min ±20 %); it is null for the proxy and certificate kinds, which clear by themselves
  once the network works.
  {"type":"ringing|answered|missed|ended|report","provider":"<id>","callId":"…","caller":{"name":…,"number":…},"line":{…},"at":"…"}
A missed/ended line carries "late":true when the call was learned of only after it ended.

SIGINT or SIGTERM closes the connection and exits 0. Subscriptions are removed, except
those a provider keeps to reuse on the next start (see docs/providers/).
`;
}

export interface HeadlessArgs {
  /** --provider, else RINGTRAY_PROVIDER, else the registry's default. */
  provider: ProviderModule;
  help: boolean;
  version: boolean;
  demo: boolean;
  callsPerMinute: number;
  lines: LineSelection;
  logLevel: LogLevel;
}

export type ParsedArgs = { ok: true; args: HeadlessArgs } | { ok: false; message: string };

export function parseHeadlessArgs(argv: string[], env: Readonly<Record<string, string | undefined>> = process.env): ParsedArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        provider: { type: 'string' },
        demo: { type: 'boolean' },
        'calls-per-minute': { type: 'string' },
        lines: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    return { ok: false, message: `${error instanceof Error ? error.message : String(error)}\nTry --help.` };
  }

  const fromFlag = values.provider as string | undefined;
  const requested = (fromFlag ?? env.RINGTRAY_PROVIDER ?? '').trim();
  let provider = DEFAULT_PROVIDER;
  if (requested !== '') {
    const found = findProvider(requested);
    if (!found.ok) return { ok: false, message: `${fromFlag !== undefined ? '--provider' : 'RINGTRAY_PROVIDER'}: ${found.message}` };
    provider = found.provider;
  }

  const logLevel = (values['log-level'] ?? 'info') as string;
  if (!LOG_LEVELS.includes(logLevel as LogLevel)) return { ok: false, message: `--log-level must be one of ${LOG_LEVELS.join(', ')}` };

  const rate = values['calls-per-minute'] === undefined ? 6 : Number(values['calls-per-minute']);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 6000) return { ok: false, message: '--calls-per-minute must be a number between 0 and 6000' };

  const rawLines = ((values.lines as string | undefined) ?? 'mine').trim();
  let lines: LineSelection;
  if (rawLines === 'mine' || rawLines === 'all') lines = { mode: rawLines, lineIds: [] };
  else {
    const lineIds = rawLines.split(',').map((s) => s.trim()).filter(Boolean);
    if (lineIds.length === 0) return { ok: false, message: '--lines must be mine, all, or a comma-separated list of line ids' };
    lines = { mode: 'chosen', lineIds };
  }

  return {
    ok: true,
    args: {
      provider,
      help: values.help === true,
      version: values.version === true,
      demo: values.demo === true,
      callsPerMinute: rate,
      lines,
      logLevel: logLevel as LogLevel,
    },
  };
}
