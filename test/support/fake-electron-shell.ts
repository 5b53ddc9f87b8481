// Fakes for the desktop shell's Electron objects (Tray, Menu, Notification, app, powerMonitor),
// siblings of fake-electron.ts. These machines cannot run the Electron binary
// (docs/testing.md): tests `vi.mock('electron')` with them and the adapters are
// type-checked against the real electron.d.ts.
import { EventEmitter } from 'node:events';

export class FakeNotification extends EventEmitter {
  static instances: FakeNotification[] = [];
  static supported = true;
  static activationHandler: ((details: { arguments: string; type: string }) => void) | null = null;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  static handleActivation(callback: (details: { arguments: string; type: string }) => void): void {
    FakeNotification.activationHandler = callback;
  }
  static reset(): void {
    FakeNotification.instances.length = 0;
    FakeNotification.supported = true;
    FakeNotification.activationHandler = null;
  }
  shown = 0;
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeNotification.instances.push(this);
  }
  show(): void {
    this.shown += 1;
  }
  /** Electron emits 'close' when a toast is dismissed, by the user or by close(). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', { preventDefault: () => undefined });
  }
  /** What the OS does when the user clicks the toast. */
  click(): void {
    this.emit('click', { preventDefault: () => undefined });
  }
}

export interface FakeMenu {
  template: Array<Record<string, unknown>>;
}

export const FakeMenuModule = {
  /** Every Menu.setApplicationMenu(menu) call, in order (null removes the menu). */
  applicationMenus: [] as Array<FakeMenu | null>,
  buildFromTemplate(template: Array<Record<string, unknown>>): FakeMenu {
    return { template };
  },
  setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenuModule.applicationMenus.push(menu);
  },
};

/** protocol: what was registered as privileged, and the handler per scheme. */
export class FakeProtocol {
  privileged: Array<{ scheme: string; privileges?: Record<string, boolean> }> = [];
  handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme has been registered: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
}

export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  image: string;
  images: string[] = [];
  tooltip = '';
  title = '';
  menu: FakeMenu | null = null;
  menuSets = 0;
  destroyed = false;
  constructor(image: string) {
    super();
    this.image = image;
    FakeTray.instances.push(this);
  }
  setImage(image: string): void {
    this.image = image;
    this.images.push(image);
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
    this.menuSets += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The menu's items as a user would see them (separators as '---'). */
  labels(): string[] {
    return (this.menu?.template ?? []).map((item) => (item.type === 'separator' ? '---' : String(item.label)));
  }
  /** Clicks a menu item by label, as Electron does (a checkbox is toggled before its click). */
  clickItem(label: string): void {
    const item = this.menu?.template.find((i) => i.label === label);
    if (!item) throw new Error(`no menu item "${label}" in ${JSON.stringify(this.labels())}`);
    if (item.type === 'checkbox') item.checked = !item.checked;
    (item.click as ((menuItem: unknown) => void) | undefined)?.(item);
  }
}

/** app: an EventEmitter that records quit/exit and emits cancellable events like Electron's. */
export class FakeApp extends EventEmitter {
  calls: string[] = [];
  protocolClients: Array<{ scheme: string; path?: string; args?: string[] }> = [];
  loginItemSettings: Array<Record<string, unknown>> = [];
  quit(): void {
    this.calls.push('quit');
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.calls.push('quit:allowed');
  }
  exit(code = 0): void {
    this.calls.push(`exit:${code}`);
  }
  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push({ scheme, ...(path ? { path } : {}), ...(args ? { args } : {}) });
    return true;
  }
  isDefaultProtocolClient(): boolean {
    return this.protocolClients.length > 0;
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    this.loginItemSettings.push(settings);
  }
}

export class FakePowerMonitor extends EventEmitter {}
