/**
 * Sentiment by tag from per-unit scores (−1 … 1, from whatever scorer the caller ran). Units without a score
 * are left out of the mean and counted, so "no data" never reads as "neutral".
 */
import { analysisIndex } from './analysis-index';
import type { AnalysisData } from './data';
import type { FrequencyScope } from './frequency';

export interface SentimentByTag {
  tagId: string;
  name: string;
  color: string;
  /** Scored units with the tag. */
  n: number;
  /** Tagged units without a score. */
  unscored: number;
  /** Mean score; null when no unit is scored. */
  mean: number | null;
  positive: number;
  neutral: number;
  negative: number;
  /** Units per class, for drill-down. */
  unitIds: { positive: string[]; neutral: string[]; negative: string[] };
}

/**
 * The segment "attribute" that groups units by their sentiment class (negative / neutral / positive) instead of
 * a participant attribute: crosstab({ attribute: SENTIMENT_SEGMENT }) is tag × sentiment. Persisted in report chart
 * refs (`crosstab?attribute=@sentiment`): changing it needs a migration of saved reports.
 */
export const SENTIMENT_SEGMENT = '@sentiment';

/** Scores within ±this are neutral (the same default as core/sentiment's labels). */
export const SENTIMENT_THRESHOLD = 0.05;

export type SentimentClass = 'negative' | 'neutral' | 'positive';

/** A unit's sentiment class from the scores in `data`; undefined when it has no score. */
export function sentimentClassOf(data: AnalysisData, unitId: string, threshold = SENTIMENT_THRESHOLD): SentimentClass | undefined {
  const s = data.sentiment?.get(unitId);
  if (s === undefined || !Number.isFinite(s)) return undefined;
  return s > threshold ? 'positive' : s < -threshold ? 'negative' : 'neutral';
}

/** Does the workspace have sentiment scores to segment or chart by? */
export function hasSentiment(data: AnalysisData): boolean {
  return data.sentiment !== undefined && data.sentiment.size > 0;
}

export interface SentimentOptions extends FrequencyScope {
  /** Scores above this are positive, below its negation negative (default 0.05). */
  threshold?: number;
}

export function sentimentByTag(data: AnalysisData, scores: ReadonlyMap<string, number>, options: SentimentOptions = {}): SentimentByTag[] {
  const threshold = options.threshold ?? SENTIMENT_THRESHOLD;
  const ix = analysisIndex(data);
  const { mask } = ix.scope(options);
  const tagIds = options.tagIds === undefined ? data.tagOrder.map((t) => t.id) : options.tagIds.filter((id) => data.tags.has(id));
  return tagIds.map((tagId) => {
    const ids = { positive: [] as string[], neutral: [] as string[], negative: [] as string[] };
    let sum = 0;
    let unscored = 0;
    for (const pos of ix.tagUnits(tagId)) {
      if (mask !== null && mask[pos] === 0) continue;
      const u = ix.unitIds[pos]!;
      const s = scores.get(u);
      if (s === undefined || !Number.isFinite(s)) {
        unscored++;
        continue;
      }
      sum += s;
      (s > threshold ? ids.positive : s < -threshold ? ids.negative : ids.neutral).push(u);
    }
    const n = ids.positive.length + ids.neutral.length + ids.negative.length;
    const tag = data.tags.get(tagId);
    return {
      tagId,
      name: tag?.name ?? tagId,
      color: tag?.color ?? '#888888',
      n,
      unscored,
      mean: n === 0 ? null : sum / n,
      positive: ids.positive.length,
      neutral: ids.neutral.length,
      negative: ids.negative.length,
      unitIds: ids,
    };
  });
}
