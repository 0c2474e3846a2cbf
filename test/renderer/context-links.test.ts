// Links from a quote to its context: the reader opens at the utterance (with the quoted highlight), and
// Responses reads the filter an insight or a chart put in the route, combined with its own tag filter.
import { describe, expect, it } from 'vitest';
import { parseHash, routeHref } from '../../src/renderer/src/app/routes';
import { parseResponsesFilter, parseSourceFocus, responsesRoute, unitContextRoute } from '../../src/renderer/src/features/insights/navigation';
import { combineUnitFilters, controlsFor } from '../../src/renderer/src/features/responses/route-filter';

describe('quote context routes', () => {
  it('a transcript quote opens its source at the utterance, with the highlight, and survives the hash', () => {
    const route = unitContextRoute({ id: 'src:a/b:12', sourceId: 'src:a/b' }, 'transcript', 'h-7');
    const parsed = parseHash(routeHref(route));
    expect(parsed).toEqual({ section: 'sources', param: 'src:a/b', focus: 'unit=src%3Aa%2Fb%3A12&highlight=h-7' });
    expect(parseSourceFocus(parsed.focus)).toEqual({ unitId: 'src:a/b:12', highlightId: 'h-7' });
    expect(parseSourceFocus(parseHash(routeHref(unitContextRoute({ id: 's:3', sourceId: 's' }, 'notes'))).focus)).toEqual({ unitId: 's:3' });
    // Plain routes are unchanged.
    expect(parseHash('#/sources/s1')).toEqual({ section: 'sources', param: 's1' });
    expect(routeHref({ section: 'sources', param: 's1' })).toBe('#/sources/s1');
  });

  it('a survey quote opens Responses filtered to that answer', () => {
    const parsed = parseHash(routeHref(unitContextRoute({ id: 'survey:41', sourceId: 'survey' }, 'survey')));
    expect(parsed.section).toBe('responses');
    expect(parseResponsesFilter(parsed.param)).toEqual({ unitIds: ['survey:41'], label: 'Quoted answer' });
  });

  it('Responses starts from the route: all questions unless one is named; a tag alone becomes the tag filter', () => {
    expect(controlsFor({ unitIds: ['u1'] })).toEqual({ question: 'all', tagFilter: { kind: 'any' }, attribute: null });
    const bar = parseResponsesFilter(responsesRoute({ tagId: 't1', attribute: 'plan', segment: 'Pro', questionId: 'q2' }).param);
    expect(bar).not.toBeNull();
    expect(controlsFor(bar!)).toEqual({ question: 'q2', tagFilter: { kind: 'tag', tagId: 't1' }, attribute: { key: 'plan', value: 'Pro' } });
  });

  it('narrows the route’s answers by the tag filter the reader then picks', () => {
    expect(combineUnitFilters(undefined, null)).toBeNull();
    expect(combineUnitFilters(['a', 'b', 'c'], null)).toEqual({ mode: 'include', unitIds: ['a', 'b', 'c'] });
    expect(combineUnitFilters(['a', 'b', 'c'], { mode: 'include', unitIds: ['b', 'x'] })).toEqual({ mode: 'include', unitIds: ['b'] });
    expect(combineUnitFilters(['a', 'b', 'c'], { mode: 'exclude', unitIds: ['b'] })).toEqual({ mode: 'include', unitIds: ['a', 'c'] });
  });
});
