/**
 * Three-way merge of workspaces, record by record, keyed on stable ids. Nothing is dropped silently:
 * - added on either side → kept; changed on one side → that version; changed identically → one copy;
 * - changed on both sides differently, added on both with different content, or deleted on one side and
 *   changed on the other → a conflict with field diffs, resolved to `prefer` (mine) unless told otherwise;
 * - deleted on one side, untouched on the other → deleted;
 * - a record deleted on one side that the other side's records still point at (a coding of a deleted tag,
 *   a highlight on a deleted unit) → a 'delete-reference' conflict that by default KEEPS the record, because
 *   deleting it would also take the other coder's new work; choosing the deletion detaches or deletes the
 *   records pointing at it, and lists them;
 * - a tag merged into another on one side (its tombstone names the survivor; without lineage the merge is
 *   recognised from the moved taggings) → the other side's references to it are remapped to the survivor,
 *   and codings that became exact duplicates are collapsed (listed).
 */
import { nowIso, newId } from '../ids';
import { type TableName, type WorkspaceSnapshot } from '../model';
import { entriesOf, entryKey, tablesOf } from './entries';
import { inferMerges, pruneTombstones, tombstoneKey, tombstonesBetween, type Lineage, type SaveRecord, type Tombstone } from './lineage';
import { fieldDiffs, referencesOf, remapTagRefs, sameContent, withoutRef, type AnyRecord, type Entry, type FieldDiff } from './records';

export type Side = 'mine' | 'theirs';

export interface MergeInput {
  snapshot: WorkspaceSnapshot;
  lineage?: Lineage | undefined;
}

export type ConflictKind = 'edit-edit' | 'add-add' | 'delete-edit' | 'delete-reference';

export interface Dependent {
  table: TableName;
  id: string;
  /** The field that pointed at the conflicting record. */
  field: string;
  /** What the current pick did to it: nothing (the record is kept), the reference removed, or the record deleted. */
  action: 'kept' | 'detached' | 'deleted';
}

export interface MergeConflict {
  /** `${table}/${id}`: the key to resolve it by. */
  key: string;
  table: TableName;
  id: string;
  kind: ConflictKind;
  /** Fields where mine and theirs differ (all fields when one side deleted the record). */
  fields: FieldDiff[];
  base: AnyRecord | null;
  /** null: deleted (or never added) on that side. */
  mine: AnyRecord | null;
  theirs: AnyRecord | null;
  defaultPick: Side;
  /** The side whose version is in the merged workspace. */
  pick: Side;
  /** Records (from either side) that point at this one. */
  dependents: Dependent[];
}

export interface TableSummary {
  added: number;
  changed: number;
  deleted: number;
  conflicts: number;
  /** References rewritten because the record they pointed at was merged into another. */
  remapped: number;
}

export interface Remap {
  table: TableName;
  id: string;
  field: string;
  from: string;
  to: string;
}

export interface MergeResult {
  snapshot: WorkspaceSnapshot;
  /** History of the merged file: both parents' saves plus the merge save (two parents). */
  lineage: Lineage;
  conflicts: MergeConflict[];
  summary: Record<TableName, TableSummary>;
  remapped: Remap[];
  /** Codings that became exact duplicates after a remap: `id` was dropped in favour of `into`. */
  collapsed: { table: 'taggings'; id: string; into: string }[];
  /** References to records no side has ever had (already broken in an input). Left as they are. */
  dangling: { table: TableName; id: string; field: string; target: string }[];
}

export interface MergeOptions {
  /** Conflict key → side; unlisted conflicts take their default pick. */
  resolutions?: Readonly<Record<string, Side>>;
  /** Default pick for edit/add/delete-edit conflicts. Default 'mine'. */
  prefer?: Side;
  /** Time of the merge save; default now. */
  now?: string;
  saveId?: string;
}

interface Versions {
  base: Entry | undefined;
  mine: Entry | undefined;
  theirs: Entry | undefined;
}

type Decision = { kind: 'take'; entry: Entry | undefined } | { kind: 'conflict'; conflict: ConflictKind };

export function mergeWorkspaces(base: MergeInput, mine: MergeInput, theirs: MergeInput, options: MergeOptions = {}): MergeResult {
  const now = options.now ?? nowIso();
  const prefer = options.prefer ?? 'mine';
  const resolutions = options.resolutions ?? {};
  const pickFor = (key: string, fallback: Side): Side => resolutions[key] ?? fallback;

  const baseMap = keyed(base.snapshot);
  const mineMap = keyed(mine.snapshot);
  const theirsMap = keyed(theirs.snapshot);
  // Deletions each side knows about: recorded tombstones plus what disappeared since the base.
  const mineTombs = tombstoneIndex(mine, base.snapshot, now);
  const theirsTombs = tombstoneIndex(theirs, base.snapshot, now);

  const result = new Map<string, Entry>();
  const conflicts = new Map<string, MergeConflict>();
  const order = [...mineMap.keys(), ...theirsMap.keys(), ...baseMap.keys()].filter((k, i, all) => all.indexOf(k) === i);

  for (const key of order) {
    const v: Versions = { base: baseMap.get(key), mine: mineMap.get(key), theirs: theirsMap.get(key) };
    const d = decide(v, mineTombs.get(key), theirsTombs.get(key));
    if (d.kind === 'take') {
      if (d.entry) result.set(key, d.entry);
      continue;
    }
    const any = v.mine ?? v.theirs ?? v.base;
    if (!any) continue;
    const pick = pickFor(key, prefer);
    conflicts.set(key, {
      key,
      table: any.table,
      id: any.record.id,
      kind: d.conflict,
      fields: fieldDiffs(v.base?.record ?? null, v.mine?.record ?? null, v.theirs?.record ?? null),
      base: v.base?.record ?? null,
      mine: v.mine?.record ?? null,
      theirs: v.theirs?.record ?? null,
      defaultPick: prefer,
      pick,
      dependents: [],
    });
    const chosen = pick === 'mine' ? v.mine : v.theirs;
    if (chosen) result.set(key, chosen);
  }

  const { remapped, collapsed } = followTagMerges(result, [...mineTombs.values(), ...theirsTombs.values()]);
  const dangling = repairReferences(result, conflicts, { base: baseMap, mine: mineMap, theirs: theirsMap }, pickFor);

  const snapshot: WorkspaceSnapshot = { meta: { ...mine.snapshot.meta, updatedAt: now }, tables: tablesOf(result.values()) };
  const conflictList = [...conflicts.values()];
  return {
    snapshot,
    lineage: mergedLineage(base, mine, theirs, snapshot, [...mineTombs.values(), ...theirsTombs.values()], now, options.saveId ?? newId()),
    conflicts: conflictList,
    summary: summarize(base.snapshot, snapshot, conflictList, remapped),
    remapped,
    collapsed,
    dangling,
  };
}

function keyed(s: WorkspaceSnapshot): Map<string, Entry> {
  return new Map(entriesOf(s).map((e) => [entryKey(e), e]));
}

function tombstoneIndex(side: MergeInput, base: WorkspaceSnapshot, at: string): Map<string, Tombstone> {
  const out = new Map<string, Tombstone>();
  for (const t of side.lineage?.tombstones ?? []) out.set(tombstoneKey(t.table, t.id), t);
  for (const t of tombstonesBetween(base, side.snapshot, at)) {
    const key = tombstoneKey(t.table, t.id);
    const known = out.get(key);
    if (!known) out.set(key, t);
    else if (known.mergedInto === undefined && t.mergedInto !== undefined) out.set(key, { ...known, mergedInto: t.mergedInto });
  }
  return out;
}

function changed(from: Entry | undefined, to: Entry | undefined): boolean {
  return from !== undefined && to !== undefined && !sameContent(from.record, to.record);
}

function newer(a: Entry, b: Entry): Entry {
  return b.record.updatedAt > a.record.updatedAt ? b : a;
}

function decide(v: Versions, mineTomb: Tombstone | undefined, theirsTomb: Tombstone | undefined): Decision {
  const { base, mine, theirs } = v;
  if (mine && theirs) {
    if (sameContent(mine.record, theirs.record)) return { kind: 'take', entry: newer(mine, theirs) };
    if (!base) return { kind: 'conflict', conflict: 'add-add' };
    const m = changed(base, mine);
    const t = changed(base, theirs);
    if (m && t) return { kind: 'conflict', conflict: 'edit-edit' };
    return { kind: 'take', entry: m ? mine : theirs };
  }
  const present = mine ?? theirs;
  if (!present) return { kind: 'take', entry: undefined };
  if (base) {
    // Deleted on the other side: fine unless this side changed it since the base.
    return changed(base, present) ? { kind: 'conflict', conflict: 'delete-edit' } : { kind: 'take', entry: undefined };
  }
  // Not in the base: new on this side, unless the other side's history says it deleted it.
  const tomb = mine ? theirsTomb : mineTomb;
  if (!tomb) return { kind: 'take', entry: present };
  return present.record.updatedAt > tomb.deletedAt ? { kind: 'conflict', conflict: 'delete-edit' } : { kind: 'take', entry: undefined };
}

/** Rewrites references to merged-away tags to their survivor; collapses codings that became duplicates. */
function followTagMerges(result: Map<string, Entry>, tombstones: readonly Tombstone[]): Pick<MergeResult, 'remapped' | 'collapsed'> {
  const into = new Map<string, string>();
  for (const t of tombstones) if (t.table === 'tags' && t.mergedInto !== undefined) into.set(t.id, t.mergedInto);
  const remapped: Remap[] = [];
  const collapsed: MergeResult['collapsed'] = [];
  if (into.size === 0) return { remapped, collapsed };
  const survivor = (id: string): string => {
    let cur = id;
    const seen = new Set<string>();
    while (!result.has(`tags/${cur}`) && into.has(cur) && !seen.has(cur)) {
      seen.add(cur);
      cur = into.get(cur) ?? cur;
    }
    return result.has(`tags/${cur}`) ? cur : id;
  };
  const moved = new Set<string>();
  for (const [key, e] of result) {
    const next = remapTagRefs(e, survivor);
    if (next === e) continue;
    result.set(key, next);
    moved.add(key);
    for (const [field, from, to] of changedTagRefs(e, next)) remapped.push({ table: e.table, id: e.record.id, field, from, to });
  }
  // Two codings of the same passage by the same coder with the same (now merged) tag: keep the one that was already there.
  const byCoding = new Map<string, string>();
  const taggings = [...result.entries()].filter(([, e]) => e.table === 'taggings').sort(([a], [b]) => Number(moved.has(a)) - Number(moved.has(b)));
  for (const [key, e] of taggings) {
    if (e.table !== 'taggings') continue;
    const r = e.record;
    const sig = `${r.tagId}\u0000${r.unitId}\u0000${r.highlightId ?? ''}\u0000${r.coder}`;
    const first = byCoding.get(sig);
    if (first === undefined) byCoding.set(sig, r.id);
    else if (moved.has(key)) {
      result.delete(key);
      collapsed.push({ table: 'taggings', id: r.id, into: first });
    }
  }
  return { remapped, collapsed };
}

function changedTagRefs(before: Entry, after: Entry): [string, string, string][] {
  if (before.table === 'taggings' && after.table === 'taggings') return [['tagId', before.record.tagId, after.record.tagId]];
  if (before.table === 'tags' && after.table === 'tags') return [['parentId', before.record.parentId ?? '', after.record.parentId ?? '']];
  if (before.table === 'insights' && after.table === 'insights') {
    return before.record.tagIds.filter((id) => !after.record.tagIds.includes(id)).map((id) => ['tagIds', id, after.record.tagIds.find((t) => !before.record.tagIds.includes(t)) ?? '']);
  }
  return [];
}

/**
 * Makes every reference in the result point at a record that exists: a record one side deleted but the
 * other still points at becomes a 'delete-reference' conflict (default: keep it). Repeats until stable,
 * since a restored record may point at deleted records itself.
 */
function repairReferences(
  result: Map<string, Entry>,
  conflicts: Map<string, MergeConflict>,
  sides: Record<'base' | 'mine' | 'theirs', Map<string, Entry>>,
  pickFor: (key: string, fallback: Side) => Side,
): MergeResult['dangling'] {
  const dangling = new Map<string, MergeResult['dangling'][number]>();
  for (let pass = 0, dirty = true; dirty && pass < 1000; pass++) {
    dirty = false;
    for (const [key, e] of [...result]) {
      if (result.get(key) !== e) continue;
      for (const ref of referencesOf(e)) {
        const target = `${ref.table}/${ref.id}`;
        if (result.has(target)) continue;
        const mine = sides.mine.get(target);
        const theirs = sides.theirs.get(target);
        if (!mine && !theirs) {
          dangling.set(`${key}\u0000${ref.field}`, { table: e.table, id: e.record.id, field: ref.field, target: ref.id });
          continue;
        }
        let c = conflicts.get(target);
        if (!c) {
          const baseRecord = sides.base.get(target)?.record ?? null;
          const keep: Side = mine ? 'mine' : 'theirs';
          c = {
            key: target,
            table: ref.table,
            id: ref.id,
            kind: 'delete-reference',
            fields: fieldDiffs(baseRecord, mine?.record ?? null, theirs?.record ?? null),
            base: baseRecord,
            mine: mine?.record ?? null,
            theirs: theirs?.record ?? null,
            defaultPick: keep,
            pick: pickFor(target, keep),
            dependents: [],
          };
          conflicts.set(target, c);
        }
        const kept = c.pick === 'mine' ? mine : theirs;
        if (kept) {
          result.set(target, kept);
          c.dependents.push({ table: e.table, id: e.record.id, field: ref.field, action: 'kept' });
        } else {
          const detached = withoutRef(e, ref);
          if (detached) result.set(key, detached);
          else result.delete(key);
          c.dependents.push({ table: e.table, id: e.record.id, field: ref.field, action: detached ? 'detached' : 'deleted' });
        }
        dirty = true;
        break;
      }
    }
  }
  return [...dangling.values()];
}

function summarize(base: WorkspaceSnapshot, merged: WorkspaceSnapshot, conflicts: readonly MergeConflict[], remapped: readonly Remap[]): Record<TableName, TableSummary> {
  return perTable((table) => {
    const before = new Map<string, AnyRecord>(base.tables[table].map((r) => [r.id, r]));
    const after = new Set<string>();
    let added = 0;
    let changedCount = 0;
    for (const r of merged.tables[table]) {
      after.add(r.id);
      const b = before.get(r.id);
      if (!b) added++;
      else if (!sameContent(b, r)) changedCount++;
    }
    return {
      added,
      changed: changedCount,
      deleted: [...before.keys()].filter((id) => !after.has(id)).length,
      conflicts: conflicts.filter((c) => c.table === table).length,
      remapped: new Set(remapped.filter((r) => r.table === table).map((r) => r.id)).size,
    };
  });
}

function perTable<T>(fn: (table: TableName) => T): Record<TableName, T> {
  return {
    sources: fn('sources'),
    participants: fn('participants'),
    questions: fn('questions'),
    units: fn('units'),
    tags: fn('tags'),
    highlights: fn('highlights'),
    taggings: fn('taggings'),
    clusterings: fn('clusterings'),
    insights: fn('insights'),
    reports: fn('reports'),
    comments: fn('comments'),
  };
}

function mergedLineage(base: MergeInput, mine: MergeInput, theirs: MergeInput, merged: WorkspaceSnapshot, tombs: readonly Tombstone[], now: string, saveId: string): Lineage {
  const saves = new Map<string, SaveRecord>();
  for (const s of [...(base.lineage?.saves ?? []), ...(mine.lineage?.saves ?? []), ...(theirs.lineage?.saves ?? [])]) if (!saves.has(s.saveId)) saves.set(s.saveId, s);
  const parents = [mine.lineage?.head, theirs.lineage?.head].filter((h): h is string => h !== undefined).filter((h, i, all) => all.indexOf(h) === i);
  saves.set(saveId, { saveId, parentSaveIds: parents, at: now });
  // What the merge itself removed (one side's deletions, collapsed duplicates) is a deletion for later merges too.
  const fromMine = tombstonesBetween(mine.snapshot, merged, now, inferMerges(mine.snapshot, merged));
  const fromTheirs = tombstonesBetween(theirs.snapshot, merged, now, inferMerges(theirs.snapshot, merged));
  return { head: saveId, saves: [...saves.values()], tombstones: pruneTombstones([...tombs, ...fromMine, ...fromTheirs], merged) };
}
