/**
 * The coding repository: reads a workspace's tags, highlights and taggings as a core CodingState and writes
 * core ChangeSets — each one in ONE strict-durability Dexie transaction over the coding tables, so a bulk tag
 * of 100k answers (or its undo) lands whole or not at all. Bulk taggings are stored ~256 to a record
 * (tagging-blocks.ts), so that transaction writes a few hundred records, not 100k. Afterwards the registry entry is marked dirty and its cached
 * counts adjusted (the registry is another database, so that part is a second, small transaction).
 * The coder identity setting lives here too: it is what every new tagging records.
 */
import Dexie from 'dexie';
import type { ChangeSet, CodingRecords, CodingState, CodingTable } from '../../../core/coding';
import { codingState } from '../../../core/coding';
import { nowIso } from '../../../core/ids';
import { registryDb, workspaceDb } from './connections';
import type { WorkspaceDb } from './schema';
import { countStoredTaggings, readAllTaggings, writeTaggings } from './tagging-blocks';
import { getSetting, setSetting } from './workspaces';

/** Persisted: the settings key of the coder name. Changing it forgets every user's coder identity. */
export const CODER_SETTING = 'coder';
export const DEFAULT_CODER = 'me';
export const MAX_CODER_LENGTH = 60;

/** Everything coding operations read, in one consistent snapshot. */
export async function loadCodingState(workspaceId: string): Promise<CodingState> {
  const db = workspaceDb(workspaceId);
  return db.transaction('r', codingTables(db), async () =>
    codingState({ tags: await db.tags.toArray(), highlights: await db.highlights.toArray(), taggings: await readAllTaggings(db) }),
  );
}

function codingTables(db: WorkspaceDb) {
  return [db.tags, db.highlights, db.taggings, db.taggingBlocks];
}

/** applyCodingChanges calls in flight per workspace: their change notifications are not news to the caller. */
const ownWrites = new Map<string, number>();

/**
 * Calls `next` with the coding state now and again after any change to the coding tables made by someone
 * else: another window, or another writer in this one (a snapshot import, a file merge). Changes written
 * through applyCodingChanges are not re-read: its caller already has them (CodingProvider moves its state
 * from the change-set), and re-reading 100k taggings after every tagging is what made tagging slow.
 * Returns the unsubscribe function.
 */
export function subscribeCodingState(workspaceId: string, next: (state: CodingState) => void, error: (e: unknown) => void): () => void {
  const db = workspaceDb(workspaceId);
  const prefixes = codingTables(db).map((t) => `idb://${db.name}/${t.name}/`);
  let live = true;
  let running = false;
  let again = false;
  const load = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const state = await loadCodingState(workspaceId);
        if (live && !again) next(state);
      } while (again && live);
    } catch (e) {
      if (live) error(e);
    } finally {
      running = false;
    }
  };
  // Dexie fires this synchronously when a transaction of this window commits (before its promise settles,
  // so an own write is still counted in ownWrites) and when another window's commit is broadcast.
  const onMutated = (parts: Record<string, unknown>): void => {
    if ((ownWrites.get(workspaceId) ?? 0) > 0) return;
    if (Object.keys(parts).some((k) => prefixes.some((p) => k.startsWith(p)))) void load();
  };
  Dexie.on('storagemutated', onMutated);
  void load();
  return () => {
    live = false;
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}

export interface ApplyOptions {
  /**
   * The state the change-set was computed against. When given, the count changes are worked out from it;
   * otherwise the transaction looks up which ids exist first (slower for big change-sets).
   */
  before?: CodingState;
}

type Delta = Record<CodingTable, number>;

/**
 * Applies a change-set atomically: deletes, then puts, per table, in one read-write transaction. The
 * change-set invariant (each id touched once) makes the order irrelevant to the result.
 */
export async function applyCodingChanges(workspaceId: string, changes: ChangeSet, options: ApplyOptions = {}): Promise<void> {
  if (changes.puts.length === 0 && changes.deletes.length === 0) return;
  const db = workspaceDb(workspaceId);
  const grouped = groupByTable(changes);
  ownWrites.set(workspaceId, (ownWrites.get(workspaceId) ?? 0) + 1);
  let delta: Delta;
  try {
    delta = await db.transaction('rw', codingTables(db), async () => {
      const d = options.before === undefined ? await deltaFromDb(db, grouped) : deltaFromState(options.before, grouped);
      await db.tags.bulkDelete(grouped.tags.deletes);
      await db.highlights.bulkDelete(grouped.highlights.deletes);
      await db.tags.bulkPut(grouped.tags.puts);
      await db.highlights.bulkPut(grouped.highlights.puts);
      await writeTaggings(db, grouped.taggings.puts, grouped.taggings.deletes);
      return d;
    });
  } finally {
    const n = (ownWrites.get(workspaceId) ?? 1) - 1;
    if (n > 0) ownWrites.set(workspaceId, n);
    else ownWrites.delete(workspaceId);
  }
  await markCodingChanged(workspaceId, delta);
}

type Grouped = { [K in CodingTable]: { puts: CodingRecords[K][]; deletes: string[] } };

function groupByTable(cs: ChangeSet): Grouped {
  const g: Grouped = { tags: { puts: [], deletes: [] }, highlights: { puts: [], deletes: [] }, taggings: { puts: [], deletes: [] } };
  for (const p of cs.puts) {
    if (p.table === 'tags') g.tags.puts.push(p.record);
    else if (p.table === 'highlights') g.highlights.puts.push(p.record);
    else g.taggings.puts.push(p.record);
  }
  for (const d of cs.deletes) g[d.table].deletes.push(d.id);
  return g;
}

function deltaFromState(before: CodingState, g: Grouped): Delta {
  const count = <K extends CodingTable>(table: K, map: ReadonlyMap<string, unknown>): number =>
    g[table].puts.filter((r) => !map.has(r.id)).length - g[table].deletes.filter((id) => map.has(id)).length;
  return { tags: count('tags', before.tags), highlights: count('highlights', before.highlights), taggings: count('taggings', before.taggings) };
}

async function deltaFromDb(db: WorkspaceDb, g: Grouped): Promise<Delta> {
  const existing = async (table: CodingTable, ids: string[]): Promise<number> =>
    ids.length === 0 ? 0 : table === 'taggings' ? countStoredTaggings(db, ids) : (await db.table(table).bulkGet(ids)).filter((r) => r !== undefined).length;
  const out: Delta = { tags: 0, highlights: 0, taggings: 0 };
  for (const table of ['tags', 'highlights', 'taggings'] as const) {
    const puts = g[table].puts.map((r) => r.id);
    out[table] = puts.length - (await existing(table, puts)) - (await existing(table, g[table].deletes));
  }
  return out;
}

/** Marks the workspace changed since its last save and moves its cached counts by `delta`. */
async function markCodingChanged(workspaceId: string, delta: Delta): Promise<void> {
  const registry = registryDb();
  await registry.transaction('rw', registry.workspaces, async () => {
    const entry = await registry.workspaces.get(workspaceId);
    if (entry === undefined) return;
    const counts = { ...entry.counts };
    counts.tags = Math.max(0, counts.tags + delta.tags);
    counts.highlights = Math.max(0, counts.highlights + delta.highlights);
    counts.taggings = Math.max(0, counts.taggings + delta.taggings);
    await registry.workspaces.put({ ...entry, counts, dirty: true, updatedAt: nowIso() });
  });
}

/** Who is coding: recorded on every highlight and tagging (intercoder agreement compares coders). */
export async function getCoder(): Promise<string> {
  const stored = await getSetting(CODER_SETTING);
  return stored === undefined || stored.trim() === '' ? DEFAULT_CODER : stored;
}

/** A coder name the user typed that cannot be used; the message says why. */
export class CoderNameError extends Error {
  override readonly name = 'CoderNameError';
}

export async function setCoder(name: string): Promise<string> {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean === '') throw new CoderNameError('Give your coder name: it is saved with every tag you apply.');
  if (clean.length > MAX_CODER_LENGTH) throw new CoderNameError(`Keep the coder name under ${MAX_CODER_LENGTH} characters.`);
  await setSetting(CODER_SETTING, clean);
  return clean;
}
