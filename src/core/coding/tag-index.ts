/**
 * Which tags each unit carries and which units each tag is on — the grid's chips and its tag filters — kept
 * current from each change-set instead of being rebuilt from every tagging after every change (a bulk tag of
 * 100k rows used to cost a pass over all taggings per render). Counts per (unit, tag), because a unit can
 * carry a tag twice (as a whole and on a highlight, or from two coders) and loses it only with the last one.
 *
 * The index is mutable and owned by whoever applies the change-sets (CodingProvider); `view()` hands out a
 * fresh read-only object after each change, so React memos keyed on it recompute.
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
}

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

  const add = (t: Tagging): void => {
    const list = byUnit.get(t.unitId);
    if (list === undefined) byUnit.set(t.unitId, [t.tagId]);
    else list.push(t.tagId);
    let units = byTag.get(t.tagId);
    if (units === undefined) byTag.set(t.tagId, (units = new Map()));
    units.set(t.unitId, (units.get(t.unitId) ?? 0) + 1);
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
    else units.delete(t.unitId);
    if (units.size === 0) byTag.delete(t.tagId);
  };
  for (const t of taggings) add(t);

  return {
    apply(before, changes) {
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
    },
    view() {
      return {
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
