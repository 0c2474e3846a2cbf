/**
 * Open, save, save-as and export of `.loupe` files through the Platform. Opening never overwrites silently:
 * a bad file shows its error and changes nothing; a workspace already on this computer asks what to do
 * (merge, or open as a copy). Every save and export records its lineage (db/lineage) in the file.
 */
import { useCallback } from 'react';
import type { WorkspaceSnapshot } from '../../../core/model';
import { decodeWorkspaceAsync, readManifest } from '../../../core/workspace-file';
import { commitSave, prepareSave, recordOpened } from '../db/lineage';
import { importSnapshot } from '../db/workspace-data';
import { getSetting, getWorkspace, markSaved, type WorkspaceEntry } from '../db/workspaces';
import type { Platform, PlatformFile } from '../platform';
import { userMessage } from './errors';

export type FileDialog =
  | { kind: 'alert'; title: string; message: string }
  | { kind: 'conflict'; snapshot: WorkspaceSnapshot; bytes: Uint8Array; existing: WorkspaceEntry; file: { name: string; path: string | null } };

export interface WorkspaceFiles {
  open: () => Promise<void>;
  openFile: (file: PlatformFile) => Promise<void>;
  /** Opens the conflicting file as a separate workspace (merging is done by ConflictDialog). */
  resolveConflict: (choice: 'copy', conflict: Extract<FileDialog, { kind: 'conflict' }>) => Promise<void>;
  save: (saveAs: boolean) => Promise<void>;
  exportWorkspace: () => Promise<void>;
}

/** Persisted settings key: how many previous versions of a file Save keeps beside it (Electron). */
export const BACKUPS_SETTING = 'backupsToKeep';
export const DEFAULT_BACKUPS = 5;

export async function backupsToKeep(): Promise<number> {
  const n = Number(await getSetting(BACKUPS_SETTING));
  return Number.isInteger(n) && n >= 0 && n <= 50 ? n : DEFAULT_BACKUPS;
}

/** For importSnapshot of a snapshot decodeWorkspace just read from `bytes`: its tables' uncompressed size. */
export function decodedSize(bytes: Uint8Array): { approxBytes: number } {
  return { approxBytes: readManifest(bytes).entries.reduce((n, e) => n + e.bytes, 0) };
}

export function fileNameFor(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|\0]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  return `${safe === '' ? 'workspace' : safe}.loupe`;
}

export function useWorkspaceFiles(
  platform: Platform,
  appVersion: string,
  workspace: WorkspaceEntry | null,
  show: (dialog: FileDialog) => void,
  onOpened: () => void,
): WorkspaceFiles {
  const openFile = useCallback(
    async (file: PlatformFile) => {
      let snapshot: WorkspaceSnapshot;
      try {
        snapshot = await decodeWorkspaceAsync(file.bytes);
      } catch (error) {
        show({ kind: 'alert', title: `“${file.name}” can’t be opened`, message: userMessage(error) });
        return;
      }
      const existing = await getWorkspace(snapshot.meta.id);
      if (existing !== undefined) {
        show({ kind: 'conflict', snapshot, bytes: file.bytes, existing, file: { name: file.name, path: file.path } });
        return;
      }
      try {
        await importSnapshot(snapshot, { file: { name: file.name, path: file.path }, within: recordOpened(file.bytes, { ownFile: true, snapshot }).within, decoded: decodedSize(file.bytes) });
        onOpened();
      } catch (error) {
        show({ kind: 'alert', title: `“${file.name}” can’t be opened`, message: userMessage(error) });
      }
    },
    [show, onOpened],
  );

  const open = useCallback(async () => {
    const file = await platform.openFile();
    if (file !== null) await openFile(file);
  }, [platform, openFile]);

  const resolveConflict = useCallback(
    async (_choice: 'copy', conflict: Extract<FileDialog, { kind: 'conflict' }>) => {
      try {
        await importSnapshot(conflict.snapshot, { asCopy: true, within: recordOpened(conflict.bytes, { ownFile: false, snapshot: conflict.snapshot }).within, decoded: decodedSize(conflict.bytes) });
        onOpened();
      } catch (error) {
        show({ kind: 'alert', title: `“${conflict.file.name}” can’t be opened`, message: userMessage(error) });
      }
    },
    [show, onOpened],
  );

  const save = useCallback(
    async (saveAs: boolean) => {
      if (workspace === null) return;
      try {
        const prepared = await prepareSave(workspace.id, appVersion);
        const saved = await platform.saveFile({
          path: saveAs ? null : (workspace.filePath ?? null),
          suggestedName: workspace.fileName ?? fileNameFor(workspace.name),
          bytes: prepared.bytes,
          keepBackups: await backupsToKeep(),
        });
        if (saved === null) return;
        await commitSave(workspace.id, prepared, { ownFile: true });
        await markSaved(workspace.id, saved);
      } catch (error) {
        show({ kind: 'alert', title: 'The workspace was not saved', message: userMessage(error) });
      }
    },
    [platform, appVersion, workspace, show],
  );

  const exportWorkspace = useCallback(async () => {
    if (workspace === null) return;
    try {
      const prepared = await prepareSave(workspace.id, appVersion);
      const saved = await platform.exportFile({ suggestedName: fileNameFor(workspace.name), bytes: prepared.bytes, filter: { name: 'Loupe workspace', extensions: ['loupe'] } });
      // A copy handed to someone else: later files descending from it merge against it.
      if (saved !== null) await commitSave(workspace.id, prepared, { ownFile: false });
    } catch (error) {
      show({ kind: 'alert', title: 'The export failed', message: userMessage(error) });
    }
  }, [platform, appVersion, workspace, show]);

  return { open, openFile, resolveConflict, save, exportWorkspace };
}
