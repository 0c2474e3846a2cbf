/**
 * What the IPC channels actually do: dialogs, reads and atomic writes, the recent list, and the path grants
 * that decide which paths a renderer request may touch. Also the entry point for files the OS hands us.
 */
import { basename, resolve } from 'node:path';
import type { BrowserWindow } from 'electron';
import type { AppInfo, OpenedFile, RecentFile, SaveResult } from '../shared/api';
import {
  atomicWriteFile,
  type FsPromises,
  type PathGrants,
  readWorkspaceFile,
  type RecentStore,
  UserFacingError,
} from './files';
import { backupBeforeOverwrite, DEFAULT_KEEP_BACKUPS, type BackupFs } from './backups';
import type { IpcHandlers } from './ipc';

export interface Dialogs {
  open(parent: BrowserWindow | null): Promise<string | null>;
  save(parent: BrowserWindow | null, suggestedName: string): Promise<string | null>;
  export(
    parent: BrowserWindow | null,
    suggestedName: string,
    filter: { name: string; extensions: string[] },
  ): Promise<string | null>;
}

export interface WorkspaceServiceDeps {
  getWindow(): BrowserWindow | null;
  getInfo(): AppInfo;
  dialogs: Dialogs;
  recent: RecentStore;
  grants: PathGrants;
  /** Called after the recent list changed (the app menu rebuilds its Open Recent submenu). */
  onRecentChanged?(files: RecentFile[]): void;
  fs?: FsPromises;
  /** For backups (defaults to node:fs/promises, like `fs`). */
  backupFs?: BackupFs;
  now?: () => Date;
  maxFileBytes?: number;
}

export interface WorkspaceService {
  /** Every channel but PDF printing (pdf.ts). */
  handlers: Omit<IpcHandlers, 'renderPdf'>;
  /** A path from outside the renderer (OS open, command line, Open Recent menu): grant, read, remember. */
  openTrustedPath(path: string): Promise<OpenedFile>;
}

export function createWorkspaceService(deps: WorkspaceServiceDeps): WorkspaceService {
  const { dialogs, recent, grants } = deps;

  async function remember(path: string): Promise<void> {
    grants.grant(path);
    try {
      // Not `onRecentChanged?.(await recent.add(...))`: optional calls skip evaluating their arguments.
      const files = await recent.add(path);
      deps.onRecentChanged?.(files);
    } catch (error) {
      // The recent list is a convenience: failing to store it must not fail the open or save.
      console.warn('Loupe: could not update the recent files list', error);
    }
  }

  async function read(path: string): Promise<OpenedFile> {
    const file = await readWorkspaceFile(path, deps.maxFileBytes, deps.fs);
    await remember(file.path);
    return file;
  }

  async function write(path: string, bytes: Uint8Array, keepBackups?: number): Promise<SaveResult> {
    const target = resolve(path);
    if (keepBackups !== undefined) await backupBeforeOverwrite(target, { keep: keepBackups, ...(deps.backupFs ? { fs: deps.backupFs } : {}), ...(deps.now ? { now: deps.now } : {}) });
    await atomicWriteFile(target, bytes, deps.fs);
    return { path: target, name: basename(target) };
  }

  const handlers: Omit<IpcHandlers, 'renderPdf'> = {
    getInfo: async () => deps.getInfo(),

    async openWorkspaceFile() {
      const path = await dialogs.open(deps.getWindow());
      return path === null ? null : read(path);
    },

    async openRecent(path) {
      if (!(await recent.has(path))) {
        throw new UserFacingError('That file is not in the recent files list. Use File › Open… to choose it.');
      }
      try {
        return await read(path);
      } catch (error) {
        // A recent entry that no longer opens only gets in the way.
        const files = await recent.remove(path).catch(() => recent.list());
        deps.onRecentChanged?.(files);
        throw error;
      }
    },

    listRecent: () => recent.list(),

    async saveWorkspace({ path, suggestedName, bytes, keepBackups }) {
      const keep = keepBackups ?? DEFAULT_KEEP_BACKUPS;
      if (path !== null) {
        if (!grants.isGranted(path) && !(await recent.has(path))) {
          throw new UserFacingError(
            'Loupe can only save over a file you opened or chose. Use File › Save As… to pick a location.',
          );
        }
        const result = await write(path, bytes, keep);
        await remember(path);
        return result;
      }
      const chosen = await dialogs.save(deps.getWindow(), suggestedName);
      if (chosen === null) return null;
      grants.grant(chosen);
      const result = await write(chosen, bytes, keep);
      await remember(chosen);
      return result;
    },

    async exportFile({ suggestedName, bytes, filter }) {
      const chosen = await dialogs.export(deps.getWindow(), suggestedName, filter);
      return chosen === null ? null : write(chosen, bytes);
    },
  };

  return { handlers, openTrustedPath: read };
}
