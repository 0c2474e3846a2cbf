// What a reader of the printed report would see go wrong in a chart: a legend drawn over the axis labels,
// labels without their font, "0" labels piled on bars too thin to hold them.
import { describe, expect, it } from 'vitest';
import type { Crosstab } from '../../../src/core/analysis/crosstab';
import type { NpsByGroup } from '../../../src/core/analysis/nps';
import { crosstabChart, npsByTagChart } from '../../../src/core/report/charts';
import { CHART_FONT, renderChartSvg } from '../../../src/core/report/render-svg';

/** Each <text>'s content and the y of its translate(). */
function texts(svg: string): { text: string; y: number }[] {
  return [...svg.matchAll(/<text\b[^>]*transform="translate\(([-\d.]+) ([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ text: m[3]!.replace(/&amp;/g, '&'), y: Number(m[2]) }));
}

const TAGS = ['Speed & reliability', 'Too expensive', 'Reporting', 'Support', 'Calendar sync', 'Jira & API', 'Ease of use', 'Setup friction'];
const SEGMENTS = ['Enterprise', 'Mid-market', 'SMB'];

function bigCrosstab(): Crosstab {
  const test = { chi2: 1, df: 1, p: 0.5, lowExpected: false };
  return {
    attribute: 'segment',
    countBy: 'participants',
    segments: SEGMENTS,
    base: [69, 141, 274],
    rows: TAGS.map((name, i) => ({ tagId: `t${i}`, name, color: '#888888', counts: [1, 2, 3], columnPercents: [1, 2, 3], unitIds: [[], [], []], total: 6, test })),
    test,
  };
}

describe('chart layout in the rendered SVG', () => {
  it('keeps a legend that wraps onto two rows below the x-axis labels', () => {
    const svg = renderChartSvg(crosstabChart(bigCrosstab()).option, { width: 720, height: 360 });
    const all = texts(svg);
    const axis = all.filter((t) => SEGMENTS.some((s) => t.text.startsWith(`${s} (n=`)));
    const legend = all.filter((t) => TAGS.includes(t.text));
    expect(axis).toHaveLength(3);
    expect(legend).toHaveLength(TAGS.length);
    expect(new Set(legend.map((t) => t.y)).size).toBeGreaterThan(1);
    const lowestAxisLabel = Math.max(...axis.map((t) => t.y));
    for (const item of legend) expect(item.y, item.text).toBeGreaterThan(lowestAxisLabel + 12);
  });

  it('gives every label the whole font stack (the quotes in it do not end the style attribute)', () => {
    const svg = renderChartSvg(crosstabChart(bigCrosstab()).option, { width: 720, height: 360 });
    const styles = [...svg.matchAll(/<text\b[^>]*\sstyle="([^"]*)"/g)].map((m) => m[1]!);
    expect(styles.length).toBeGreaterThan(0);
    for (const style of styles) expect(style).toContain(`font-family:${CHART_FONT};`);
  });

  it('does not print a value on NPS bars too thin to hold it', () => {
    const group = (key: string, d: number, pa: number, pr: number): NpsByGroup => ({
      key,
      label: key,
      n: 10,
      promoters: 0,
      passives: 0,
      detractors: 0,
      pctDetractors: d,
      pctPassives: pa,
      pctPromoters: pr,
      nps: pr - d,
      distribution: [],
      invalid: 0,
      unitIds: [],
      unitIdsByClass: { detractors: [], passives: [], promoters: [] },
      participantIds: [],
    });
    const svg = renderChartSvg(npsByTagChart([group('Ease of use', 0, 0, 100), group('Support', 3, 40, 57)]).option, { width: 720, height: 240 });
    const values = texts(svg).map((t) => t.text);
    expect(values).toEqual(expect.arrayContaining(['100', '40', '57']));
    expect(values).not.toContain('0');
    expect(values).not.toContain('3');
  });
});
