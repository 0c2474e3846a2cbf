// What a stakeholder reading a printed report, or a PM looking at the Charts view, needs from the co-occurrence
// heatmap and the crosstab: a colour scale with its numbers, counts readable in their cells, and the χ² result
// in full (not clipped) at the narrowest width the app draws a chart (~430 px: a Charts view card) and the
// report's 720 px.
import { describe, expect, it } from 'vitest';
import type { Crosstab } from '../../../src/core/analysis/crosstab';
import type { CoOccurrence } from '../../../src/core/analysis/frequency';
import { CHART_WIDTH } from '../../../src/core/report/html';
import { coOccurrenceChart, contrast, crosstabChart, type UnitDatum } from '../../../src/core/report/charts';
import { renderChartSvg } from '../../../src/core/report/render-svg';

const NARROWEST = 430;
/** A generous width per character at 12 px (DejaVu Sans, the widest of the fonts the app and PDF fall back to). */
const PX_PER_CHAR_12 = 7;

interface SvgText {
  text: string;
  x: number;
  y: number;
  size: number;
  fill: string;
}

/** Each unrotated <text>: its content, absolute position (translate + x/y), font size and fill. */
function texts(svg: string): SvgText[] {
  return [...svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].flatMap((m) => {
    const attrs = m[1]!;
    const t = /transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(attrs);
    if (t === null) return [];
    const num = (name: string): number => Number(new RegExp(`\\s${name}="([-\\d.]+)"`).exec(attrs)?.[1] ?? 0);
    return [
      {
        text: m[2]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
        x: Number(t[1]) + num('x'),
        y: Number(t[2]) + num('y'),
        size: Number(/font-size:([\d.]+)px/.exec(attrs)?.[1] ?? 12),
        fill: /fill="([^"]*)"/.exec(attrs)?.[1] ?? '',
      },
    ];
  });
}

const TAGS = ['Speed & reliability', 'Too expensive', 'Reporting', 'Support', 'Calendar sync', 'Jira & API', 'Ease of use', 'Setup friction'];
const SEGMENTS = ['Enterprise', 'Mid-market', 'SMB'];

function crosstabWithCaveat(): Crosstab {
  const test = { chi2: 13.26, df: 14, p: 0.506, lowExpected: true };
  return {
    attribute: 'segment',
    countBy: 'participants',
    segments: SEGMENTS,
    base: [69, 141, 274],
    rows: TAGS.map((name, i) => ({ tagId: `t${i}`, name, color: '#888888', counts: [1, 2, 3], columnPercents: [1, 2 + i, 8], unitIds: [[], [], []], total: 6, test })),
    test,
  };
}

/** A symmetric n-tag matrix whose off-diagonal counts are cell(i, j). */
function matrix(n: number, cell: (i: number, j: number) => number): CoOccurrence {
  const names = Array.from({ length: n }, (_, i) => `Tag ${i + 1}`);
  const counts = names.map((_, i) => names.map((_, j) => (i === j ? 999 : cell(Math.min(i, j), Math.max(i, j)))));
  return { tagIds: names.map((_, i) => `t${i}`), names, counts, unitIds: names.map(() => names.map(() => [])) };
}

function cells(option: { series?: unknown }): UnitDatum<[number, number, number]>[] {
  const series: unknown = Array.isArray(option.series) ? option.series[0] : undefined;
  return typeof series === 'object' && series !== null && 'data' in series && Array.isArray(series.data) ? (series.data as UnitDatum<[number, number, number]>[]) : [];
}

describe('the crosstab’s χ² subtitle', () => {
  const chart = crosstabChart(crosstabWithCaveat());

  for (const width of [NARROWEST, CHART_WIDTH]) {
    it(`is printed in full, on lines that fit a ${width} px chart, above the plot`, () => {
      const all = texts(renderChartSvg(chart.option, { width, height: 400 }));
      const topTick = Math.min(...all.filter((t) => /^\d+%$/.test(t.text)).map((t) => t.y));
      const lines = all.filter((t) => t.size === 12 && t.y < topTick - 4);
      const words = (s: string): string => s.replace(/ · /g, ' ');
      expect(words(lines.map((l) => l.text).join(' '))).toBe(words(chart.subtitle));
      expect(chart.subtitle).toContain('χ² = 13.26, df = 14, p = 0.506 (small expected counts: interpret with care)');
      for (const line of lines) {
        const half = (line.text.length * PX_PER_CHAR_12) / 2;
        expect(line.x - half, line.text).toBeGreaterThanOrEqual(0);
        expect(line.x + half, line.text).toBeLessThanOrEqual(width);
      }
      // Lines one under the other (not drawn over each other), the last clear of the plot's top tick label.
      const ys = lines.map((l) => l.y);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(12);
      expect(Math.max(...ys)).toBeLessThan(topTick - 10);
    });
  }

  it('names every group under the bars in the narrowest card (none hidden to make room)', () => {
    const all = texts(renderChartSvg(chart.option, { width: NARROWEST, height: 400 }));
    for (const s of SEGMENTS) expect(all.some((t) => t.text.startsWith(s)), s).toBe(true);
  });

  it('breaks a long group name onto lines that do not overprint each other', () => {
    const ct = crosstabWithCaveat();
    const long = crosstabChart({ ...ct, segments: ['Enterprise accounts', 'Mid-market accounts', 'Small businesses'] });
    const all = texts(renderChartSvg(long.option, { width: NARROWEST, height: 400 }));
    const first = all.find((t) => t.text.startsWith('Mid-market'));
    const second = all.find((t) => t.text.includes('(n=141)'));
    expect(first?.text, 'the name alone on its first line').not.toContain('(n=141)');
    expect(second!.y - first!.y).toBeGreaterThanOrEqual(13);
  });
});

describe('the co-occurrence heatmap', () => {
  it('shows its colour scale as steps with their numbers, under a caption saying what they count', () => {
    const chart = coOccurrenceChart(matrix(6, (i, j) => (i === 0 && j === 1 ? 38 : (i * 7 + j * 3) % 30)));
    for (const width of [NARROWEST, CHART_WIDTH]) {
      const all = texts(renderChartSvg(chart.option, { width, height: 360 }));
      const lowestRow = Math.max(...all.filter((t) => /^Tag \d+$/.test(t.text)).map((t) => t.y));
      const caption = all.find((t) => t.text === 'Responses tagged with both' && t.y > lowestRow);
      expect(caption, 'caption under the matrix').toBeDefined();
      const steps = all.filter((t) => t.y > caption!.y + 6).sort((a, b) => a.x - b.x);
      expect(steps.map((t) => t.text)).toEqual(['0', '1–10', '11–20', '21–30', '31–38']);
      for (const step of steps) {
        expect(step.x).toBeGreaterThanOrEqual(0);
        expect(step.x + step.text.length * PX_PER_CHAR_12).toBeLessThanOrEqual(width);
      }
    }
  });

  it('one step per count when there are few, and the scale spans 0 to the largest count', () => {
    const texts3 = texts(renderChartSvg(coOccurrenceChart(matrix(3, (i, j) => i + j)).option, { width: NARROWEST, height: 320 }));
    const caption = texts3.find((t) => t.text === 'Responses tagged with both' && t.y > 200);
    expect(texts3.filter((t) => t.y > caption!.y + 6).map((t) => t.text)).toEqual(['0', '1', '2', '3']);
  });

  it('prints each cell’s count in the cell', () => {
    const chart = coOccurrenceChart(matrix(3, (i, j) => [[0, 2, 5], [0, 0, 7]][i]![j]!));
    const all = texts(renderChartSvg(chart.option, { width: CHART_WIDTH, height: 320 }));
    const lowestRow = Math.max(...all.filter((t) => /^Tag \d+$/.test(t.text)).map((t) => t.y));
    const inCells = all.filter((t) => t.y <= lowestRow + 1);
    for (const count of ['2', '5', '7']) expect(inCells.filter((t) => t.text === count), count).toHaveLength(2);
  });

  it('keeps every count readable on its cell (WCAG AA contrast, the same cells in light and dark themes)', () => {
    for (const max of [1, 3, 5, 12, 38, 229]) {
      const chart = coOccurrenceChart(matrix(5, (i, j) => Math.round((max * (i + j)) / 7)));
      const vm = chart.option.visualMap as { pieces: { gte: number; lte: number; color: string }[] };
      for (const cell of cells(chart.option)) {
        const count = cell.value[2];
        const fill = vm.pieces.find((p) => count >= p.gte && count <= p.lte)?.color;
        expect(fill, `a step for ${count}`).toBeDefined();
        expect(cell.label?.color, `label colour for ${count}`).toBeDefined();
        expect(contrast(cell.label!.color!, fill!), `${count} of ${max}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('shrinks counts in small cells and leaves out those that cannot fit', () => {
    const sizes = (n: number, count: number): (number | undefined)[] =>
      cells(coOccurrenceChart(matrix(n, () => count)).option).map((c) => (c.label?.show === false ? undefined : c.label?.fontSize));
    expect(new Set(sizes(4, 12))).toEqual(new Set([12]));
    expect(new Set(sizes(15, 12))).toEqual(new Set([10]));
    expect(new Set(sizes(40, 123))).toEqual(new Set([undefined]));
  });
});
