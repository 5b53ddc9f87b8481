import { Menu, Tray } from 'electron';
import { trayMenuTemplate, type TrayActions } from './tray-menu';
import { trayIconFile, trayIconName, trayTooltip, type TrayIconName, type TrayView } from './tray-state';

// The tray icon: image, tooltip and context menu follow the app's state (tray-state.ts,
// tray-menu.ts). The menu is rebuilt and set again on every change: on Linux changes to
// MenuItems only take effect after setContextMenu is called again (Electron Tray docs).

export interface TrayControllerOptions {
  assetsDir: string;
  platform: NodeJS.Platform;
  actions: TrayActions;
  formatTime?: (iso: string) => string;
}

export function createTrayController(options: TrayControllerOptions, initial: TrayView) {
  const iconPath = (name: TrayIconName): string => trayIconFile(options.assetsDir, name, options.platform);

  const tray = new Tray(iconPath(trayIconName(initial)));
  let lastIcon: string | null = null;

  const render = (view: TrayView): void => {
    const icon = iconPath(trayIconName(view));
    if (icon !== lastIcon) {
      tray.setImage(icon);
      lastIcon = icon;
    }
    tray.setToolTip(trayTooltip(view));
    // macOS: the count sits beside the menu-bar icon (setTitle is macOS-only); elsewhere the
    // 'missed' icon variant and the menu line say it.
    if (options.platform === 'darwin') tray.setTitle(view.missedCount > 0 ? String(view.missedCount) : '');
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(view, options.actions, options.formatTime)));
  };

  render(initial);
  // Windows/macOS: a left click opens the main window (Linux indicators ignore it; the menu has it).
  tray.on('click', () => options.actions.openMainWindow());

  return {
    update: render,
    destroy(): void {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

export type TrayController = ReturnType<typeof createTrayController>;
