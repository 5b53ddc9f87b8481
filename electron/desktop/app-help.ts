// `electron . --help` (or `Ringtray --help` once installed): the desktop app's own flags. The
// headless engine has its own help (npm run --silent headless -- --help), which lists every
// provider's variables.
import type { ProviderModule } from '../engine/providers/provider-module';
import { providerEnvPrefix, PROVIDERS } from '../engine/providers/registry';

const inWords = (names: readonly string[]): string => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);

export function appHelp(providers: readonly ProviderModule[] = PROVIDERS): string {
  const prefixes = providers.map((p) => `${providerEnvPrefix(p.id)}*`);
  return `Usage: Ringtray [options]     (from a checkout: npm start / npm run demo)

A tray app that shows a notification the moment a call rings on your ${inWords(providers.map((p) => p.displayName))} line.

Options:
  --demo      run against the chosen phone system's built-in sandbox with generated calls
              (no account needed)
  --hidden    start in the tray without opening a window (used by "Start at login")
  --help      print this help and exit

Configuration is in the app's Settings; the ${inWords(prefixes)} environment variables override it
(see README.md). RINGTRAY_SECRETS=memory keeps secrets in memory instead of the OS keychain.
`;
}

export const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');
