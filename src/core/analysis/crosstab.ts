/**
 * Tag × segment crosstabs with column percentages and chi-square tests of independence.
 *
 * Two tests, because a participant can carry several tags: the whole tag × segment table (what survey tools
 * print; its cells are not independent when people are multi-coded), and, per tag, the 2 × k table
 * "mentioned / not mentioned" × segment, which is a proper contingency table. Reports quote the first in
 * chart subtitles and flag either when expected counts are too small for the test to be trusted.
 */
import { analysisIndex } from './analysis-index';
import { type AnalysisData, NO_VALUE, sortSegments } from './data';
import type { FrequencyScope } from './frequency';
import { chiSquareSurvival } from './gamma';
import { percent } from './insight-counts';
import { SENTIMENT_SEGMENT, sentimentClassOf } from './sentiment';

/** The sentiment classes as a value column (values[0] is NO_VALUE, as in the index's attribute columns). */
const SENTIMENT_COLUMN = { values: [NO_VALUE, 'negative', 'neutral', 'positive'], ofParticipant: new Int32Array(0) };
const SENTIMENT_VALUE = { none: 0, negative: 1, neutral: 2, positive: 3 } as const;

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
  // Segments are a participant attribute, or each unit's sentiment class (SENTIMENT_SEGMENT: counted by unit).
  const bySentiment = options.attribute === SENTIMENT_SEGMENT;
  const countBy = options.countBy ?? (bySentiment ? 'units' : 'participants');
  const ix = analysisIndex(data);
  const { positions, mask } = ix.scope(options);
  const column = bySentiment ? SENTIMENT_COLUMN : ix.attribute(options.attribute);
  // Value number of a unit's segment; 0 is NO_VALUE (also for units without a participant or a score).
  const valueOf = bySentiment
    ? (pos: number): number => SENTIMENT_VALUE[sentimentClassOf(data, ix.unitIds[pos]!) ?? 'none']
    : (pos: number): number => {
        const p = ix.unitParticipant[pos]!;
        return p < 0 ? 0 : column.ofParticipant[p]!;
      };
  // The counted thing is a participant (units without one count as themselves), or the unit: a unit position
  // is always new, a participant is new the first time it is seen under the current mark.
  const seen = new Int32Array(ix.participantIds.length);
  const isNew = (pos: number, mark: number): boolean => {
    const p = countBy === 'units' ? -1 : ix.unitParticipant[pos]!;
    if (p < 0) return true;
    if (seen[p] === mark) return false;
    seen[p] = mark;
    return true;
  };

  const baseByValue = new Int32Array(column.values.length);
  // Values in the order the units first show them: sortSegments ties (" 9 " and "9") keep that order.
  const appearing: string[] = [];
  for (const pos of positions) {
    const v = valueOf(pos);
    if (v === 0 && options.includeMissing !== true) continue;
    if (baseByValue[v] === 0) appearing.push(column.values[v]!);
    if (isNew(pos, 1)) baseByValue[v]!++;
  }
  const segments = sortSegments(appearing);
  const segmentOfValue = new Int32Array(column.values.length).fill(-1);
  const numberOf = new Map(column.values.map((value, v) => [value, v]));
  segments.forEach((seg, j) => {
    segmentOfValue[numberOf.get(seg)!] = j;
  });
  const base = segments.map((seg) => baseByValue[numberOf.get(seg)!]!);

  const tagIds = options.tagIds === undefined ? data.tagOrder.map((t) => t.id) : options.tagIds.filter((id) => data.tags.has(id));
  const rows: CrosstabRow[] = tagIds.map((tagId, r) => {
    const mark = r + 2;
    const counts = segments.map(() => 0);
    const unitIds: string[][] = segments.map(() => []);
    for (const pos of ix.tagUnits(tagId)) {
      if (mask !== null && mask[pos] === 0) continue;
      const j = segmentOfValue[valueOf(pos)]!;
      if (j < 0) continue;
      if (isNew(pos, mark)) counts[j]!++;
      unitIds[j]!.push(ix.unitIds[pos]!);
    }
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
