/**
 * Open Dexie connections: the registry and one cached connection per workspace database, and the typed error
 * an open fails with (the app shows a recovery screen for it instead of a blank window or silent data loss).
 */
import Dexie from 'dexie';
import { forgetReadingModes, readingModeGuard } from './reading-mode';
import { recoverInterruptedImports } from './recovery';
import { allTables, CURRENT_WORKSPACE_VERSION, lineageTables, REGISTRY_DB_NAME, REGISTRY_VERSIONS, RegistryDb, WorkspaceDb, workspaceDbName } from './schema';

let registry: RegistryDb | undefined;
const workspaces = new Map<string, WorkspaceDb>();

/** Why a database did not open. */
export type DatabaseProblem = 'newer-version' | 'corrupt' | 'blocked' | 'unavailable';

/** A database that cannot be used. Nothing was written to it; `message` says what happened and what to do. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  constructor(
    readonly problem: DatabaseProblem,
    readonly database: string,
    options?: { cause?: unknown },
  ) {
    super(PROBLEM_MESSAGES[problem], options);
  }
}

const PROBLEM_MESSAGES: Record<DatabaseProblem, string> = {
  'newer-version':
    'This data was saved by a newer version of Loupe. This version left it untouched: open it with the newer version, or restore a backup file here.',
  corrupt: 'The stored workspace data could not be read: it may be damaged. It was left untouched; restore a backup file or open another workspace.',
  blocked: 'Another Loupe window is holding the workspace data. Close other Loupe windows, then try again.',
  unavailable: 'Loupe could not open its storage on this computer. Restore a backup file or try again.',
};

/** True when the registry (the list of workspaces) itself is unusable, not just one workspace's database. */
export function isRegistryProblem(error: DatabaseOpenError): boolean {
  return error.database === REGISTRY_DB_NAME;
}

/** True when `error` is about this workspace's database. */
export function isProblemOf(error: DatabaseOpenError, workspaceId: string): boolean {
  return error.database === workspaceDbName(workspaceId);
}

const REGISTRY_VERSION = REGISTRY_VERSIONS[REGISTRY_VERSIONS.length - 1]?.version ?? 1;

/** Dexie 4 opens a database of a higher version without complaint; writing into a newer schema is what we refuse. */
function assertNotNewer(db: Dexie, knownVersion: number): void {
  // Dexie stores version n as native version n × 10 (and may add one when it patches a schema diff).
  if (db.backendDB().version >= (knownVersion + 1) * 10) throw new DatabaseOpenError('newer-version', db.name);
}

/** Maps whatever an open rejected with (Dexie wraps the IndexedDB error as `inner`) to a DatabaseOpenError. */
export function toDatabaseOpenError(error: unknown, database: string): DatabaseOpenError {
  if (error instanceof DatabaseOpenError) return error;
  const names: string[] = [];
  for (let e: unknown = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth += 1) {
    if ('name' in e && typeof e.name === 'string') names.push(e.name);
    e = 'inner' in e ? e.inner : undefined;
  }
  const problem: DatabaseProblem = names.includes('VersionError')
    ? 'newer-version'
    : names.some((n) => n === 'DatabaseClosedError' && /blocked/i.test(String(error))) || names.includes('BlockedError')
      ? 'blocked'
      : names.some((n) => n === 'UnknownError' || n === 'DataError' || n === 'InvalidStateError' || n === 'NotReadableError' || n === 'DataCloneError')
        ? 'corrupt'
        : 'unavailable';
  return new DatabaseOpenError(problem, database, { cause: error });
}

export function registryDb(): RegistryDb {
  if (registry === undefined) {
    const opened = new RegistryDb();
    opened.on('ready', () => assertNotNewer(opened, REGISTRY_VERSION));
    registry = opened;
  }
  return registry;
}

export function workspaceDb(workspaceId: string): WorkspaceDb {
  let db = workspaces.get(workspaceId);
  if (db === undefined) {
    // Strict durability: a change the user saw succeed (a tagging, a memo, an import) is on disk, not only in
    // the OS cache, when its transaction completes; it costs a few percent of write speed.
    const opened = new WorkspaceDb(workspaceId, { durability: 'strict' });
    // Reading mode refuses edits here, below every repository (db/reading-mode.ts).
    opened.use(readingModeGuard(workspaceId, [...allTables(opened), ...lineageTables(opened)].map((t) => t.name)));
    // First open in this thread: refuse a newer app's data, then clean up after imports a crash interrupted,
    // before anything reads.
    opened.on('ready', () => {
      assertNotNewer(opened, CURRENT_WORKSPACE_VERSION);
      // On a connection of its own: recovery awaits Web Locks (a promise IndexedDB knows nothing of), and a
      // transaction on THIS connection after that await would wait for this very 'ready' — the open never
      // finished after a crash mid-import (found by bench:crash; test/security/dom/recovery-open.test.ts).
      const side = new WorkspaceDb(workspaceId, { durability: 'strict' });
      return recoverInterruptedImports(side)
        .then(() => undefined)
        .finally(() => side.close());
    });
    db = opened;
    workspaces.set(workspaceId, db);
  }
  return db;
}

/**
 * Opens the registry (and a workspace database, when given) now, so a database that cannot be used is found
 * at startup and reported as a DatabaseOpenError rather than as errors in every section.
 */
export async function checkDatabases(workspaceId?: string): Promise<void> {
  for (const [db, name] of [[registryDb(), REGISTRY_DB_NAME], ...(workspaceId === undefined ? [] : [[workspaceDb(workspaceId), workspaceDbName(workspaceId)] as const])] as const) {
    try {
      await db.open();
    } catch (error) {
      // Forget the failed connection: a later attempt (after the user acted) starts afresh.
      db.close();
      if (db === registry) registry = undefined;
      else if (workspaceId !== undefined) workspaces.delete(workspaceId);
      throw toDatabaseOpenError(error, name);
    }
  }
}

/** Closes and deletes a workspace's database. */
export async function dropWorkspaceDb(workspaceId: string): Promise<void> {
  workspaces.get(workspaceId)?.close();
  workspaces.delete(workspaceId);
  forgetReadingModes(workspaceId);
  await Dexie.delete(workspaceDbName(workspaceId));
}

/** Closes every connection (tests, and before deleting databases from outside). */
export function closeAll(): void {
  registry?.close();
  registry = undefined;
  for (const db of workspaces.values()) db.close();
  workspaces.clear();
  forgetReadingModes();
}
