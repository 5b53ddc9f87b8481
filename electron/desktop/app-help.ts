// `electron . --help` (or `Ringtray --help` once installed): the desktop app's own flags. The
// headless engine has its own help (npm run --silent headless -- --help).
export const APP_HELP = `Usage: Ringtray [options]     (from a checkout: npm start / npm run demo)

A tray app that shows a notification the moment a call rings on your GoTo Connect line.

Options:
  --demo      run against the built-in GoTo sandbox with generated calls (no account needed)
  --hidden    start in the tray without opening a window (used by "Start at login")
  --help      print this help and exit

Configuration is in the app's Settings; the RINGTRAY_GOTO_* environment variables override it
(see README.md). RINGTRAY_SECRETS=memory keeps secrets in memory instead of the OS keychain.
`;

export const wantsHelp = (argv: readonly string[]): boolean => argv.includes('--help') || argv.includes('-h');
