/** Which tags each unit carries, derived from the coding state: chips in rows, and tag filters. Pure. */
import type { CodingState } from '../../../../core/coding';

/** unit id → tag ids on it (whole-unit taggings and taggings of its highlights), in first-applied order. */
export function tagsByUnit(state: CodingState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of state.taggings.values()) {
    const list = out.get(t.unitId);
    if (list === undefined) out.set(t.unitId, [t.tagId]);
    else if (!list.includes(t.tagId)) list.push(t.tagId);
  }
  return out;
}

export type TagFilter = { kind: 'any' } | { kind: 'untagged' } | { kind: 'tag'; tagId: string };

/** The unit filter a tag filter becomes: units to keep (a tag) or to drop (untagged); null = no filter. */
export function unitFilterFor(filter: TagFilter, byUnit: ReadonlyMap<string, readonly string[]>): { mode: 'include' | 'exclude'; unitIds: string[] } | null {
  if (filter.kind === 'any') return null;
  if (filter.kind === 'untagged') return { mode: 'exclude', unitIds: [...byUnit.keys()] };
  const unitIds: string[] = [];
  for (const [unitId, tags] of byUnit) if (tags.includes(filter.tagId)) unitIds.push(unitId);
  return { mode: 'include', unitIds };
}
