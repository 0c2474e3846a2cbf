/**
 * The filter a link into Responses carries (#/responses/<filter>, grammar in insights/navigation.ts): the
 * answers behind a chart bar, an insight's evidence, or one quoted answer. Pure: how the view's own controls
 * start out, and the grid's unit filter with the route's units and the tag filter combined.
 */
import type { UnitFilter } from '../../workers/search-protocol';
import type { ResponsesFilter } from '../insights/navigation';
import type { TagFilter } from './tag-membership';

export interface RoutedControls {
  /** A question id, or 'all'. */
  question: string;
  tagFilter: TagFilter;
  attribute: { key: string; value: string } | null;
}

/** Where the view's controls start for a routed filter: units listed by id keep the tag filter open. */
export function controlsFor(filter: ResponsesFilter): RoutedControls {
  return {
    question: filter.questionId ?? 'all',
    tagFilter: filter.tagId !== undefined && filter.unitIds === undefined ? { kind: 'tag', tagId: filter.tagId } : { kind: 'any' },
    attribute: filter.attribute !== undefined && filter.segment !== undefined ? { key: filter.attribute, value: filter.segment } : null,
  };
}

/** The route's units (when it lists them) narrowed by the tag filter's unit filter. */
export function combineUnitFilters(routedUnitIds: readonly string[] | undefined, tagUnits: UnitFilter | null): UnitFilter | null {
  if (routedUnitIds === undefined) return tagUnits;
  if (tagUnits === null) return { mode: 'include', unitIds: routedUnitIds };
  const listed = new Set(tagUnits.unitIds);
  return { mode: 'include', unitIds: routedUnitIds.filter((id) => (tagUnits.mode === 'include' ? listed.has(id) : !listed.has(id))) };
}
