/**
 * The workspace registry: which workspaces exist on this computer, their names, file, saved state and
 * cached counts. Plain functions; components reach them through hooks.ts or call them for actions.
 */
import { emptyTables } from '../../../core/model';
import { countRecords } from '../../../core/workspace-file';
import { newId, nowIso } from '../../../core/ids';
import { dropWorkspaceDb, registryDb, workspaceDb } from './connections';
import { noteReadingMode, READING_MODE_KEY, ReadingModeError, readReadingMode } from './reading-mode';
import type { TableCounts, WorkspaceEntry } from './schema';
import { forgetHead } from './head-memory';

export type { TableCounts, WorkspaceEntry };

/** A name a user typed that cannot be used; the message says why. */
export class WorkspaceNameError extends Error {
  override readonly name = 'WorkspaceNameError';
}

export const MAX_NAME_LENGTH = 120;

export function zeroCounts(): TableCounts {
  return countRecords(emptyTables());
}

export function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0) throw new WorkspaceNameError('Give the workspace a name.');
  if (trimmed.length > MAX_NAME_LENGTH) throw new WorkspaceNameError(`Keep the name under ${MAX_NAME_LENGTH} characters.`);
  return trimmed;
}

/** Every workspace, most recently opened first. */
export async function listWorkspaces(): Promise<WorkspaceEntry[]> {
  return registryDb().workspaces.orderBy('lastOpenedAt').reverse().toArray();
}

export async function getWorkspace(id: string): Promise<WorkspaceEntry | undefined> {
  return registryDb().workspaces.get(id);
}

/** The workspace the user had open last, if any. */
export async function currentWorkspace(): Promise<WorkspaceEntry | undefined> {
  return registryDb().workspaces.orderBy('lastOpenedAt').last();
}

export async function createWorkspace(name: string): Promise<WorkspaceEntry> {
  const now = nowIso();
  const entry: WorkspaceEntry = {
    id: newId(),
    name: cleanName(name),
    createdAt: now,
    updatedAt: now,
    lastOpenedAt: now,
    dirty: true,
    counts: zeroCounts(),
    approxBytes: 0,
  };
  await workspaceDb(entry.id).open();
  await registryDb().workspaces.add(entry);
  return entry;
}

export async function renameWorkspace(id: string, name: string): Promise<void> {
  const clean = cleanName(name);
  const changed = await registryDb().workspaces.update(id, { name: clean, updatedAt: nowIso(), dirty: true });
  if (changed === 0) throw new Error(`No workspace ${id}`);
}

export async function deleteWorkspace(id: string): Promise<void> {
  forgetHead(id);
  await dropWorkspaceDb(id);
  await registryDb().workspaces.delete(id);
}

export async function markOpened(id: string): Promise<void> {
  await registryDb().workspaces.update(id, { lastOpenedAt: nowIso() });
}

export async function markDirty(id: string): Promise<void> {
  await registryDb().workspaces.update(id, { dirty: true, updatedAt: nowIso() });
}

export async function markSaved(id: string, file: { name: string; path: string | null }): Promise<void> {
  const changes: Partial<WorkspaceEntry> = { dirty: false, savedAt: nowIso(), fileName: file.name };
  if (file.path !== null) changes.filePath = file.path;
  await registryDb().workspaces.update(id, changes);
}

/** Small app-wide flags kept beside the registry (e.g. whether the sample was offered already). */
export async function getSetting(key: string): Promise<string | undefined> {
  return (await registryDb().settings.get(key))?.value;
}

export async function setSetting(key: string, value: string): Promise<void> {
  await registryDb().settings.put({ key, value });
}

/** Whether the workspace is in reading mode (db/reading-mode.ts), as stored. */
export async function getReadingMode(workspaceId: string): Promise<boolean> {
  return readReadingMode(registryDb(), workspaceId);
}

export async function setReadingMode(workspaceId: string, on: boolean): Promise<void> {
  // Guard first when turning it on, so nothing slips in while the setting is written.
  if (on) noteReadingMode(workspaceId, true);
  await setSetting(READING_MODE_KEY + workspaceId, on ? 'on' : 'off');
  noteReadingMode(workspaceId, on);
}

/** Throws ReadingModeError when the workspace is in reading mode (read from storage, not from this thread's memory). */
export async function assertWritable(workspaceId: string): Promise<void> {
  if (await getReadingMode(workspaceId)) throw new ReadingModeError();
}
