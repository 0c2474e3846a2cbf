/**
 * Sentiment of a unit of feedback, offline: −1 (negative) … 1 (positive), with a three-way label.
 *
 * wink-sentiment (MIT) tokenizes the text and looks words up in AFINN-165 (word scores, two-word phrases such as
 * "no complaints", emoji and emoticons). On its tokens this module scores the text the way wink does, plus what
 * feedback about software needs (lexicon.ts):
 * - domain words that AFINN misses or under-weights ("slow", "crashes", "buggy", "clunky", "fast", "intuitive");
 * - degree modifiers: "very slow", "super slow", "way too slow" weigh more, "a bit slow" less, and "too" before a
 *   word without sentiment reads as an excess ("too long", "too many clicks");
 * - negation as in wink (a negator up to two words before a word flips it: "not good", "never reliable",
 *   "doesn't crash"), milder through a modifier ("not very good", "not too slow");
 * - exclamation marks push the score further from 0 ("too slow!!"), as in VADER.
 * The score is the mean of the sentiment-bearing tokens (−5 … 5), damped for texts longer than 15 words (wink's
 * normalization), divided by 5. Plain JavaScript with no node:* API: it runs unchanged in the CLI, Web Workers
 * and the renderer.
 *
 * Why wink over the others (evaluated 2026-12): `sentiment` (AFINN-165, MIT) negates only the word right after a
 * negator and scores "never reliable" and "no complaints" the wrong way round; `vader-sentiment` (Apache-2.0)
 * has the richer VADER rules but its JS port has had no release since 2018 and scores "Not bad at all" as
 * negative. wink-sentiment belongs to the winkjs family (wink-nlp), the most recently maintained of the three.
 *
 * Lexicon methods are English-only and blind to sarcasm and to words whose sense depends on the topic ("cheap"
 * praises a price and criticises a build); treat the score as a sorting aid, not a verdict.
 */
import winkSentiment, { type WinkToken } from 'wink-sentiment';
import { DAMPENER, DOMAIN_LEXICON, EXCLAMATION_MAX, EXCLAMATION_STEP, MODIFIERS, NEGATED_MODIFIER, NEGATORS, NOT_AFTER_TOO, TOO_EXCESS, TWO_WORD_DAMPENERS } from './lexicon';

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
 * 1: wink-sentiment alone. 2: domain lexicon, degree modifiers, "too", exclamation marks (lexicon.ts).
 */
export const SENTIMENT_VERSION = 2;

/** wink's normalized scale is −5 … 5 (the AFINN range). */
const WINK_SCALE = 5;

export function sentimentLabel(score: number, threshold = NEUTRAL_THRESHOLD): SentimentLabel {
  return score > threshold ? 'positive' : score < -threshold ? 'negative' : 'neutral';
}

export function scoreSentiment(text: string, threshold = NEUTRAL_THRESHOLD): SentimentScore {
  if (text.trim() === '') return { score: 0, label: 'neutral' };
  const raw = meanScore(winkSentiment(text).tokenizedPhrase ?? []);
  const clamped = Number.isFinite(raw) ? Math.max(-1, Math.min(1, raw / WINK_SCALE)) : 0;
  const score = Math.round(clamped * 10_000) / 10_000 || 0; // `|| 0` turns −0 into 0
  return { score, label: sentimentLabel(score, threshold) };
}

/** Average sentence length in words, past which wink damps the mean (by √(words / 15)). */
const AVERAGE_WORDS = 15;

/** The text's score on AFINN's −5 … 5 scale from wink's tokens (see the module comment). */
function meanScore(tokens: readonly WinkToken[]): number {
  const lower = tokens.map((t) => t.value.toLowerCase());
  const isWord = (k: number): boolean => tokens[k]?.tag === 'word';
  const negated = (k: number): boolean => (k > 0 && NEGATORS.has(lower[k - 1]!)) || (k > 1 && NEGATORS.has(lower[k - 2]!));
  // 1. Each word's own weight: a wink two-word phrase, else the domain lexicon, else AFINN. wink's token score is
  // after its negation; negation is applied again below, after the modifiers.
  const base = new Float64Array(tokens.length);
  const secondOfPhrase = new Uint8Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.tag !== 'word' || secondOfPhrase[k] === 1) continue;
    const afinn = t.negation === true ? -(t.score ?? 0) : (t.score ?? 0);
    if (t.grouped !== undefined) {
      base[k] = afinn;
      for (let g = 1; g <= t.grouped; g++) secondOfPhrase[k + g] = 1;
    } else base[k] = DOMAIN_LEXICON[lower[k]!] ?? afinn;
  }
  // 2. Modifiers and negation, word by word, left to right. A modifier or negator that applies to a scored word
  // contributes no score itself; "too" before an unscored word makes it an excess ("too much" even when "much" then
  // turns out to modify the next word, which overwrites it).
  const final = Float64Array.from(base);
  for (let k = 0; k < tokens.length; k++) {
    if (!isWord(k) || secondOfPhrase[k] === 1) continue;
    let score = base[k]!;
    if (score === 0 && lower[k - 1] === 'too' && isWord(k - 1) && !NOT_AFTER_TOO.has(lower[k]!)) score = TOO_EXCESS;
    if (score === 0) continue;
    let factor = 1;
    let modified = false;
    // Up to two modifiers right before the word: "very slow", "way too slow", "a bit slow".
    for (let j = k - 1, n = 0; n < 2 && j >= 0 && isWord(j); n++) {
      const word = lower[j]!;
      if (word === 'too' && base[k]! > 0) break; // "too good to be true": not a booster
      const single = MODIFIERS[word];
      const pair = TWO_WORD_DAMPENERS[word];
      if (single !== undefined) {
        factor *= single;
        final[j] = 0;
        j -= 1;
      } else if (pair !== undefined && lower[j - 1] === pair && isWord(j - 1)) {
        factor *= DAMPENER;
        final[j] = 0;
        final[j - 1] = 0;
        j -= 2;
      } else break;
      modified = true;
    }
    if (negated(k)) {
      score = modified ? -score * NEGATED_MODIFIER : -score;
      // The negator is spent on the word it negates: AFINN's "no" −1 made "no issues" neutral.
      if (k > 0 && NEGATORS.has(lower[k - 1]!)) final[k - 1] = 0;
      if (k > 1 && NEGATORS.has(lower[k - 2]!)) final[k - 2] = 0;
    } else score *= factor;
    final[k] = score;
  }
  // 3. wink's normalization: the mean of the sentiment-bearing tokens, damped for long texts; hashtags apart.
  let sum = 0;
  let scored = 0;
  let words = 0;
  let hashtagSum = 0;
  let hashtags = 0;
  let exclamations = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.tag === 'word' || t.tag === 'emoji' || t.tag === 'emoticon') {
      words += 1;
      const score = t.tag === 'word' ? final[k]! : (t.score ?? 0);
      if (score !== 0) {
        sum += score;
        scored += 1;
      }
    } else if (t.tag === 'hashtag' && t.score) {
      hashtagSum += t.score;
      hashtags += 1;
    } else if (t.tag === 'punctuation' && t.value === '!') exclamations += 1;
  }
  const wordMean = scored > 0 ? sum / scored / Math.sqrt(Math.max(1, words / AVERAGE_WORDS)) : 0;
  const hashtagMean = hashtags > 0 ? hashtagSum / hashtags : 0;
  const mean = wordMean !== 0 && hashtagMean !== 0 ? (wordMean + hashtagMean) / 2 : wordMean || hashtagMean;
  return mean === 0 ? 0 : mean + Math.sign(mean) * EXCLAMATION_STEP * Math.min(exclamations, EXCLAMATION_MAX);
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
