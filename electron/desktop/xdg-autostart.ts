import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Start at login on Linux: Electron's app.setLoginItemSettings covers macOS and Windows only, so
// Ringtray writes an XDG autostart entry (freedesktop "Desktop Application Autostart"
// specification: a .desktop file in $XDG_CONFIG_HOME/autostart, default ~/.config/autostart).

const AUTOSTART_FILE_NAME = 'ringtray.desktop';

export function autostartDir(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'autostart');
}

/**
 * One Exec argument, quoted by the Desktop Entry spec: inside double quotes, `"`, `` ` ``, `$`
 * and `\` are escaped with a backslash; then, as for every string value, each `\` is doubled;
 * `%` is a field code and must be written `%%`.
 */
export function quoteExecArgument(arg: string): string {
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replaceAll('\\', '\\\\').replaceAll('%', '%%');
}

export function autostartEntry(options: { name: string; exec: string; args?: readonly string[]; comment?: string }): string {
  const exec = [options.exec, ...(options.args ?? [])].map(quoteExecArgument).join(' ');
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${options.name.replace(/[\r\n]/g, ' ')}`,
    ...(options.comment ? [`Comment=${options.comment.replace(/[\r\n]/g, ' ')}`] : []),
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
  ];
  return `${lines.join('\n')}\n`;
}

export function enableAutostart(dir: string, entry: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, AUTOSTART_FILE_NAME);
  writeFileSync(file, entry, { mode: 0o644 });
  return file;
}

export function disableAutostart(dir: string): void {
  rmSync(path.join(dir, AUTOSTART_FILE_NAME), { force: true });
}

export function isAutostartEnabled(dir: string): boolean {
  return existsSync(path.join(dir, AUTOSTART_FILE_NAME));
}
