import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from './app-menu';

const roles = (items: MenuItemConstructorOptions[] | null): string[] =>
  (items ?? []).flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

describe('application menu', () => {
  it.each(['darwin', 'win32', 'linux'] as const)('a packaged build on %s offers no Reload and no DevTools', (platform) => {
    const packaged = roles(applicationMenuTemplate({ platform, packaged: true }));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    expect(packaged).not.toContain('viewMenu');
    // The same platform in development does have them: the check above can fail.
    expect(roles(applicationMenuTemplate({ platform, packaged: false }))).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('macOS keeps the app menu and Edit (Cmd+C/V in text fields need it); Windows and Linux get none', () => {
    expect(roles(applicationMenuTemplate({ platform: 'darwin', packaged: true }))).toEqual(['appMenu', 'editMenu', 'windowMenu']);
    // null, not []: Menu.setApplicationMenu(null) removes Electron's default menu and the menu bar.
    expect(applicationMenuTemplate({ platform: 'win32', packaged: true })).toBeNull();
    expect(applicationMenuTemplate({ platform: 'linux', packaged: true })).toBeNull();
  });
});
