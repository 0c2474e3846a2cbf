/**
 * A small stand-in for the `electron` module (the real one needs a binary this machine cannot download).
 * Tests do `vi.mock('electron', () => import('./fakes/electron'))` and inspect the registries below.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export interface FakeFrame {
  url: string;
}

export class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  readonly mainFrame: FakeFrame = { url: 'loupe://app/index.html' };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isLoading(): boolean {
    return false;
  }
}

export const windows: FakeBrowserWindow[] = [];

export class FakeBrowserWindow extends EventEmitter {
  static getFocusedWindow(): FakeBrowserWindow | null {
    return windows[0] ?? null;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return [...windows];
  }
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly setBackgroundColor = vi.fn();
  readonly show = vi.fn();
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    windows.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}
export { FakeBrowserWindow as BrowserWindow };

export const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  name: 'Loupe',
  getVersion: () => '0.1.0',
  getPath: (_name: string) => '/tmp/loupe-fake-user-data',
});

export const nativeTheme = Object.assign(new EventEmitter(), {
  themeSource: 'light',
  shouldUseDarkColors: false,
});

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;
export const ipcHandlers = new Map<string, InvokeListener>();
export const ipcMain = {
  handle(channel: string, listener: InvokeListener): void {
    if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcHandlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    ipcHandlers.delete(channel);
  },
};

export const dialog = {
  showOpenDialog: vi.fn(),
  showSaveDialog: vi.fn(),
  showMessageBox: vi.fn(),
  showErrorBox: vi.fn(),
};

export const shell = {
  openExternal: vi.fn(async (_url: string, _options?: unknown) => undefined),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
};

export const exposed = new Map<string, unknown>();
export const contextBridge = {
  exposeInMainWorld(key: string, value: unknown): void {
    exposed.set(key, value);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => undefined),
});

export default {
  app,
  BrowserWindow: FakeBrowserWindow,
  nativeTheme,
  protocol,
  ipcMain,
  dialog,
  shell,
  Menu,
  contextBridge,
  ipcRenderer,
};
