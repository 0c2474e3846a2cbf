/**
 * Reading mode: a per-workspace switch for people who read and comment (PMs) rather than code. Features ask
 * `useReadOnly()` and hide or disable their editing controls (saying why); comments stay open. The storage
 * layer refuses edits on its own too (db/reading-mode.ts), so nothing a control forgot can write.
 * Remembered per workspace in the registry's settings, so it needs no provider.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useCurrentWorkspace } from '../../db/hooks';
import { getReadingMode, setReadingMode } from '../../db/workspaces';

/** Shown on disabled editing controls (as their title) and in place of editing hints. */
export const READING_MODE_REASON = 'Reading mode is on: turn it off in the status bar to edit.';

export interface ViewerMode {
  /** True while the current workspace is in reading mode (false while loading). */
  readingMode: boolean;
  setReadingMode: (on: boolean) => void;
}

/** Reading mode of the current workspace (or of `workspaceId`). */
export function useViewerMode(workspaceId?: string): ViewerMode {
  const current = useCurrentWorkspace();
  const id = workspaceId ?? current?.id ?? null;
  // Re-read whenever the setting changes (here, in another window or a worker): keeps the storage guard current too.
  const on = useLiveQuery(async () => (id === null ? false : getReadingMode(id)), [id]);
  const set = useCallback((next: boolean) => {
    if (id !== null) void setReadingMode(id, next);
  }, [id]);
  return { readingMode: on === true, setReadingMode: set };
}

/** For editing controls: `readOnly` and the reason to show on a disabled control. */
export function useReadOnly(): { readOnly: boolean; reason: string | undefined } {
  const { readingMode } = useViewerMode();
  return { readOnly: readingMode, reason: readingMode ? READING_MODE_REASON : undefined };
}

/** Renders its children only outside reading mode: wrap an editing control with it. */
export function EditOnly({ children }: { children: React.ReactNode }): React.ReactNode {
  const { readingMode } = useViewerMode();
  return readingMode ? null : children;
}
