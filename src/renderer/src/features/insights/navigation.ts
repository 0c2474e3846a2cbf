/**
 * Links from insights, charts and reports to the data behind them, as hash routes any view can read:
 *
 *   #/responses/<filter>   the responses behind a bar or a quote. <filter> is a URL query string
 *                          (encoded as one path segment): units=<id>,<id>… | tag=<tagId> [&attribute=<a>&segment=<v>]
 *                          [&question=<questionId>] [&label=<what was clicked>]
 *   #/sources/<sourceId>   a transcript or notes source in the reader (the unit to scroll to: #/sources/<id>?unit=…
 *                          is not routable yet, so the reader opens at the top).
 *
 * The Responses view owns how it shows a filter; `parseResponsesFilter` is the one reader of this grammar.
 */
import type { Route } from '../../app/routes';

export interface ResponsesFilter {
  /** Exactly these units (a bar of a chart, an insight's evidence). */
  unitIds?: string[];
  /** Units carrying this tag… */
  tagId?: string;
  /** …from participants whose `attribute` is `segment`. */
  attribute?: string;
  segment?: string;
  /** Only answers to this question. */
  questionId?: string;
  /** What the user clicked, for a heading ("Pricing · Enterprise"). */
  label?: string;
}

/** Above this many units a route carries the tag/segment filter only (when there is one): hashes stay short. */
const MAX_IDS_IN_ROUTE = 400;

export function responsesFilterParam(filter: ResponsesFilter): string {
  const q = new URLSearchParams();
  const byTag = filter.tagId !== undefined;
  if (filter.unitIds !== undefined && !(byTag && filter.unitIds.length > MAX_IDS_IN_ROUTE)) q.set('units', filter.unitIds.join(','));
  if (filter.tagId !== undefined) q.set('tag', filter.tagId);
  if (filter.attribute !== undefined && filter.segment !== undefined) {
    q.set('attribute', filter.attribute);
    q.set('segment', filter.segment);
  }
  if (filter.questionId !== undefined) q.set('question', filter.questionId);
  if (filter.label !== undefined) q.set('label', filter.label);
  return q.toString();
}

export function parseResponsesFilter(param: string | null): ResponsesFilter | null {
  if (param === null || !/[=]/.test(param)) return null;
  const q = new URLSearchParams(param);
  const filter: ResponsesFilter = {};
  const units = q.get('units');
  if (units !== null) filter.unitIds = units.split(',').filter((id) => id !== '');
  const tag = q.get('tag');
  if (tag !== null) filter.tagId = tag;
  const attribute = q.get('attribute');
  const segment = q.get('segment');
  if (attribute !== null && segment !== null) {
    filter.attribute = attribute;
    filter.segment = segment;
  }
  const question = q.get('question');
  if (question !== null) filter.questionId = question;
  const label = q.get('label');
  if (label !== null) filter.label = label;
  return Object.keys(filter).length === 0 ? null : filter;
}

export function responsesRoute(filter: ResponsesFilter): Route {
  return { section: 'responses', param: responsesFilterParam(filter) };
}

/** Where a quote's context lives: survey answers in Responses, everything else in the source reader. */
export function unitContextRoute(unit: { id: string; sourceId: string }, sourceKind: string | undefined): Route {
  if (sourceKind === 'survey') return responsesRoute({ unitIds: [unit.id], label: 'Quoted answer' });
  return { section: 'sources', param: unit.sourceId };
}
