/**
 * Reading mode's guard in the storage layer: while a workspace is in reading mode, its database refuses every
 * write except comments (what readers add) and the save bookkeeping (so comments can be saved and shared
 * back). The UI hides or disables editing controls; this guard is what makes a stray keyboard shortcut, an
 * undo or a drop of files unable to change the workspace anyway.
 *
 * Replacing the whole workspace from a file (open, merge a shared copy, discard changes) is not editing: it
 * runs in one transaction over every table, and the guard lets such a transaction through.
 *
 * The setting lives in the registry; the guard needs it synchronously (an await inside an IndexedDB
 * transaction would end it), so each thread keeps the last value it read or wrote: the app reads it at start
 * (bootstrap's checkStorage) and whenever it changes (useViewerMode's live query, which also sees other
 * windows), and writers that run elsewhere (the import worker) check the stored value again before they
 * start (`assertWritable` in workspaces.ts).
 */
import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';
import type { RegistryDb } from './schema';

/** Persisted settings key prefix (+ workspace id): changing it forgets every workspace's reading mode. */
export const READING_MODE_KEY = 'readingMode:';

/** Tables a reader may write: their comments, and what a Save records. */
const READER_TABLES: ReadonlySet<string> = new Set(['comments', 'savedStates', 'lineageState', 'tombstones']);

const known = new Map<string, boolean>();

/** A change refused because the workspace is in reading mode. */
export class ReadingModeError extends Error {
  override readonly name = 'ReadingModeError';
  constructor() {
    super('This workspace is in reading mode, so it cannot be changed. Turn off “Reading mode” in the status bar to edit.');
  }
}

/** Reading mode as this thread last knew it (false when never read). */
export function isReadingMode(workspaceId: string): boolean {
  return known.get(workspaceId) === true;
}

/** Records the value just read or written, for the guard. */
export function noteReadingMode(workspaceId: string, on: boolean): void {
  known.set(workspaceId, on);
}

/** Forgets what this thread knew (connections closed; the next open reads the setting again). */
export function forgetReadingModes(workspaceId?: string): void {
  if (workspaceId === undefined) known.clear();
  else known.delete(workspaceId);
}

export async function readReadingMode(registry: RegistryDb, workspaceId: string): Promise<boolean> {
  const on = (await registry.settings.get(READING_MODE_KEY + workspaceId))?.value === 'on';
  noteReadingMode(workspaceId, on);
  return on;
}

/**
 * The Dexie middleware installed on every workspace connection. `wholeWorkspace` names every table a
 * whole-workspace replacement (importSnapshot) writes in its one transaction.
 */
export function readingModeGuard(workspaceId: string, wholeWorkspace: readonly string[]): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'readingModeGuard',
    create(down) {
      const replacing = new WeakSet<DBCoreTransaction>();
      return {
        ...down,
        transaction(stores, mode, options) {
          const trans = down.transaction(stores, mode, options);
          if (mode === 'readwrite' && wholeWorkspace.every((t) => stores.includes(t))) replacing.add(trans);
          return trans;
        },
        table(name) {
          const table = down.table(name);
          if (READER_TABLES.has(name)) return table;
          return {
            ...table,
            mutate(req) {
              if (isReadingMode(workspaceId) && !replacing.has(req.trans)) return Promise.reject(new ReadingModeError());
              return table.mutate(req);
            },
          };
        },
      };
    },
  };
}
