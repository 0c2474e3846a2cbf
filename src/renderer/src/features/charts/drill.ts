/** Turning a clicked chart item into the Responses filter behind it (unit ids, plus tag/segment when the item has them). */
import type { Chart } from '../../../../core/report';
import type { ResponsesFilter } from '../insights/navigation';

/** The `key` a core chart datum carries: a tag id, "tagId|segment", "tagId|npsClass", a score, a period. */
export function datumKey(chart: Chart, seriesIndex: number, dataIndex: number): string | undefined {
  const series = Array.isArray(chart.option.series) ? chart.option.series[seriesIndex] : chart.option.series;
  const data: unknown = series && 'data' in series ? series.data : undefined;
  if (!Array.isArray(data)) return undefined;
  const item: unknown = data[dataIndex];
  if (typeof item !== 'object' || item === null || !('key' in item)) return undefined;
  return typeof item.key === 'string' ? item.key : undefined;
}

export function drillFilter(chart: Chart, click: { seriesIndex: number; dataIndex: number; unitIds: string[]; label: string }, context: { attribute?: string; questionId?: string }): ResponsesFilter {
  const key = datumKey(chart, click.seriesIndex, click.dataIndex);
  const filter: ResponsesFilter = { unitIds: click.unitIds, label: click.label };
  if (context.questionId !== undefined) filter.questionId = context.questionId;
  if (key === undefined) return filter;
  if (chart.kind === 'tag-frequency') filter.tagId = key;
  if (chart.kind === 'sentiment') filter.tagId = key.slice(0, key.indexOf('|'));
  if (chart.kind === 'crosstab' && context.attribute !== undefined) {
    const cut = key.indexOf('|');
    filter.tagId = key.slice(0, cut);
    filter.attribute = context.attribute;
    filter.segment = key.slice(cut + 1);
  }
  return filter;
}
