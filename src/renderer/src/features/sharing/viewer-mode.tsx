/**
 * Reading mode: a per-workspace switch for people who read and comment (PMs) rather than code. Other
 * features ask `useViewerMode().readingMode` and hide or disable their editing controls; comments stay open.
 * Remembered per workspace in the registry's settings, so it needs no provider.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useCurrentWorkspace } from '../../db/hooks';
import { getSetting, setSetting } from '../../db/workspaces';

/** Persisted settings key prefix: changing it forgets every workspace's reading mode. */
const READING_MODE_KEY = 'readingMode:';

export async function getReadingMode(workspaceId: string): Promise<boolean> {
  return (await getSetting(READING_MODE_KEY + workspaceId)) === 'on';
}

export async function setReadingMode(workspaceId: string, on: boolean): Promise<void> {
  await setSetting(READING_MODE_KEY + workspaceId, on ? 'on' : 'off');
}

export interface ViewerMode {
  /** True while the current workspace is in reading mode (false while loading). */
  readingMode: boolean;
  setReadingMode: (on: boolean) => void;
}

/** Reading mode of the current workspace (or of `workspaceId`). */
export function useViewerMode(workspaceId?: string): ViewerMode {
  const current = useCurrentWorkspace();
  const id = workspaceId ?? current?.id ?? null;
  const on = useLiveQuery(async () => (id === null ? false : getReadingMode(id)), [id]);
  const set = useCallback((next: boolean) => {
    if (id !== null) void setReadingMode(id, next);
  }, [id]);
  return { readingMode: on === true, setReadingMode: set };
}

/** Renders its children only outside reading mode: wrap an editing control with it. */
export function EditOnly({ children }: { children: React.ReactNode }): React.ReactNode {
  const { readingMode } = useViewerMode();
  return readingMode ? null : children;
}
