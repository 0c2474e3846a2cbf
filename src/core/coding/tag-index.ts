/**
 * Which tags each unit carries and which units each tag is on — the grid's chips and its tag filters — kept
 * current from each change-set instead of being rebuilt from every tagging after every change (a bulk tag of
 * 100k rows used to cost a pass over all taggings per render). Counts per (unit, tag), because a unit can
 * carry a tag twice (as a whole and on a highlight, or from two coders) and loses it only with the last one.
 *
 * The index is mutable and owned by whoever applies the change-sets (CodingProvider); `view()` hands out a
 * fresh read-only object after each change, so React memos keyed on it recompute.
 *
 * It also keeps a short journal of which units gained or lost each tag per change, so a copy elsewhere (the
 * unit-index worker's tag filters) can follow by deltas instead of receiving every tagged unit again.
 */
import type { Tagging } from '../model';
import type { ChangeSet, CodingState } from './changeset';

export interface TagIndexView {
  /** Tag ids on the unit, in the order they were first applied; the same empty array when none. */
  tagsOf(unitId: string): readonly string[];
  /** Units carrying the tag (whole-unit or on a highlight). */
  unitsWith(tagId: string): Iterable<string>;
  /** How many units carry the tag. */
  unitCount(tagId: string): number;
  /** Units carrying any tag. */
  taggedUnits(): Iterable<string>;
  taggedUnitCount(): number;
  /** Tags carried by at least one unit. */
  tagIds(): Iterable<string>;
  /** Where the index stands now (views read the live index). */
  mark(): TagIndexMark;
  /**
   * The units that gained or lost a tag since `since` (an earlier mark) up to now, oldest change first; null
   * when that cannot be told (another index, or further back than the journal keeps): read `unitsWith` of
   * every tag again.
   */
  membershipSince(since: TagIndexMark): TagMembershipChange[] | null;
}

/** A point in a tag index's history. */
export interface TagIndexMark {
  /** The index (identity only). */
  readonly index: object;
  /** Changes applied to it so far. */
  readonly generation: number;
}

/** In one change: units that came to carry the tag, and units that no longer carry it. */
export interface TagMembershipChange {
  tagId: string;
  added: string[];
  removed: string[];
}

/** Changes the journal keeps (older marks read everything again). */
const JOURNAL = 64;

const NONE: readonly string[] = Object.freeze([]);

export interface TagIndex {
  /** Moves the index by a change-set that is about to be (or was just) applied to `before`. */
  apply(before: CodingState, changes: ChangeSet): void;
  view(): TagIndexView;
}

export function createTagIndex(taggings: Iterable<Tagging>): TagIndex {
  /** unit → tag ids, one entry per tagging (so a tag can appear more than once). */
  const byUnit = new Map<string, string[]>();
  /** tag → unit → taggings of that tag on that unit. */
  const byTag = new Map<string, Map<string, number>>();
  const identity = {};
  let generation = 0;
  /** The last changes: per tag, each unit's membership after the change (true = carries it). */
  const journal: { generation: number; moves: Map<string, Map<string, boolean>> }[] = [];
  let moves: Map<string, Map<string, boolean>> | null = null;
  const moved = (tagId: string, unitId: string, on: boolean): void => {
    if (moves === null) return;
    let units = moves.get(tagId);
    if (units === undefined) moves.set(tagId, (units = new Map()));
    units.set(unitId, on);
  };

  const add = (t: Tagging): void => {
    const list = byUnit.get(t.unitId);
    if (list === undefined) byUnit.set(t.unitId, [t.tagId]);
    else list.push(t.tagId);
    let units = byTag.get(t.tagId);
    if (units === undefined) byTag.set(t.tagId, (units = new Map()));
    const n = units.get(t.unitId) ?? 0;
    units.set(t.unitId, n + 1);
    if (n === 0) moved(t.tagId, t.unitId, true);
  };
  const remove = (t: Tagging): void => {
    const list = byUnit.get(t.unitId);
    if (list !== undefined) {
      const i = list.indexOf(t.tagId);
      if (i >= 0) list.splice(i, 1);
      if (list.length === 0) byUnit.delete(t.unitId);
    }
    const units = byTag.get(t.tagId);
    if (units === undefined) return;
    const n = (units.get(t.unitId) ?? 0) - 1;
    if (n > 0) units.set(t.unitId, n);
    else {
      units.delete(t.unitId);
      moved(t.tagId, t.unitId, false);
    }
    if (units.size === 0) byTag.delete(t.tagId);
  };
  for (const t of taggings) add(t);

  return {
    apply(before, changes) {
      moves = new Map();
      for (const d of changes.deletes) {
        if (d.table !== 'taggings') continue;
        const old = before.taggings.get(d.id);
        if (old !== undefined) remove(old);
      }
      for (const p of changes.puts) {
        if (p.table !== 'taggings') continue;
        const old = before.taggings.get(p.record.id);
        if (old !== undefined) remove(old);
        add(p.record);
      }
      generation++;
      journal.push({ generation, moves });
      moves = null;
      if (journal.length > JOURNAL) journal.shift();
    },
    view() {
      return {
        tagIds: () => byTag.keys(),
        mark: () => ({ index: identity, generation }),
        membershipSince(since) {
          if (since.index !== identity || since.generation > generation) return null;
          if (since.generation === generation) return [];
          const from = journal.findIndex((j) => j.generation === since.generation + 1);
          if (from < 0) return null;
          const out: TagMembershipChange[] = [];
          for (const j of journal.slice(from)) {
            for (const [tagId, units] of j.moves) {
              const change: TagMembershipChange = { tagId, added: [], removed: [] };
              for (const [unitId, on] of units) (on ? change.added : change.removed).push(unitId);
              if (change.added.length + change.removed.length > 0) out.push(change);
            }
          }
          return out;
        },
        tagsOf(unitId) {
          const list = byUnit.get(unitId);
          if (list === undefined) return NONE;
          return list.length === 1 ? list.slice() : [...new Set(list)];
        },
        unitsWith: (tagId) => byTag.get(tagId)?.keys() ?? [],
        unitCount: (tagId) => byTag.get(tagId)?.size ?? 0,
        taggedUnits: () => byUnit.keys(),
        taggedUnitCount: () => byUnit.size,
      };
    },
  };
}
