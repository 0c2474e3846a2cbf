import { describe, expect, it } from 'vitest';
import { crosstab } from '../../../src/core/analysis/crosstab';
import { coOccurrence, tagFrequency } from '../../../src/core/analysis/frequency';
import { npsByTag, overallNps } from '../../../src/core/analysis/nps';
import { sentimentByTag } from '../../../src/core/analysis/sentiment';
import { volumeOverTime } from '../../../src/core/analysis/volume';
import {
  coOccurrenceChart,
  crosstabChart,
  npsByTagChart,
  npsDistributionChart,
  sentimentChart,
  subtitleLines,
  tagFrequencyChart,
  unitIdsAt,
  volumeChart,
} from '../../../src/core/report/charts';
import { renderChartSvg } from '../../../src/core/report/render-svg';
import { fixtureData, tags } from '../analysis/fixture';

const data = fixtureData();

function seriesData(option: { series?: unknown }, i = 0): unknown[] {
  const series = option.series;
  const s: unknown = Array.isArray(series) ? series[i] : series;
  return typeof s === 'object' && s !== null && 'data' in s && Array.isArray(s.data) ? s.data : [];
}

describe('chart option builders', () => {
  it('tag frequency: one bar per tag, most used on top, tag colours, click → units', () => {
    const chart = tagFrequencyChart(tagFrequency(data), { limit: 3 });
    expect(chart.option.yAxis).toMatchObject({ type: 'category', inverse: true, data: ['Pricing', 'Speed', 'Support'] });
    expect(seriesData(chart.option).map((d) => (d as { value: number }).value)).toEqual([4, 4, 2]);
    expect(seriesData(chart.option)[0]).toMatchObject({ itemStyle: { color: '#d1495b' }, key: 'price' });
    expect(unitIdsAt(chart.option, 0, 2)).toEqual(['s1:6', 's1:21']);
    expect(unitIdsAt(chart.option, 0, 9)).toEqual([]);
    expect(chart.table.rows[0]).toEqual(['Pricing', 4, 4, '50%']);
    expect(chart.option.animation).toBe(false);
  });

  it('co-occurrence heatmap: off-diagonal cells with the units tagged with both', () => {
    const chart = coOccurrenceChart(coOccurrence(data, { tagIds: ['price', 'speed', 'support'] }));
    const cells = seriesData(chart.option) as { value: [number, number, number]; key: string }[];
    expect(cells).toHaveLength(6);
    const priceSpeed = cells.findIndex((c) => c.key === 'price|speed');
    expect(cells[priceSpeed]?.value).toEqual([1, 0, 2]);
    expect(unitIdsAt(chart.option, 0, priceSpeed)).toEqual(['s1:16', 't1:1']);
    expect(chart.option.visualMap).toMatchObject({ min: 0, max: 2 });
  });

  it('crosstab: grouped column % with χ² and p in the subtitle; stacked counts on request', () => {
    const ct = crosstab(data, { attribute: 'plan', questionId: 'q1', tagIds: ['price', 'speed', 'support'] });
    const grouped = crosstabChart(ct);
    expect(grouped.subtitle).toContain('% of participants in each group');
    expect(grouped.subtitle).toContain('χ² = 0.19, df = 2, p = 0.907');
    expect(grouped.option.title).toMatchObject({ text: 'Tags by plan', subtext: subtitleLines(grouped.subtitle).join('\n') });
    expect(grouped.option.xAxis).toMatchObject({ data: ['Free (n=2)', 'Pro (n=3)'] });
    expect(seriesData(grouped.option, 0).map((d) => (d as { value: number }).value)).toEqual([50, 66.7]);
    expect(unitIdsAt(grouped.option, 0, 1)).toEqual(['s1:1', 's1:6']);
    const stacked = crosstabChart(ct, { layout: 'stacked' });
    expect(Array.isArray(stacked.option.series) && stacked.option.series.every((s) => 'stack' in s && s.stack === 'tags')).toBe(true);
    expect(seriesData(stacked.option, 0).map((d) => (d as { value: number }).value)).toEqual([1, 2]);
  });

  it('NPS: the 0–10 distribution coloured by class, and NPS by tag stacked detractors/passives/promoters', () => {
    const dist = npsDistributionChart(overallNps(data, 'NPS'));
    expect(dist.subtitle).toBe('NPS 0 · n = 6 · 33% promoters, 33% detractors');
    const bars = seriesData(dist.option) as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.value)).toEqual([0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1]);
    expect(bars[6]?.itemStyle.color).not.toBe(bars[7]?.itemStyle.color);
    expect(bars[8]?.itemStyle.color).not.toBe(bars[9]?.itemStyle.color);
    expect(unitIdsAt(dist.option, 0, 10)).toEqual(['s1:1', 's1:2']);

    const byTag = npsByTagChart(npsByTag(data, 'NPS', ['price']));
    expect(byTag.option.yAxis).toMatchObject({ data: ['Pricing (NPS +33, n=3)'] });
    const names = Array.isArray(byTag.option.series) ? byTag.option.series.map((s) => s.name) : [];
    expect(names).toEqual(['Detractors (0–6)', 'Passives (7–8)', 'Promoters (9–10)']);
    expect(seriesData(byTag.option, 2).map((d) => (d as { value: number }).value)).toEqual([66.7]);
    expect(unitIdsAt(byTag.option, 0, 0)).toEqual(['s1:16']);
  });

  it('volume over time and sentiment by tag carry their units', () => {
    const volume = volumeChart(volumeOverTime(data, { bucket: 'week' }));
    expect(volume.option.xAxis).toMatchObject({ data: ['2024-W10', '2024-W11'] });
    expect(unitIdsAt(volume.option, 0, 1)).toEqual(['t1:1', 't1:2']);
    const sentiment = sentimentChart(sentimentByTag(data, new Map([['s1:11', -0.5], ['s1:2', 0.9]])));
    expect(sentiment.option.yAxis).toMatchObject({ data: ['Speed'] });
    expect(unitIdsAt(sentiment.option, 0, 0)).toEqual(['s1:11']);
    expect(unitIdsAt(sentiment.option, 2, 0)).toEqual(['s1:2']);
  });
});

describe('renderChartSvg', () => {
  it('renders an SVG with the tag names, values and title, without animation or scripts', () => {
    const chart = tagFrequencyChart(tagFrequency(data));
    const svg = renderChartSvg(chart.option, { width: 600, height: 300 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="600"');
    for (const label of ['Pricing', 'Speed', 'Support', 'Annual billing', 'How often each tag was used']) expect(svg).toContain(`>${label}<`);
    expect(svg).not.toMatch(/<script|<animate/i);
  });

  it('is deterministic: the same option renders the same bytes, whatever ran before', () => {
    const chart = crosstabChart(crosstab(data, { attribute: 'plan' }));
    const a = renderChartSvg(chart.option, { width: 500, height: 300, idPrefix: 'c1' });
    renderChartSvg(tagFrequencyChart(tagFrequency(data)).option, { width: 300, height: 200 });
    const b = renderChartSvg(chart.option, { width: 500, height: 300, idPrefix: 'c1' });
    expect(b).toBe(a);
    expect(a).not.toMatch(/zr\d+-cls/);
  });

  it('escapes user text inside the SVG', () => {
    const evil = fixtureData({ tags: tags.map((t) => (t.id === 'price' ? { ...t, name: '<script>alert(1)</script>' } : t)) });
    const svg = renderChartSvg(tagFrequencyChart(tagFrequency(evil)).option, { width: 600, height: 300 });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders with the dark theme', () => {
    const svg = renderChartSvg(tagFrequencyChart(tagFrequency(data)).option, { width: 400, height: 300, theme: 'dark' });
    const light = renderChartSvg(tagFrequencyChart(tagFrequency(data)).option, { width: 400, height: 300 });
    expect(svg).toContain('>Pricing<');
    expect(svg).not.toBe(light);
  });
});
