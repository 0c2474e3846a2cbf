/**
 * Save lineage and tombstones: what a three-way merge needs to know beyond the records themselves.
 * Every save appends {saveId, parentSaveIds, at} (a merged file has two parents) and every deletion leaves a
 * tombstone {table, id, deletedAt, mergedInto?}, so a merge can tell "deleted on one side" from "new on the
 * other" even when the record is not in the base, and can follow a tag that was merged into another.
 *
 * Stored as a separate `lineage.json` entry of the `.loupe` zip rather than in manifest.json: format-v1
 * readers ignore entries they do not know (decodeWorkspace reads the manifest and the tables only), the
 * tombstone list grows with the workspace's history and does not belong in a manifest meant to be read
 * cheaply, and the codec stays untouched. A file without the entry is simply a workspace with no history.
 * Persisted: the entry name and the keys below are the format; changing them needs LINEAGE_VERSION + 1.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { newId, nowIso } from '../ids';
import { TABLES, type TableName, type WorkspaceSnapshot } from '../model';

export const LINEAGE_ENTRY = 'lineage.json';
export const LINEAGE_FORMAT = 'loupe-lineage';
export const LINEAGE_VERSION = 1;

export interface SaveRecord {
  saveId: string;
  /** Empty for the first save; two ids for a merge. */
  parentSaveIds: string[];
  /** ISO 8601. */
  at: string;
}

export interface Tombstone {
  table: TableName;
  id: string;
  deletedAt: string;
  /** The record this one was merged into (a tag merge): references to `id` now mean `mergedInto`. */
  mergedInto?: string;
}

export interface Lineage {
  /** The save this file is. */
  head: string;
  /** Every save in this file's history (the ancestry graph), oldest first. */
  saves: SaveRecord[];
  tombstones: Tombstone[];
}

const saveSchema = z.object({ saveId: z.string().min(1), parentSaveIds: z.array(z.string().min(1)), at: z.string().min(1) });
const tombstoneSchema = z.object({
  table: z.enum(TABLES),
  id: z.string().min(1),
  deletedAt: z.string().min(1),
  mergedInto: z.string().min(1).optional(),
});
const lineageFileSchema = z.looseObject({
  format: z.literal(LINEAGE_FORMAT),
  version: z.number().int(),
  head: z.string().min(1),
  saves: z.array(saveSchema),
  tombstones: z.array(tombstoneSchema),
});

/** lineage.json is present but unreadable. The workspace itself still opens; merging it needs a base. */
export class LineageError extends Error {
  override readonly name = 'LineageError';
}

export function tombstoneKey(table: TableName, id: string): string {
  return `${table}/${id}`;
}

/** The lineage stored in a `.loupe` file, or undefined when it has none (older files, files saved by tools without history). */
export function readLineage(workspaceBytes: Uint8Array): Lineage | undefined {
  const files = unzipSync(workspaceBytes, { filter: (f) => f.name === LINEAGE_ENTRY });
  const data = files[LINEAGE_ENTRY];
  if (data === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    throw new LineageError('The workspace history (lineage.json) is damaged: it is not valid JSON. Pass the common base file explicitly to merge.');
  }
  const parsed = lineageFileSchema.safeParse(json);
  if (!parsed.success) throw new LineageError('The workspace history (lineage.json) is damaged or from another program. Pass the common base file explicitly to merge.');
  if (parsed.data.version > LINEAGE_VERSION) throw new LineageError(`The workspace history was written by a newer Loupe (lineage ${parsed.data.version}). Update Loupe to merge it.`);
  const { head, saves, tombstones } = parsed.data;
  return { head, saves: saves.map(cleanSave), tombstones: tombstones.map(cleanTombstone) };
}

/** The workspace file bytes with `lineage` stored in (or replacing) its lineage.json entry. */
export function writeLineage(workspaceBytes: Uint8Array, lineage: Lineage): Uint8Array {
  const files = unzipSync(workspaceBytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) if (name !== LINEAGE_ENTRY) out[name] = data;
  out[LINEAGE_ENTRY] = [lineageEntry(lineage), { level: 6 }];
  return zipSync(out);
}

/**
 * The lineage.json entry's bytes, for encodeWorkspace's extraEntries: a save writes the zip once (writeLineage
 * re-deflates every entry, seconds at a million units).
 */
export function lineageEntry(lineage: Lineage): Uint8Array {
  const json = { format: LINEAGE_FORMAT, version: LINEAGE_VERSION, head: lineage.head, saves: lineage.saves, tombstones: lineage.tombstones };
  return new TextEncoder().encode(JSON.stringify(json) + '\n');
}

function cleanSave(s: SaveRecord): SaveRecord {
  return { saveId: s.saveId, parentSaveIds: [...s.parentSaveIds], at: s.at };
}

function cleanTombstone(t: Tombstone): Tombstone {
  return { table: t.table, id: t.id, deletedAt: t.deletedAt, ...(t.mergedInto !== undefined ? { mergedInto: t.mergedInto } : {}) };
}

export interface RecordSaveOptions {
  /** The last saved state and its lineage; absent for a workspace's first save. */
  previous?: { snapshot: WorkspaceSnapshot; lineage?: Lineage | undefined };
  /** Parents to record instead of the previous head (a merge passes both heads). */
  parentSaveIds?: string[];
  saveId?: string;
  at?: string;
  /** Deleted record ids (any table) → the id they were merged into, when the caller knows (mergeTags). */
  mergedInto?: ReadonlyMap<string, string>;
}

/**
 * The lineage to store with `snapshot`: the previous history plus one new save, and tombstones for every
 * record the previous save had and this one does not. A record that comes back (undo) loses its tombstone.
 */
export function recordSave(snapshot: WorkspaceSnapshot, options: RecordSaveOptions = {}): Lineage {
  const at = options.at ?? nowIso();
  const saveId = options.saveId ?? newId();
  const prev = options.previous?.lineage;
  const parents = options.parentSaveIds ?? (prev ? [prev.head] : []);
  const fresh = options.previous ? tombstonesBetween(options.previous.snapshot, snapshot, at, options.mergedInto) : [];
  return {
    head: saveId,
    saves: [...(prev?.saves ?? []), { saveId, parentSaveIds: parents, at }],
    tombstones: pruneTombstones([...(prev?.tombstones ?? []), ...fresh], snapshot),
  };
}

/** Tombstones for records in `before` that are missing from `after`; tag merges are recognised (see inferMerges). */
export function tombstonesBetween(before: WorkspaceSnapshot, after: WorkspaceSnapshot, at: string, known?: ReadonlyMap<string, string>): Tombstone[] {
  const inferred = inferMerges(before, after);
  const out: Tombstone[] = [];
  for (const table of TABLES) {
    // The usual save: a table whose ids are all still there in the same order, with new ones in between (250k
    // respondents unchanged, 200k taggings plus one), needs no id set.
    if (keptInOrder(before.tables[table], after.tables[table])) continue;
    const still = new Set(after.tables[table].map((r) => r.id));
    for (const r of before.tables[table]) {
      if (still.has(r.id)) continue;
      const into = known?.get(r.id) ?? (table === 'tags' ? inferred.get(r.id) : undefined);
      out.push({ table, id: r.id, deletedAt: at, ...(into !== undefined ? { mergedInto: into } : {}) });
    }
  }
  return out;
}

/** Does `after` hold every id of `before`, in the same order (others may be inserted)? A linear walk, no set. */
function keptInOrder(before: readonly { id: string }[], after: readonly { id: string }[]): boolean {
  if (after.length < before.length) return false;
  let j = 0;
  for (let i = 0; i < before.length; i++) {
    const id = before[i]!.id;
    while (j < after.length && after[j]!.id !== id) {
      j++;
      // More skipped than were added: something of `before` is missing (or moved).
      if (j - i > after.length - before.length) return false;
    }
    if (j === after.length) return false;
    j++;
  }
  return true;
}

/**
 * Tags deleted between two states whose taggings moved, unchanged in id, to one surviving tag: a tag merge
 * (mergeTags keeps tagging ids and only changes tagId; so does a child re-parented under the survivor).
 * Works on files without lineage, which is what lets `loupe merge` follow merges made by older saves.
 */
export function inferMerges(before: WorkspaceSnapshot, after: WorkspaceSnapshot): Map<string, string> {
  const afterTags = new Set(after.tables.tags.map((t) => t.id));
  const deleted = new Set(before.tables.tags.filter((t) => !afterTags.has(t.id)).map((t) => t.id));
  const out = new Map<string, string>();
  if (deleted.size === 0) return out;
  const votes = new Map<string, Set<string>>();
  const vote = (from: string, to: string): void => {
    if (!afterTags.has(to)) return;
    const set = votes.get(from) ?? new Set<string>();
    set.add(to);
    votes.set(from, set);
  };
  const taggingsAfter = new Map(after.tables.taggings.map((t) => [t.id, t]));
  for (const t of before.tables.taggings) {
    if (!deleted.has(t.tagId)) continue;
    const moved = taggingsAfter.get(t.id);
    if (moved) vote(t.tagId, moved.tagId);
  }
  const tagsAfter = new Map(after.tables.tags.map((t) => [t.id, t]));
  for (const child of before.tables.tags) {
    if (child.parentId === undefined || !deleted.has(child.parentId)) continue;
    const moved = tagsAfter.get(child.id);
    if (moved?.parentId !== undefined) vote(child.parentId, moved.parentId);
  }
  for (const [from, tos] of votes) if (tos.size === 1) out.set(from, [...tos][0] ?? '');
  return out;
}

/** One tombstone per (table, id) — the earliest, keeping a known survivor — and none for records present in `snapshot`. */
export function pruneTombstones(tombstones: readonly Tombstone[], snapshot: WorkspaceSnapshot): Tombstone[] {
  if (tombstones.length === 0) return [];
  // Only the tables the tombstones name: a save that deleted one tagging needs no set of 250k participants.
  const named = new Set(tombstones.map((t) => t.table));
  const alive = new Set<string>();
  for (const table of TABLES) if (named.has(table)) for (const r of snapshot.tables[table]) alive.add(tombstoneKey(table, r.id));
  const byKey = new Map<string, Tombstone>();
  for (const t of tombstones) {
    const key = tombstoneKey(t.table, t.id);
    if (alive.has(key)) continue;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, cleanTombstone(t));
    else if (seen.mergedInto === undefined && t.mergedInto !== undefined) byKey.set(key, { ...seen, mergedInto: t.mergedInto });
  }
  return [...byKey.values()];
}

/** All saves reachable from `saveId` (itself included) through recorded parents. */
export function ancestorsOf(saveId: string, saves: readonly SaveRecord[]): Set<string> {
  const parents = new Map<string, string[]>();
  for (const s of saves) parents.set(s.saveId, [...(parents.get(s.saveId) ?? []), ...s.parentSaveIds]);
  const seen = new Set<string>();
  const stack = [saveId];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    stack.push(...(parents.get(id) ?? []));
  }
  return seen;
}

/**
 * The nearest save both histories share (a lowest common ancestor; the latest one if there are several),
 * or undefined when they share none. The base *file* is still passed explicitly: this only checks it.
 */
export function findCommonAncestor(a: Lineage, b: Lineage): string | undefined {
  const saves = [...a.saves, ...b.saves];
  const inA = ancestorsOf(a.head, saves);
  const inB = ancestorsOf(b.head, saves);
  const common = [...inA].filter((id) => inB.has(id));
  // Drop every common save that is a proper ancestor of another common save.
  const lowest = common.filter((id) => !common.some((other) => other !== id && ancestorsOf(other, saves).has(id)));
  const at = new Map(saves.map((s) => [s.saveId, s.at]));
  lowest.sort((x, y) => (at.get(y) ?? '').localeCompare(at.get(x) ?? '') || x.localeCompare(y));
  return lowest[0];
}
