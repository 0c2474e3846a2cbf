/** Open Dexie connections: the registry and one cached connection per workspace database. */
import Dexie from 'dexie';
import { recoverInterruptedImports } from './recovery';
import { RegistryDb, WorkspaceDb, workspaceDbName } from './schema';

let registry: RegistryDb | undefined;
const workspaces = new Map<string, WorkspaceDb>();

export function registryDb(): RegistryDb {
  registry ??= new RegistryDb();
  return registry;
}

export function workspaceDb(workspaceId: string): WorkspaceDb {
  let db = workspaces.get(workspaceId);
  if (db === undefined) {
    const opened = new WorkspaceDb(workspaceId);
    // First open in this thread: clean up after imports a crash interrupted, before anything reads.
    opened.on('ready', () => recoverInterruptedImports(opened).then(() => undefined));
    db = opened;
    workspaces.set(workspaceId, db);
  }
  return db;
}

/** Closes and deletes a workspace's database. */
export async function dropWorkspaceDb(workspaceId: string): Promise<void> {
  workspaces.get(workspaceId)?.close();
  workspaces.delete(workspaceId);
  await Dexie.delete(workspaceDbName(workspaceId));
}

/** Closes every connection (tests, and before deleting databases from outside). */
export function closeAll(): void {
  registry?.close();
  registry = undefined;
  for (const db of workspaces.values()) db.close();
  workspaces.clear();
}
