// A stand-in for the parts of Electron's API the desktop adapters use. These machines cannot run
// the Electron binary (docs/testing.md), so desktop tests `vi.mock('electron')` with
// this module; the adapters are also type-checked against the real electron.d.ts. What only a
// real Electron can confirm is listed in the closing notes, not faked into a passing test.
import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent } from 'electron';

type Handler = (...args: unknown[]) => unknown;
type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | null = null;
  sent: Array<{ channel: string; payload: unknown }> = [];
  destroyed = false;
  /** The page's URL now: set by loadURL, or by a test for a navigation inside the page. */
  url = '';
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits an Electron-style cancellable event; returns whether a listener prevented it. */
  emitCancellable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  visible = false;
  focused = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  /** Every URL loaded, in order. */
  loads: string[] = [];
  minimized = false;
  bounds = { x: 0, y: 0, width: 800, height: 600 };
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  /** Like a user closing the window: 'close' (bounds still readable), then gone, then 'closed'. */
  close(): void {
    if (this.destroyed) return;
    this.emit('close', { preventDefault: () => undefined });
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    this.loads.push(url);
    this.webContents.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
}

export class FakeSession {
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null;
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: Handler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Handler): void {
    this.permissionCheckHandler = handler;
  }
  /** Chromium's proxy answer in PAC-result form; DIRECT unless a test says otherwise. */
  proxyFor: (url: string) => string = () => 'DIRECT';
  readonly resolvedProxies: string[] = [];
  resolveProxy(url: string): Promise<string> {
    this.resolvedProxies.push(url);
    return Promise.resolve(this.proxyFor(url));
  }
}

/** ipcMain and ipcRenderer joined by an in-memory bus, so a preload call reaches main's handler. */
export class FakeIpc {
  readonly handlers = new Map<string, InvokeListener>();
  readonly rendererListeners = new EventEmitter();
  senderFrame: { url: string; parent: unknown } | null = { url: 'ringtray-app://ui/index.html#/', parent: null };
  readonly ipcMain = {
    handle: (channel: string, handler: InvokeListener) => {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      this.handlers.delete(channel);
    },
    /** Send/sendSync listeners: the app uses none, electron-store registers one for renderers. */
    on: (channel: string, listener: Handler) => {
      this.mainListeners.on(channel, listener);
    },
  };
  readonly mainListeners = new EventEmitter();
  readonly ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = this.handlers.get(channel);
      // Electron rejects the same way when nothing handles a channel.
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      // Structured clone, as Electron's IPC does: functions and class instances do not survive.
      const cloned = args.map((a) => (a === undefined ? undefined : structuredClone(a)));
      const event = { senderFrame: this.senderFrame } as unknown as IpcMainInvokeEvent;
      return structuredClone(await handler(event, ...cloned));
    },
    on: (channel: string, listener: Handler) => this.rendererListeners.on(channel, listener),
    removeListener: (channel: string, listener: Handler) => this.rendererListeners.removeListener(channel, listener),
  };
}
