/**
 * The preload: exposes exactly one object, `window.loupe`, typed as DesktopApi. Each method is one invoke
 * on a fixed channel; listeners receive validated data only (never the IpcRendererEvent, whose `sender`
 * would hand the page ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  CHANNELS,
  type DesktopApi,
  EVENTS,
  MENU_COMMANDS,
  type MenuCommand,
  type OpenedFile,
} from '../shared/api';

function isMenuCommand(value: unknown): value is MenuCommand {
  return MENU_COMMANDS.some((command) => command === value);
}

function isOpenedFile(value: unknown): value is OpenedFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'path' in value &&
    typeof value.path === 'string' &&
    'name' in value &&
    typeof value.name === 'string' &&
    'bytes' in value &&
    value.bytes instanceof Uint8Array
  );
}

function subscribe<T>(channel: string, guard: (value: unknown) => value is T, listener: (value: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => {
    if (guard(payload)) listener(payload);
  };
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const api = {
  getInfo: () => ipcRenderer.invoke(CHANNELS.getInfo),
  openWorkspaceFile: () => ipcRenderer.invoke(CHANNELS.openWorkspaceFile),
  openRecent: (path) => ipcRenderer.invoke(CHANNELS.openRecent, path),
  listRecent: () => ipcRenderer.invoke(CHANNELS.listRecent),
  saveWorkspace: (request) => ipcRenderer.invoke(CHANNELS.saveWorkspace, request),
  exportFile: (request) => ipcRenderer.invoke(CHANNELS.exportFile, request),
  renderPdf: (request) => ipcRenderer.invoke(CHANNELS.renderPdf, request),
  onMenuCommand: (listener) => subscribe(EVENTS.menuCommand, isMenuCommand, listener),
  onOpenFile: (listener) => subscribe(EVENTS.openFile, isOpenedFile, listener),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('loupe', api);
