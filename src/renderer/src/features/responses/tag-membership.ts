/** Tag filters of the grid and the search box, as the unit filter the search worker applies. Pure. */
import type { TagIndexView } from '../../../../core/coding';

export type TagFilter = { kind: 'any' } | { kind: 'untagged' } | { kind: 'tag'; tagId: string };

/**
 * The unit filter a tag filter becomes: units to keep (a tag) or to drop (untagged); null = no filter.
 * Read straight from the coding service's tag index (kept current per change), never from every tagging.
 */
export function unitFilterFor(filter: TagFilter, index: TagIndexView): { mode: 'include' | 'exclude'; unitIds: string[] } | null {
  if (filter.kind === 'any') return null;
  if (filter.kind === 'untagged') return { mode: 'exclude', unitIds: [...index.taggedUnits()] };
  return { mode: 'include', unitIds: [...index.unitsWith(filter.tagId)] };
}
