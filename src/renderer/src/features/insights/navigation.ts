/**
 * Links from insights, charts and reports to the data behind them, as hash routes any view can read:
 *
 *   #/responses/<filter>   the responses behind a bar or a quote. <filter> is a URL query string
 *                          (encoded as one path segment): units=<id>,<id>… | tag=<tagId> [&attribute=<a>&segment=<v>]
 *                          [&question=<questionId>] [&label=<what was clicked>]
 *   #/sources/<sourceId>[/<focus>]
 *                          a transcript or notes source in the reader; <focus> (a URL query string as one path
 *                          segment) is the utterance to open at: unit=<unitId> [&highlight=<highlightId>]
 *
 * The Responses view owns how it shows a filter; `parseResponsesFilter` is the one reader of this grammar, and
 * `parseSourceFocus` of the focus.
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

/** An utterance to open the reader at, and the highlight on it to show. */
export interface SourceFocus {
  unitId: string;
  highlightId?: string;
}

export function sourceFocusParam(focus: SourceFocus): string {
  const q = new URLSearchParams({ unit: focus.unitId });
  if (focus.highlightId !== undefined) q.set('highlight', focus.highlightId);
  return q.toString();
}

export function parseSourceFocus(param: string | null | undefined): SourceFocus | null {
  if (param === null || param === undefined) return null;
  const q = new URLSearchParams(param);
  const unitId = q.get('unit');
  if (unitId === null || unitId === '') return null;
  const highlightId = q.get('highlight');
  return highlightId === null || highlightId === '' ? { unitId } : { unitId, highlightId };
}

/**
 * Where a quote's context lives: a survey answer in Responses filtered to it; anything else in the source
 * reader, opened at its utterance with the quoted highlight shown.
 */
export function unitContextRoute(unit: { id: string; sourceId: string }, sourceKind: string | undefined, highlightId?: string): Route {
  if (sourceKind === 'survey') return responsesRoute({ unitIds: [unit.id], label: 'Quoted answer' });
  return { section: 'sources', param: unit.sourceId, focus: sourceFocusParam(highlightId === undefined ? { unitId: unit.id } : { unitId: unit.id, highlightId }) };
}
