/**
 * Sentiment by tag from per-unit scores (−1 … 1, from whatever scorer the caller ran). Units without a score
 * are left out of the mean and counted, so "no data" never reads as "neutral".
 */
import type { AnalysisData } from '../../../../src/core/analysis/data';
import { type FrequencyScope, unitsInScope } from './frequency';

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

export interface SentimentOptions extends FrequencyScope {
  /** Scores above this are positive, below its negation negative (default 0.05). */
  threshold?: number;
}

export function sentimentByTag(data: AnalysisData, scores: ReadonlyMap<string, number>, options: SentimentOptions = {}): SentimentByTag[] {
  const threshold = options.threshold ?? 0.05;
  const units = unitsInScope(data, options);
  const tagIds = options.tagIds === undefined ? data.tagOrder.map((t) => t.id) : options.tagIds.filter((id) => data.tags.has(id));
  return tagIds.map((tagId) => {
    const ids = { positive: [] as string[], neutral: [] as string[], negative: [] as string[] };
    let sum = 0;
    let unscored = 0;
    for (const u of units) {
      if (!data.unitTags.get(u)?.has(tagId)) continue;
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
