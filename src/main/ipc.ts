/**
 * Registers one ipcMain.handle per CHANNELS entry. Each call is checked twice before its handler runs:
 * the sender must be the main frame of our window showing our own origin, and the arguments must parse
 * with the channel's zod schema. Handlers are typed by name, so a missing or extra handler fails to compile.
 */
import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import { ARG_SCHEMAS, CHANNELS, type DesktopApi } from '../shared/api';
import { isAppUrl } from './csp';

export type InvokeName = keyof typeof CHANNELS;
type ArgsOf<K extends InvokeName> = Parameters<DesktopApi[K]>;

/** The arguments each channel's schema produces; must match what DesktopApi declares. */
type SchemaArgs = { [K in InvokeName]: z.output<(typeof ARG_SCHEMAS)[K]> };
// Compile-time check: whatever a schema accepts is a valid argument list for DesktopApi (it may be narrower,
// e.g. Uint8Array<ArrayBuffer>). A schema that drifts from the interface turns one of these `true`s red.
type Fits<A, B> = [A] extends [B] ? true : false;
const schemasMatchApi: { [K in InvokeName]: Fits<SchemaArgs[K], ArgsOf<K>> } = {
  getInfo: true,
  openWorkspaceFile: true,
  openRecent: true,
  listRecent: true,
  saveWorkspace: true,
  exportFile: true,
  renderPdf: true,
};
void schemasMatchApi;

export type IpcHandlers = { [K in InvokeName]: (...args: ArgsOf<K>) => ReturnType<DesktopApi[K]> };

type Validators = { [K in InvokeName]: { safeParse(input: unknown): z.ZodSafeParseResult<ArgsOf<K>> } };
const validators: Validators = ARG_SCHEMAS;

export interface IpcDeps {
  /** The one window allowed to call; null while it does not exist. */
  getWindow(): BrowserWindow | null;
  /** The electron-vite dev server URL in development, else null. */
  devServerUrl: string | null;
  handlers: IpcHandlers;
}

/** Thrown back to the renderer (Electron keeps only the message). */
export class IpcRejection extends Error {
  override readonly name = 'IpcRejection';
}

export function assertTrustedSender(event: IpcMainInvokeEvent, deps: Pick<IpcDeps, 'getWindow' | 'devServerUrl'>): void {
  const window = deps.getWindow();
  const frame = event.senderFrame;
  if (window === null || window.isDestroyed()) throw new IpcRejection('IPC refused: no app window.');
  if (frame === null) throw new IpcRejection('IPC refused: the sending frame is gone.');
  if (event.sender !== window.webContents || frame !== window.webContents.mainFrame) {
    throw new IpcRejection('IPC refused: only the main frame of the app window may call.');
  }
  if (!isAppUrl(frame.url, deps.devServerUrl)) {
    throw new IpcRejection('IPC refused: the sender is not the app origin.');
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
    .join('; ');
}

function invoke<K extends InvokeName>(
  name: K,
  deps: IpcDeps,
  event: IpcMainInvokeEvent,
  raw: unknown[],
): ReturnType<DesktopApi[K]> {
  assertTrustedSender(event, deps);
  const parsed = validators[name].safeParse(raw);
  if (!parsed.success) {
    throw new IpcRejection(`Invalid arguments for ${name}: ${describeIssues(parsed.error)}`);
  }
  const handler: (...args: ArgsOf<K>) => ReturnType<DesktopApi[K]> = deps.handlers[name];
  return handler(...parsed.data);
}

/** Registers every channel; returns a function that removes them (tests, window re-creation). */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  const names = Object.keys(CHANNELS) as InvokeName[];
  for (const name of names) {
    ipcMain.handle(CHANNELS[name], (event, ...raw: unknown[]) => invoke(name, deps, event, raw));
  }
  return () => {
    for (const name of names) ipcMain.removeHandler(CHANNELS[name]);
  };
}
