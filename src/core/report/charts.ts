/**
 * Chart option builders: analysis results → ECharts option objects (plain, serializable data; no functions,
 * so an option can cross a worker or IPC boundary and renders the same everywhere). Every data item that
 * stands for units carries their ids in `unitIds`; `unitIdsAt()` maps a click (seriesIndex, dataIndex) back
 * to them. Each chart also carries its numbers as a table: Markdown exports and screen readers get the data.
 */
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatChiSquare, type Crosstab } from '../analysis/crosstab';
import type { CoOccurrence, TagFrequency } from '../analysis/frequency';
import type { NpsByGroup, OverallNps } from '../analysis/nps';
import type { SentimentByTag } from '../analysis/sentiment';
import type { Volume } from '../analysis/volume';

export type ChartOption = ComposeOption<
  BarSeriesOption | HeatmapSeriesOption | LineSeriesOption | TitleComponentOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | VisualMapComponentOption
>;

export type ChartKind = 'tag-frequency' | 'co-occurrence' | 'crosstab' | 'nps-distribution' | 'nps-by-tag' | 'volume' | 'sentiment';

export interface DataTable {
  headers: string[];
  rows: (string | number)[][];
}

export interface Chart {
  kind: ChartKind;
  title: string;
  subtitle: string;
  option: ChartOption;
  table: DataTable;
}

/** A data item that knows the units behind it. `key` names what it stands for (a tag id, a segment…). */
export interface UnitDatum<V = number> {
  value: V;
  unitIds: string[];
  key: string;
  itemStyle?: { color: string };
  label?: { show: boolean };
}

export const NPS_COLORS = { detractors: '#d1495b', passives: '#b8b8b8', promoters: '#2e9e6a' } as const;
const SENTIMENT_COLORS = { negative: '#d1495b', neutral: '#b8b8b8', positive: '#2e9e6a' } as const;

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * The plot area inside fixed margins, with axis labels kept inside it (ECharts 6's replacement for containLabel).
 * SSR measures text with estimated glyph widths, so charts with long category labels on the left pass a wider
 * `left` as slack for fonts wider than the estimate.
 */
function grid(margins: { top: number; right: number; bottom: number; left?: number }): GridComponentOption {
  return { left: 8, ...margins, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' };
}

/** Width the legend is laid out for: narrower than the report's 720 px charts, so it also fits the app's panels. */
const LEGEND_WIDTH = 560;

/**
 * A legend under the plot, and the bottom margin that keeps the axis labels clear of it. ECharts wraps a long
 * legend onto more rows; with a fixed margin the rows ran over the x-axis labels (8 tags by segment). Rows are
 * estimated like SSR measures text: ~7 px per character at 12 px, plus the 25 px swatch and gaps.
 */
function bottomLegend(names: readonly string[]): { legend: LegendComponentOption; bottom: number } {
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const w = 25 + 5 + name.length * 7 + 10;
    if (x > 0 && x + w > LEGEND_WIDTH) {
      rows++;
      x = 0;
    }
    x += w;
  }
  const height = rows * 14 + (rows - 1) * 10 + 10;
  return { legend: { type: 'plain', bottom: 0, left: 'center', width: LEGEND_WIDTH }, bottom: height + 16 };
}

function titled(title: string, subtitle: string): TitleComponentOption {
  return { text: title, subtext: subtitle, left: 'center' };
}

/** The units behind a clicked item, from ECharts' click params; [] when the item carries none. */
export function unitIdsAt(option: ChartOption, seriesIndex: number, dataIndex: number): string[] {
  const series = Array.isArray(option.series) ? option.series[seriesIndex] : seriesIndex === 0 ? option.series : undefined;
  const data: unknown = series && 'data' in series ? series.data : undefined;
  if (!Array.isArray(data)) return [];
  const item: unknown = data[dataIndex];
  if (typeof item !== 'object' || item === null || !('unitIds' in item)) return [];
  const ids: unknown = item.unitIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

export interface TagFrequencyChartOptions {
  measure?: 'units' | 'participants';
  title?: string;
  /** Show only the first n rows (rows come most-used first). */
  limit?: number;
}

export function tagFrequencyChart(rows: readonly TagFrequency[], options: TagFrequencyChartOptions = {}): Chart {
  const measure = options.measure ?? 'units';
  const shown = rows.slice(0, options.limit ?? rows.length);
  const title = options.title ?? 'How often each tag was used';
  const subtitle = measure === 'units' ? 'Tagged responses' : 'Participants with the tag';
  // Horizontal bars read top-down, so the category axis is inverted to keep the most-used tag on top.
  const data: UnitDatum[] = shown.map((r) => ({ value: r[measure], unitIds: r.unitIds, key: r.tagId, itemStyle: { color: r.color } }));
  return {
    kind: 'tag-frequency',
    title,
    subtitle,
    option: {
      animation: false,
      title: titled(title, subtitle),
      tooltip: { trigger: 'item' },
      grid: grid({ top: 64, right: 40, bottom: 8, left: 32 }),
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.name) },
      series: [{ type: 'bar', name: subtitle, data, label: { show: true, position: 'right' } }],
    },
    table: {
      headers: ['Tag', 'Responses', 'Participants', '% of responses'],
      rows: shown.map((r) => [r.name, r.units, r.participants, `${round1(r.percentOfUnits)}%`]),
    },
  };
}

export function coOccurrenceChart(co: CoOccurrence, options: { title?: string } = {}): Chart {
  const title = options.title ?? 'Tags used together';
  const subtitle = 'Responses tagged with both';
  const data: UnitDatum<[number, number, number]>[] = [];
  let max = 0;
  co.counts.forEach((row, i) =>
    row.forEach((count, j) => {
      // The diagonal is each tag's own frequency: it would swamp the colour scale, so it is left blank.
      if (i === j) return;
      max = Math.max(max, count);
      data.push({ value: [j, i, count], unitIds: co.unitIds[i]?.[j] ?? [], key: `${co.tagIds[i] ?? ''}|${co.tagIds[j] ?? ''}` });
    }),
  );
  return {
    kind: 'co-occurrence',
    title,
    subtitle,
    option: {
      animation: false,
      title: titled(title, subtitle),
      tooltip: { trigger: 'item' },
      grid: grid({ top: 64, right: 8, bottom: 96 }),
      xAxis: { type: 'category', data: co.names, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'category', data: co.names, inverse: true, axisLabel: { interval: 0 } },
      visualMap: { type: 'continuous', min: 0, max: Math.max(1, max), calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f4f6fb', '#3056d3'] } },
      series: [{ type: 'heatmap', name: subtitle, data, label: { show: true } }],
    },
    table: { headers: ['', ...co.names], rows: co.names.map((name, i) => [name, ...(co.counts[i] ?? [])]) },
  };
}

export interface CrosstabChartOptions {
  /** Grouped bars of column % (default), or stacked bars of counts. */
  layout?: 'grouped' | 'stacked';
  title?: string;
}

export function crosstabChart(ct: Crosstab, options: CrosstabChartOptions = {}): Chart {
  const layout = options.layout ?? 'grouped';
  const title = options.title ?? `Tags by ${ct.attribute}`;
  const who = ct.countBy === 'participants' ? 'participants' : 'responses';
  const subtitle = `${layout === 'grouped' ? `% of ${who} in each group` : `Number of ${who}`} · ${formatChiSquare(ct.test)}`;
  const series: BarSeriesOption[] = ct.rows.map((row) => {
    const data: UnitDatum[] = ct.segments.map((seg, j) => ({
      value: layout === 'grouped' ? round1(row.columnPercents[j] ?? 0) : (row.counts[j] ?? 0),
      unitIds: row.unitIds[j] ?? [],
      key: `${row.tagId}|${seg}`,
    }));
    return { type: 'bar', name: row.name, data, itemStyle: { color: row.color }, ...(layout === 'stacked' ? { stack: 'tags' } : {}) };
  });
  const { legend, bottom } = bottomLegend(ct.rows.map((r) => r.name));
  return {
    kind: 'crosstab',
    title,
    subtitle,
    option: {
      animation: false,
      title: titled(title, subtitle),
      tooltip: { trigger: 'item' },
      legend,
      grid: grid({ top: 72, right: 8, bottom }),
      xAxis: { type: 'category', data: ct.segments.map((s, j) => `${s} (n=${ct.base[j] ?? 0})`) },
      yAxis: { type: 'value', ...(layout === 'grouped' ? { axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }) },
      series,
    },
    table: {
      headers: ['Tag', ...ct.segments.map((s, j) => `${s} (n=${ct.base[j] ?? 0})`), 'Test (mentioned vs not)'],
      rows: ct.rows.map((r) => [r.name, ...r.counts.map((c, j) => `${c} (${round1(r.columnPercents[j] ?? 0)}%)`), formatChiSquare(r.test)]),
    },
  };
}

export function formatNps(nps: number | null): string {
  if (nps === null) return 'NPS n/a';
  const r = Math.round(nps);
  return `NPS ${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r)}`;
}

export function npsDistributionChart(nps: OverallNps, options: { title?: string } = {}): Chart {
  const title = options.title ?? 'Likelihood to recommend';
  const subtitle = `${formatNps(nps.nps)} · n = ${nps.n} · ${Math.round(nps.pctPromoters)}% promoters, ${Math.round(nps.pctDetractors)}% detractors`;
  const data: UnitDatum[] = nps.distribution.map((count, s) => ({
    value: count,
    unitIds: nps.unitIdsByScore[s] ?? [],
    key: String(s),
    itemStyle: { color: s >= 9 ? NPS_COLORS.promoters : s >= 7 ? NPS_COLORS.passives : NPS_COLORS.detractors },
  }));
  return {
    kind: 'nps-distribution',
    title,
    subtitle,
    option: {
      animation: false,
      title: titled(title, subtitle),
      tooltip: { trigger: 'item' },
      grid: grid({ top: 84, right: 8, bottom: 8 }),
      xAxis: { type: 'category', data: nps.distribution.map((_, s) => String(s)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: 'Respondents', data, label: { show: true, position: 'top' } }],
    },
    table: { headers: ['Score', 'Respondents'], rows: nps.distribution.map((c, s) => [s, c]) },
  };
}

export function npsByTagChart(groups: readonly NpsByGroup[], options: { title?: string } = {}): Chart {
  const title = options.title ?? 'NPS by tag';
  const subtitle = 'Share of participants with the tag who are detractors, passives, promoters';
  const classes = [
    ['detractors', 'Detractors (0–6)', 'pctDetractors'],
    ['passives', 'Passives (7–8)', 'pctPassives'],
    ['promoters', 'Promoters (9–10)', 'pctPromoters'],
  ] as const;
  const series: BarSeriesOption[] = classes.map(([cls, name, pct]) => {
    // No label on slivers: a "0" or "2.1" drawn over a bar too narrow for it lands on its neighbour.
    const data: UnitDatum[] = groups.map((g) => ({ value: round1(g[pct]), unitIds: g.unitIdsByClass[cls], key: `${g.key}|${cls}`, ...(g[pct] < 10 ? { label: { show: false } } : {}) }));
    return { type: 'bar', name, stack: 'nps', data, itemStyle: { color: NPS_COLORS[cls] }, label: { show: true } };
  });
  const labels = groups.map((g) => `${g.label} (${formatNps(g.nps)}, n=${g.n})`);
  const { legend, bottom } = bottomLegend(classes.map(([, name]) => name));
  return {
    kind: 'nps-by-tag',
    title,
    subtitle,
    option: {
      animation: false,
      title: titled(title, subtitle),
      tooltip: { trigger: 'item' },
      legend,
      grid: grid({ top: 64, right: 24, bottom, left: 32 }),
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: labels },
      series,
    },
    table: {
      headers: ['Tag', 'NPS', 'n', 'Detractors', 'Passives', 'Promoters'],
      rows: groups.map((g) => [g.label, g.nps === null ? '' : Math.round(g.nps), g.n, `${round1(g.pctDetractors)}%`, `${round1(g.pctPassives)}%`, `${round1(g.pctPromoters)}%`]),
    },
  };
}

export function volumeChart(volume: Volume, options: { title?: string; tagNames?: Readonly<Record<string, string>> } = {}): Chart {
  const title = options.title ?? 'Feedback over time';
  const per = volume.bucket === 'day' ? 'day' : volume.bucket === 'week' ? 'week' : 'month';
  const subtitle = `Responses per ${per}${volume.undated > 0 ? ` · ${volume.undated} undated not shown` : ''}`;
  const total: UnitDatum[] = volume.points.map((p) => ({ value: p.units, unitIds: p.unitIds, key: p.key }));
  const series: LineSeriesOption[] = [{ type: 'line', name: 'All responses', data: total, label: { show: volume.points.length <= 24 } }];
  const tagIds = Object.keys(volume.points[0]?.byTag ?? {});
  for (const tagId of tagIds) {
    series.push({ type: 'line', name: options.tagNames?.[tagId] ?? tagId, data: volume.points.map((p) => p.byTag?.[tagId] ?? 0) });
  }
  const { legend, bottom } = bottomLegend(series.map((x) => String(x.name)));
  return {
    kind: 'volume',
    title,
    subtitle,
    option: {
      animation: false,
      title: titled(title, subtitle),
      tooltip: { trigger: 'item' },
      ...(tagIds.length > 0 ? { legend } : {}),
      grid: grid({ top: 64, right: 16, bottom: tagIds.length > 0 ? bottom : 8 }),
      xAxis: { type: 'category', data: volume.points.map((p) => p.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    },
    table: { headers: [per[0]!.toUpperCase() + per.slice(1), 'Responses'], rows: volume.points.map((p) => [p.key, p.units]) },
  };
}

export function sentimentChart(rows: readonly SentimentByTag[], options: { title?: string } = {}): Chart {
  const title = options.title ?? 'Sentiment by tag';
  const subtitle = 'Tagged responses by sentiment';
  const shown = rows.filter((r) => r.n > 0);
  const classes = [
    ['negative', 'Negative'],
    ['neutral', 'Neutral'],
    ['positive', 'Positive'],
  ] as const;
  const series: BarSeriesOption[] = classes.map(([cls, name]) => {
    const data: UnitDatum[] = shown.map((r) => ({ value: r[cls], unitIds: r.unitIds[cls], key: `${r.tagId}|${cls}` }));
    return { type: 'bar', name, stack: 'sentiment', data, itemStyle: { color: SENTIMENT_COLORS[cls] } };
  });
  const { legend, bottom } = bottomLegend(classes.map(([, name]) => name));
  return {
    kind: 'sentiment',
    title,
    subtitle,
    option: {
      animation: false,
      title: titled(title, subtitle),
      tooltip: { trigger: 'item' },
      legend,
      grid: grid({ top: 64, right: 24, bottom, left: 32 }),
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.name) },
      series,
    },
    table: {
      headers: ['Tag', 'Mean', 'Negative', 'Neutral', 'Positive', 'Unscored'],
      rows: shown.map((r) => [r.name, r.mean === null ? '' : Math.round(r.mean * 100) / 100, r.negative, r.neutral, r.positive, r.unscored]),
    },
  };
}
