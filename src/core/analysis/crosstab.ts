/**
 * Tag × segment crosstabs with column percentages and chi-square tests of independence.
 *
 * Two tests, because a participant can carry several tags: the whole tag × segment table (what survey tools
 * print; its cells are not independent when people are multi-coded), and, per tag, the 2 × k table
 * "mentioned / not mentioned" × segment, which is a proper contingency table. Reports quote the first in
 * chart subtitles and flag either when expected counts are too small for the test to be trusted.
 */
import { type AnalysisData, attributeValue, NO_VALUE, sortSegments } from './data';
import { type FrequencyScope, unitsInScope } from './frequency';
import { chiSquareSurvival } from './gamma';
import { percent } from './insight-counts';
import { SENTIMENT_SEGMENT, sentimentClassOf } from './sentiment';

export interface ChiSquare {
  chi2: number;
  df: number;
  /** P(χ² ≥ chi2) under independence; null when the table has fewer than 2 non-empty rows or columns. */
  p: number | null;
  /** More than 20% of expected counts are below 5 (Cochran's rule): read p with care. */
  lowExpected: boolean;
}

/** Pearson's chi-square test of independence on a table of counts. Empty rows and columns are dropped. */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquare {
  const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = Math.max(0, ...table.map((r) => r.length));
  const colSums = Array.from({ length: cols }, (_, j) => table.reduce((a, r) => a + (r[j] ?? 0), 0));
  const rows = rowSums.map((s, i) => (s > 0 ? i : -1)).filter((i) => i >= 0);
  const columns = colSums.map((s, j) => (s > 0 ? j : -1)).filter((j) => j >= 0);
  const n = rowSums.reduce((a, b) => a + b, 0);
  if (rows.length < 2 || columns.length < 2) return { chi2: 0, df: 0, p: null, lowExpected: false };
  let chi2 = 0;
  let low = 0;
  for (const i of rows) {
    for (const j of columns) {
      const expected = (rowSums[i]! * colSums[j]!) / n;
      const observed = table[i]?.[j] ?? 0;
      chi2 += (observed - expected) ** 2 / expected;
      if (expected < 5) low++;
    }
  }
  const df = (rows.length - 1) * (columns.length - 1);
  return { chi2, df, p: chiSquareSurvival(chi2, df), lowExpected: low / (rows.length * columns.length) > 0.2 };
}

export interface CrosstabRow {
  tagId: string;
  name: string;
  color: string;
  /** counts[j]: participants (or units) of segment j with the tag. */
  counts: number[];
  /** counts[j] / base[j] × 100. */
  columnPercents: number[];
  /** The units behind each cell, for drill-down. */
  unitIds: string[][];
  total: number;
  /** Mentioned vs not mentioned × segment. */
  test: ChiSquare;
}

export interface Crosstab {
  attribute: string;
  countBy: 'participants' | 'units';
  segments: string[];
  /** Participants (or units) in scope per segment: the denominators of the column percents. */
  base: number[];
  rows: CrosstabRow[];
  /** The whole tag × segment table. */
  test: ChiSquare;
}

export interface CrosstabOptions extends FrequencyScope {
  /** A participant attribute, or SENTIMENT_SEGMENT: each unit's sentiment class (needs data.sentiment). */
  attribute: string;
  /** Count people (default; units when segmenting by sentiment, a property of the unit, not the person) or units. */
  countBy?: 'participants' | 'units';
  /** Keep participants without a value for the attribute as their own column (default: leave them out). */
  includeMissing?: boolean;
}

export function crosstab(data: AnalysisData, options: CrosstabOptions): Crosstab {
  const bySentiment = options.attribute === SENTIMENT_SEGMENT;
  const countBy = options.countBy ?? (bySentiment ? 'units' : 'participants');
  const units = unitsInScope(data, options);
  const segmentOf = (unitId: string): string => {
    if (bySentiment) return sentimentClassOf(data, unitId) ?? NO_VALUE;
    const pid = data.units.get(unitId)?.participantId;
    return attributeValue(pid === undefined ? undefined : data.participants.get(pid), options.attribute);
  };
  // The counted thing: a participant (units without one count as themselves), or the unit.
  const keyOf = (unitId: string): string => (countBy === 'units' ? unitId : (data.units.get(unitId)?.participantId ?? `unit:${unitId}`));

  const baseSets = new Map<string, Set<string>>();
  for (const u of units) {
    const seg = segmentOf(u);
    if (seg === NO_VALUE && options.includeMissing !== true) continue;
    const set = baseSets.get(seg) ?? new Set<string>();
    set.add(keyOf(u));
    baseSets.set(seg, set);
  }
  const segments = sortSegments(baseSets.keys());
  const segIndex = new Map(segments.map((s, j) => [s, j]));
  const base = segments.map((s) => baseSets.get(s)?.size ?? 0);

  const tagIds = options.tagIds === undefined ? data.tagOrder.map((t) => t.id) : options.tagIds.filter((id) => data.tags.has(id));
  const rows: CrosstabRow[] = tagIds.map((tagId) => {
    const keys = segments.map(() => new Set<string>());
    const unitIds: string[][] = segments.map(() => []);
    for (const u of units) {
      if (!data.unitTags.get(u)?.has(tagId)) continue;
      const j = segIndex.get(segmentOf(u));
      if (j === undefined) continue;
      keys[j]!.add(keyOf(u));
      unitIds[j]!.push(u);
    }
    const counts = keys.map((k) => k.size);
    const tag = data.tags.get(tagId);
    return {
      tagId,
      name: tag?.name ?? tagId,
      color: tag?.color ?? '#888888',
      counts,
      columnPercents: counts.map((c, j) => percent(c, base[j] ?? 0)),
      unitIds,
      total: counts.reduce((a, b) => a + b, 0),
      test: chiSquareTest([counts, counts.map((c, j) => (base[j] ?? 0) - c)]),
    };
  });
  return { attribute: options.attribute, countBy, segments, base, rows, test: chiSquareTest(rows.map((r) => r.counts)) };
}

/** "χ² = 12.40, df = 4, p = 0.015" — p below 0.001 prints as "p < 0.001". */
export function formatChiSquare(t: ChiSquare): string {
  if (t.p === null) return 'χ² not applicable (needs at least 2 groups with data)';
  const p = t.p < 0.001 ? 'p < 0.001' : `p = ${t.p.toFixed(3)}`;
  return `χ² = ${t.chi2.toFixed(2)}, df = ${t.df}, ${p}${t.lowExpected ? ' (small expected counts: interpret with care)' : ''}`;
}
