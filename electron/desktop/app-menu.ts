import type { MenuItemConstructorOptions } from 'electron';

// The application menu. Without one Electron installs its default menu, whose View menu offers
// Reload and Toggle Developer Tools (and their shortcuts, Ctrl+R / Ctrl+Shift+I) to anyone at
// the keyboard: a reload throws away a half-typed setting, DevTools open the page's console.
// So a packaged build gets only what the OS needs: on macOS the app menu (Quit, Hide) and the
// Edit menu, without which Cmd+C / Cmd+V do nothing in text fields; on Windows and Linux no menu
// at all (copy and paste work there without one). Development builds add a View menu with
// Reload and DevTools.

export function applicationMenuTemplate(options: { platform: NodeJS.Platform; packaged: boolean }): MenuItemConstructorOptions[] | null {
  const development: MenuItemConstructorOptions[] = options.packaged
    ? []
    : [{ label: 'View', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] }];
  if (options.platform === 'darwin') return [{ role: 'appMenu' }, { role: 'editMenu' }, ...development, { role: 'windowMenu' }];
  return development.length > 0 ? development : null;
}
