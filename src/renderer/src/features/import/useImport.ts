/**
 * The import feature as the app shell sees it: one ImportSession per import service, and `start()` for the
 * Import button and menu command (pick files, or bring back a hidden dialog whose import is still running).
 */
import { useCallback, useMemo } from 'react';
import type { Platform } from '../../platform';
import { createImportSession, isBusy, type ImportSession } from './import-session';
import { useImportService } from './ImportService';

export interface ImportController {
  session: ImportSession;
  /** Import button, File > Import…, Ctrl/Cmd+I. */
  start(): void;
  /** "Add files…" inside the dialog. */
  pickMore(): void;
  /** Files dropped on the window, or null when there is no workspace to import into. */
  addFiles: ((files: File[]) => void) | null;
}

export function useImport(platform: Platform, workspaceId: string | null): ImportController {
  const service = useImportService();
  const session = useMemo(() => createImportSession(service), [service]);

  const pickMore = useCallback(() => {
    if (workspaceId === null) return;
    void platform.pickImportFiles().then((files) => {
      if (files.length > 0) session.add(workspaceId, files);
    });
  }, [platform, session, workspaceId]);

  const start = useCallback(() => {
    if (session.getState().items.some(isBusy)) session.show();
    else pickMore();
  }, [session, pickMore]);

  const addFiles = useMemo(() => (workspaceId === null ? null : (files: File[]) => session.add(workspaceId, files)), [session, workspaceId]);
  return { session, start, pickMore, addFiles };
}
