/**
 * Open, save, save-as and export of `.loupe` files through the Platform. Opening never overwrites silently:
 * a bad file shows its error and changes nothing; a workspace already on this computer asks what to do.
 */
import { useCallback } from 'react';
import type { WorkspaceSnapshot } from '../../../core/model';
import { decodeWorkspace, encodeWorkspace } from '../../../core/workspace-file';
import { exportSnapshot, importSnapshot } from '../db/workspace-data';
import { getWorkspace, markSaved, type WorkspaceEntry } from '../db/workspaces';
import type { Platform, PlatformFile } from '../platform';
import { userMessage } from './errors';

export type FileDialog =
  | { kind: 'alert'; title: string; message: string }
  | { kind: 'conflict'; snapshot: WorkspaceSnapshot; existing: WorkspaceEntry; file: { name: string; path: string | null } };

export interface WorkspaceFiles {
  open: () => Promise<void>;
  openFile: (file: PlatformFile) => Promise<void>;
  resolveConflict: (choice: 'replace' | 'copy', conflict: Extract<FileDialog, { kind: 'conflict' }>) => Promise<void>;
  save: (saveAs: boolean) => Promise<void>;
  exportWorkspace: () => Promise<void>;
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
        snapshot = decodeWorkspace(file.bytes);
      } catch (error) {
        show({ kind: 'alert', title: `“${file.name}” can’t be opened`, message: userMessage(error) });
        return;
      }
      const existing = await getWorkspace(snapshot.meta.id);
      if (existing !== undefined) {
        show({ kind: 'conflict', snapshot, existing, file: { name: file.name, path: file.path } });
        return;
      }
      try {
        await importSnapshot(snapshot, { file: { name: file.name, path: file.path } });
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
    async (choice: 'replace' | 'copy', conflict: Extract<FileDialog, { kind: 'conflict' }>) => {
      try {
        await importSnapshot(conflict.snapshot, choice === 'replace' ? { replace: true, file: conflict.file } : { asCopy: true });
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
        const bytes = encodeWorkspace(await exportSnapshot(workspace.id), { appVersion });
        const saved = await platform.saveFile({
          path: saveAs ? null : (workspace.filePath ?? null),
          suggestedName: workspace.fileName ?? fileNameFor(workspace.name),
          bytes,
        });
        if (saved !== null) await markSaved(workspace.id, saved);
      } catch (error) {
        show({ kind: 'alert', title: 'The workspace was not saved', message: userMessage(error) });
      }
    },
    [platform, appVersion, workspace, show],
  );

  const exportWorkspace = useCallback(async () => {
    if (workspace === null) return;
    try {
      const bytes = encodeWorkspace(await exportSnapshot(workspace.id), { appVersion });
      await platform.exportFile({ suggestedName: fileNameFor(workspace.name), bytes, filter: { name: 'Loupe workspace', extensions: ['loupe'] } });
    } catch (error) {
      show({ kind: 'alert', title: 'The export failed', message: userMessage(error) });
    }
  }, [platform, appVersion, workspace, show]);

  return { open, openFile, resolveConflict, save, exportWorkspace };
}
