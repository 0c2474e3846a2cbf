/** Tag filters of the grid and the search box, as the tag query the search worker answers. Pure. */
import type { TagQuery } from '../../workers/search-protocol';

export type TagFilter = { kind: 'any' } | { kind: 'untagged' } | { kind: 'tag'; tagId: string };

/**
 * The worker's tag query for a filter (null = no filter). The worker keeps its own copy of which units carry
 * which tag (features/search/tag-mirror.ts), so the query names the tag rather than listing its units.
 */
export function tagQueryFor(filter: TagFilter): TagQuery | null {
  return filter.kind === 'any' ? null : filter;
}
