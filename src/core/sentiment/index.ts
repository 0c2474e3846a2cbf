/**
 * Sentiment of a unit of feedback, offline: −1 (negative) … 1 (positive), with a three-way label.
 *
 * The scorer is wink-sentiment (MIT), a lexicon method: AFINN-165 word scores plus AFINN two-word phrases
 * ("no complaints", "cool stuff"), emoji and emoticon scores, and negation of a scored word by a negator up to
 * two words before it ("not good", "not a good", "isn't great", "never reliable"). Its normalized score is the
 * mean score of the sentiment-bearing tokens (−5 … 5), damped for texts longer than 15 words; here it is divided
 * by 5. It is plain JavaScript with no node:* API, so it runs unchanged in the CLI, Web Workers and the renderer.
 *
 * Why not the others (evaluated 2026-12): `sentiment` (AFINN-165, MIT) negates only the word right after a
 * negator and scores "never reliable" and "no complaints" the wrong way round; `vader-sentiment` (Apache-2.0)
 * has the richer VADER rules but its JS port has had no release since 2018 and scores "Not bad at all" as
 * negative. wink-sentiment belongs to the winkjs family (wink-nlp), the most recently maintained of the three.
 *
 * Lexicon methods are English-only and blind to sarcasm and domain words ("cheap" praises a price and
 * criticises a build); treat the score as a sorting aid, not a verdict.
 */
import winkSentiment from 'wink-sentiment';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentScore {
  /** −1 … 1, rounded to 4 decimals; 0 when no word carries sentiment. */
  score: number;
  label: SentimentLabel;
}

/**
 * Scores within ±this are neutral. The same default as sentimentByTag (core/analysis/sentiment.ts), so a unit's
 * label and its class in the by-tag chart agree.
 */
export const NEUTRAL_THRESHOLD = 0.05;

/**
 * Version of the scorer (library, lexicon, scale, rounding). Per-unit scores cached in the workspace database
 * carry it; raise it whenever scoreSentiment() could give another number for the same text, and stored scores
 * are recomputed on the next open (db/blocks.ts, workers/search-service.ts).
 */
export const SENTIMENT_VERSION = 1;

/** wink's normalized scale is −5 … 5 (the AFINN range). */
const WINK_SCALE = 5;

export function sentimentLabel(score: number, threshold = NEUTRAL_THRESHOLD): SentimentLabel {
  return score > threshold ? 'positive' : score < -threshold ? 'negative' : 'neutral';
}

export function scoreSentiment(text: string, threshold = NEUTRAL_THRESHOLD): SentimentScore {
  if (text.trim() === '') return { score: 0, label: 'neutral' };
  const raw = winkSentiment(text).normalizedScore;
  const clamped = Number.isFinite(raw) ? Math.max(-1, Math.min(1, raw / WINK_SCALE)) : 0;
  const score = Math.round(clamped * 10_000) / 10_000 || 0; // `|| 0` turns −0 into 0
  return { score, label: sentimentLabel(score, threshold) };
}

/** One score per text, in order. */
export function scoreSentiments(texts: readonly string[], threshold = NEUTRAL_THRESHOLD): SentimentScore[] {
  return texts.map((text) => scoreSentiment(text, threshold));
}

/** Unit id → score, the shape sentimentByTag (core/analysis) takes. */
export function scoreUnits(units: readonly { id: string; text: string }[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const unit of units) scores.set(unit.id, scoreSentiment(unit.text).score);
  return scores;
}
