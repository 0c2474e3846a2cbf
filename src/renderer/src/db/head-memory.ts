/**
 * Per-workspace things kept in memory for the workspace's head save (db/lineage.ts keeps the head's record ids
 * here, tens of MB at a million units). Its own module so that deleting a workspace (db/workspaces.ts) can drop
 * them without importing lineage.
 */
const held = new Map<string, { saveId: string; value: unknown }>();

export function holdForHead<T>(workspaceId: string, saveId: string, value: T | undefined): void {
  if (value === undefined) held.delete(workspaceId);
  else held.set(workspaceId, { saveId, value });
}

/** What is held for `saveId`, when that is still what the workspace's head holds. */
export function heldForHead<T>(workspaceId: string, saveId: string): T | undefined {
  const entry = held.get(workspaceId);
  return entry !== undefined && entry.saveId === saveId ? (entry.value as T) : undefined;
}

/** A workspace deleted: nothing of it stays in memory. */
export function forgetHead(workspaceId: string): void {
  held.delete(workspaceId);
}

/** Whether anything is held for the workspace (tests). */
export function holdsHead(workspaceId: string): boolean {
  return held.has(workspaceId);
}
