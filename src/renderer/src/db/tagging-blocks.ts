/**
 * Where taggings live (v4). A bulk operation's taggings have batch ids (core/coding/batch-id.ts) and are packed
 * up to 256 to a `taggingBlocks` record, keyed [batch, floor(n / 256)], column-wise like unit blocks: a bulk
 * tag of 100k answers is ~400 records instead of 100k, and its undo deletes those ~400 (Chromium's IndexedDB
 * cost is per record, ~60–175 µs each, see schema.ts). Every other tagging (a highlight's, one from another
 * tool's file) keeps one record in `taggings`. Where a tagging is stored is a function of its id alone, so
 * every writer — coding operations, snapshot imports, merges — puts it in the same place.
 *
 * These functions run inside the caller's transaction (which must cover both tables) and speak Tagging
 * records; nothing above the db layer knows about blocks.
 *
 * Persisted shape (schema.ts TaggingBlock): changing how a field is encoded needs a migration.
 */
import type { Tagging } from '../../../core/model';
import { decodeTaggingColumns, encodeTaggingColumns, taggingBlockOf as blockOf, TAGGINGS_PER_BLOCK } from '../../../core/workspace-blocks';
import type { TaggingBlock, WorkspaceDb } from './schema';

export { TAGGINGS_PER_BLOCK };

type BlockKey = [string, number];

/** The block a tagging id lives in, or undefined when it lives in the `taggings` table. */
export function taggingBlockOf(id: string): { key: BlockKey; n: number } | undefined {
  const at = blockOf(id);
  return at === undefined ? undefined : { key: [at.batch, at.block], n: at.n };
}

/** Packs one block's taggings (all of batch `batch`, block `block`) column-wise, ordered by n (core/workspace-blocks.ts). */
export function encodeTaggingBlock(batch: string, block: number, taggings: readonly Tagging[]): TaggingBlock {
  const columns = encodeTaggingColumns(batch, taggings);
  return { ...columns, block, tk: [...new Set(columns.tagId.map((i) => columns.dict[i]!))] };
}

/** The taggings of a block, as records. */
export const decodeTaggingBlock: (b: TaggingBlock) => Tagging[] = decodeTaggingColumns;

/** Every tagging of the workspace. */
export async function readAllTaggings(db: WorkspaceDb): Promise<Tagging[]> {
  const out = await db.taggings.toArray();
  for (const b of await db.taggingBlocks.toArray()) for (const t of decodeTaggingBlock(b)) out.push(t);
  return out;
}

/** Taggings of one tag (the blocks' `tk` index finds the blocks holding it). */
export async function readTaggingsOfTag(db: WorkspaceDb, tagId: string): Promise<Tagging[]> {
  const out = await db.taggings.where('tagId').equals(tagId).toArray();
  for (const b of await db.taggingBlocks.where('tk').equals(tagId).toArray()) for (const t of decodeTaggingBlock(b)) if (t.tagId === tagId) out.push(t);
  return out;
}

/** Taggings per tag id: the table's tagId index keys, and the blocks' tag columns. */
export async function countTaggingsByTag(db: WorkspaceDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const key of await db.taggings.orderBy('tagId').keys()) if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
  await db.taggingBlocks.each((b) => {
    for (const i of b.tagId) {
      const key = b.dict[i]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  });
  return counts;
}

/** How many of `ids` are stored. */
export async function countStoredTaggings(db: WorkspaceDb, ids: readonly string[]): Promise<number> {
  const { single, blocks } = split(ids, (id) => id);
  let found = single.length === 0 ? 0 : (await db.taggings.bulkGet(single)).filter((r) => r !== undefined).length;
  if (blocks.size === 0) return found;
  const groups = [...blocks.values()];
  const stored = await db.taggingBlocks.bulkGet(groups.map((g) => g.key));
  groups.forEach((g, i) => {
    const have = new Set(stored[i]?.n ?? []);
    for (const { n } of g.items) if (have.has(n)) found++;
  });
  return found;
}

interface Group<T> {
  key: BlockKey;
  items: { n: number; item: T }[];
}

function split<T>(items: readonly T[], idOf: (item: T) => string): { single: T[]; blocks: Map<string, Group<T>> } {
  const single: T[] = [];
  const blocks = new Map<string, Group<T>>();
  for (const item of items) {
    const where = taggingBlockOf(idOf(item));
    if (where === undefined) {
      single.push(item);
      continue;
    }
    const k = `${where.key[0]}\u0000${where.key[1]}`;
    let g = blocks.get(k);
    if (g === undefined) blocks.set(k, (g = { key: where.key, items: [] }));
    g.items.push({ n: where.n, item });
  }
  return { single, blocks };
}

/**
 * Deletes `deletes` and puts `puts` (each id at most once over both, as a change-set guarantees). Blocks are
 * read, changed and written back whole; a block left empty is deleted. Runs in the caller's transaction.
 */
export async function writeTaggings(db: WorkspaceDb, puts: readonly Tagging[], deletes: readonly string[]): Promise<void> {
  const p = split(puts, (t) => t.id);
  const d = split(deletes, (id) => id);
  if (d.single.length > 0) await db.taggings.bulkDelete(d.single);
  if (p.single.length > 0) await db.taggings.bulkPut(p.single);
  const keys = new Map<string, BlockKey>();
  for (const [k, g] of [...p.blocks, ...d.blocks]) keys.set(k, g.key);
  if (keys.size === 0) return;
  const ks = [...keys.keys()];
  const stored = await db.taggingBlocks.bulkGet(ks.map((k) => keys.get(k)!));
  const toPut: TaggingBlock[] = [];
  const toDelete: BlockKey[] = [];
  ks.forEach((k, i) => {
    const key = keys.get(k)!;
    const before = stored[i];
    const put = p.blocks.get(k)?.items ?? [];
    const del = d.blocks.get(k)?.items ?? [];
    if (before === undefined) {
      // A new block (a bulk tag, or its redo): nothing to merge with.
      if (put.length > 0) toPut.push(encodeTaggingBlock(key[0], key[1], put.map((x) => x.item)));
      return;
    }
    const gone = new Set(del.map((x) => x.n));
    if (put.length === 0 && before.n.every((n) => gone.has(n))) {
      // The whole block goes (the undo of a bulk tag): no need to decode it.
      toDelete.push(key);
      return;
    }
    const byN = new Map(decodeTaggingBlock(before).map((t, j) => [before.n[j]!, t]));
    for (const n of gone) byN.delete(n);
    for (const x of put) byN.set(x.n, x.item);
    if (byN.size === 0) toDelete.push(key);
    else toPut.push(encodeTaggingBlock(key[0], key[1], [...byN.values()]));
  });
  if (toDelete.length > 0) await db.taggingBlocks.bulkDelete(toDelete);
  if (toPut.length > 0) await db.taggingBlocks.bulkPut(toPut);
}

/**
 * Adds taggings to a workspace being filled (a snapshot import): like bulkAdd, an id given twice aborts the
 * caller's transaction. Blocks are written whole, so the tables must hold none of these batches yet.
 */
export async function addTaggings(db: WorkspaceDb, taggings: readonly Tagging[]): Promise<void> {
  const { single, blocks } = split(taggings, (t) => t.id);
  if (single.length > 0) await db.taggings.bulkAdd(single);
  const records: TaggingBlock[] = [];
  for (const g of blocks.values()) {
    const seen = new Set<number>();
    for (const { n, item } of g.items) {
      if (seen.has(n)) throw new Error(`Tagging id ${item.id} is used twice.`);
      seen.add(n);
    }
    records.push(encodeTaggingBlock(g.key[0], g.key[1], g.items.map((x) => x.item)));
  }
  if (records.length > 0) await db.taggingBlocks.bulkAdd(records);
}
