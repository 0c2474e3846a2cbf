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
  label?: { show: boolean; fontSize?: number; color?: string };
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

/**
 * Longest subtitle line, in characters. The narrowest chart Loupe draws is a Charts view card (~430 px of
 * canvas, two cards side by side); at 12 px a character is ~6.5–7 px wide in the fonts the app and the PDF use,
 * so 52 characters (~360 px) fit with slack. Lines are broken by the builders, not by ECharts (which knows no
 * width in a serializable option), so the same lines show in the app, the HTML and the PDF.
 */
export const SUBTITLE_LINE_CHARS = 52;

/** Breaks a long part at spaces into lines of at most `max` characters (a word longer than that stays whole). */
function breakWords(part: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of part.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * A subtitle as lines that fit the narrowest chart: its " · "-separated parts (and a trailing parenthesised
 * caveat) are packed onto lines of at most SUBTITLE_LINE_CHARS, a part too long for one line is broken at spaces.
 */
export function subtitleLines(subtitle: string, max = SUBTITLE_LINE_CHARS): string[] {
  const parts = subtitle.split(' · ').flatMap((part) => {
    const caveat = / (\([^()]*\))$/.exec(part);
    return caveat && part.length > max ? [part.slice(0, caveat.index), caveat[1]!] : [part];
  });
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 3 + part.length <= max && !part.startsWith('(')) lines[lines.length - 1] = `${last} · ${part}`;
    else lines.push(...breakWords(part, max));
  }
  return lines;
}

/** Longest title line: the title is 18 px bold, ~11 px a character, in the same ~430 px. */
export const TITLE_LINE_CHARS = 36;

/**
 * Title and subtitle, each wrapped to the narrowest chart (see subtitleLines), and how much more room than one
 * line of each they need: the builders add it to the plot's top margin. A single line keeps ECharts' own line
 * height (18 px title, 12 px subtitle); wrapped lines get more leading, or they touch.
 */
function titled(title: string, subtitle: string): { title: TitleComponentOption; extra: number } {
  const titleLines = breakWords(title, TITLE_LINE_CHARS);
  const lines = subtitleLines(subtitle);
  const wrappedTitle = titleLines.length > 1;
  const wrappedSubtitle = lines.length > 1;
  return {
    title: {
      text: titleLines.join('\n'),
      subtext: lines.join('\n'),
      left: 'center',
      ...(wrappedTitle ? { textStyle: { lineHeight: 22 } } : {}),
      ...(wrappedSubtitle ? { subtextStyle: { lineHeight: 16 } } : {}),
    },
    extra: (wrappedTitle ? 22 * titleLines.length - 18 : 0) + (wrappedSubtitle ? 16 * lines.length - 12 : 0),
  };
}

/** The height a chart's wrapped title and subtitle add above its plot: chart heights add it, so the plot keeps its size. */
export function headerExtra(chart: Pick<Chart, 'title' | 'subtitle'>): number {
  return titled(chart.title, chart.subtitle).extra;
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
  const head = titled(title, subtitle);
  return {
    kind: 'tag-frequency',
    title,
    subtitle,
    option: {
      animation: false,
      title: head.title,
      tooltip: { trigger: 'item' },
      grid: grid({ top: 64 + head.extra, right: 40, bottom: 8, left: 32 }),
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

/** One step of the heatmap's colour scale: counts from `gte` to `lte`, its colour and its label. */
interface CountStep {
  gte: number;
  lte: number;
  label: string;
  color: string;
}

// The low end is a pale grey-blue rather than white, so a 0 cell and the 0 swatch show on a white page.
const HEAT_LOW = [0xe6, 0xea, 0xf3] as const;
const HEAT_HIGH = [0x30, 0x56, 0xd3] as const;

function heatColor(t: number): string {
  return `#${HEAT_LOW.map((lo, i) => Math.round(lo + (HEAT_HIGH[i]! - lo) * t).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The colour scale as steps a reader can look up: 0 on its own (never used together), then one step per count
 * up to 5, else up to 4 ranges with round bounds (1–10, 11–20…), few enough for the legend to fit a narrow
 * card. Colours run from the pale 0 to the accent.
 */
export function countSteps(max: number): CountStep[] {
  const top = Math.max(1, max);
  let size = 1;
  if (top > 5) {
    const raw = top / 4;
    const pow = 10 ** Math.floor(Math.log10(raw));
    size = ([1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow);
  }
  const ranges: [number, number][] = [[0, 0]];
  for (let lo = 1; lo <= top; lo += size) ranges.push([lo, Math.min(lo + size - 1, top)]);
  return ranges.map(([gte, lte], i) => ({
    gte,
    lte,
    label: gte === lte ? String(gte) : `${gte}–${lte}`,
    color: heatColor(i / (ranges.length - 1)),
  }));
}

/**
 * A cell's count is drawn when it fits the cell at the narrowest width the chart is drawn at (a Charts view
 * card: ~260 px of plot beside the tag names); a cell too small for it at 12 px gets 10 px, smaller still none
 * (the tooltip and the data table still have it).
 */
const NARROWEST_PLOT = 260;

function cellFontSize(tags: number, digits: number): number | undefined {
  const cell = NARROWEST_PLOT / Math.max(1, tags) - 4;
  if (digits * 7.5 <= cell) return 12;
  if (digits * 6.2 <= cell) return 10;
  return undefined;
}

/** Text colours on the scale's cells: black or white (whichever contrasts more, ≥ 4.5:1 on every fill), muted for 0. */
export const CELL_TEXT = { dark: '#000000', light: '#ffffff', zero: '#5b6475' } as const;

/**
 * The x-axis tag names are rotated just enough that neighbours (a ~14 px line apart across the slant) do not
 * overlap in the narrowest plot: 30° for a few tags, steeper for more.
 */
function xLabelRotation(tags: number): number {
  const cell = NARROWEST_PLOT / Math.max(1, tags);
  return [30, 45, 60].find((deg) => 14 / Math.sin((deg * Math.PI) / 180) <= cell) ?? 90;
}

export const CO_OCCURRENCE_SCALE_LABEL = 'Responses tagged with both';

export function coOccurrenceChart(co: CoOccurrence, options: { title?: string } = {}): Chart {
  const title = options.title ?? 'Tags used together';
  const subtitle = 'Responses tagged with both';
  let max = 0;
  co.counts.forEach((row, i) => row.forEach((count, j) => (max = i === j ? max : Math.max(max, count))));
  const steps = countSteps(max);
  const n = co.names.length;
  const data: UnitDatum<[number, number, number]>[] = [];
  co.counts.forEach((row, i) =>
    row.forEach((count, j) => {
      // The diagonal is each tag's own frequency: it would swamp the colour scale, so it is left blank.
      if (i === j) return;
      const fontSize = cellFontSize(n, String(count).length);
      const fill = steps.find((s) => count >= s.gte && count <= s.lte)?.color ?? steps[0]!.color;
      // Dark or white text, whichever stands out more on the cell (the fills are the same in both themes).
      const color = count === 0 ? CELL_TEXT.zero : contrast(CELL_TEXT.light, fill) > contrast(CELL_TEXT.dark, fill) ? CELL_TEXT.light : CELL_TEXT.dark;
      data.push({
        value: [j, i, count],
        unitIds: co.unitIds[i]?.[j] ?? [],
        key: `${co.tagIds[i] ?? ''}|${co.tagIds[j] ?? ''}`,
        label: fontSize === undefined ? { show: false } : { show: true, fontSize, color },
      });
    }),
  );
  const head = titled(title, subtitle);
  return {
    kind: 'co-occurrence',
    title,
    subtitle,
    option: {
      animation: false,
      // The scale's caption, centred on its own line above the swatches: beside them it would need the row
      // the swatches need in a narrow card, and SSR's estimated text widths would let it run into them.
      title: [head.title, { text: CO_OCCURRENCE_SCALE_LABEL, left: 'center', bottom: 36, padding: 0, textStyle: { fontSize: 12, fontWeight: 'normal' } }],
      tooltip: { trigger: 'item' },
      grid: grid({ top: 64 + head.extra, right: 8, bottom: 64, left: 32 }),
      xAxis: { type: 'category', data: co.names, axisLabel: { rotate: xLabelRotation(n), interval: 0 } },
      yAxis: { type: 'category', data: co.names, inverse: true, axisLabel: { interval: 0 } },
      // The colour scale as count steps, each with its numbers (a continuous bar had none): a colour a reader can look up.
      visualMap: {
        type: 'piecewise',
        min: 0,
        max: Math.max(1, max),
        pieces: steps.map(({ gte, lte, label, color }) => ({ gte, lte, label, color })),
        showLabel: true,
        selectedMode: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemWidth: 18,
        itemHeight: 12,
        itemGap: 8,
      },
      series: [{ type: 'heatmap', name: CO_OCCURRENCE_SCALE_LABEL, data, label: { show: true, textBorderWidth: 0 } }],
    },
    table: { headers: ['', ...co.names], rows: co.names.map((name, i) => [name, ...(co.counts[i] ?? [])]) },
  };
}

/** Plot width of a bar chart in the narrowest Charts view card (~430 px of canvas less the y-axis labels). */
const NARROWEST_BAR_PLOT = 380;

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
  const head = titled(title, subtitle);
  return {
    kind: 'crosstab',
    title,
    subtitle,
    option: {
      animation: false,
      title: head.title,
      tooltip: { trigger: 'item' },
      legend,
      grid: grid({ top: 72 + head.extra, right: 8, bottom }),
      // Every group named (ECharts hid "Mid-market (n=141)" between its neighbours in a narrow card), a name too
      // wide for its share of the narrowest plot broken onto a second line.
      xAxis: {
        type: 'category',
        data: ct.segments.map((s, j) => `${s} (n=${ct.base[j] ?? 0})`),
        axisLabel: { interval: 0, width: Math.floor(NARROWEST_BAR_PLOT / Math.max(1, ct.segments.length)) - 8, overflow: 'break', lineHeight: 14 },
      },
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
  const head = titled(title, subtitle);
  return {
    kind: 'nps-distribution',
    title,
    subtitle,
    option: {
      animation: false,
      title: head.title,
      tooltip: { trigger: 'item' },
      grid: grid({ top: 84 + head.extra, right: 8, bottom: 8 }),
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
  const head = titled(title, subtitle);
  return {
    kind: 'nps-by-tag',
    title,
    subtitle,
    option: {
      animation: false,
      title: head.title,
      tooltip: { trigger: 'item' },
      legend,
      grid: grid({ top: 64 + head.extra, right: 24, bottom, left: 32 }),
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
  const head = titled(title, subtitle);
  return {
    kind: 'volume',
    title,
    subtitle,
    option: {
      animation: false,
      title: head.title,
      tooltip: { trigger: 'item' },
      ...(tagIds.length > 0 ? { legend } : {}),
      grid: grid({ top: 64 + head.extra, right: 16, bottom: tagIds.length > 0 ? bottom : 8 }),
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
  const head = titled(title, subtitle);
  return {
    kind: 'sentiment',
    title,
    subtitle,
    option: {
      animation: false,
      title: head.title,
      tooltip: { trigger: 'item' },
      legend,
      grid: grid({ top: 64 + head.extra, right: 24, bottom, left: 32 }),
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
