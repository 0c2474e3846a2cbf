/**
 * Text → terms for clustering: Unicode normalization, English contractions, punctuation, stop words,
 * a light plural stemmer and optional bigrams. Language-neutral where it can be: a token is a run of
 * letters/digits of any script (\p{L}\p{N}, with combining marks); Chinese/Japanese runs, which carry no
 * spaces, become overlapping character bigrams (as Lucene's CJK analyzer does).
 */

import { ENGLISH_STOP_WORDS } from './stopwords';

export interface AnalyzeOptions {
  /** Also emit "w1 w2" for adjacent kept words within a clause. Default false. */
  bigrams?: boolean;
  /** Words to drop on top of the English list; matched after normalization (case-insensitive). */
  extraStopWords?: readonly string[];
  /** Keep tokens made only of digits ("2", "2024"). Default false: they rarely name a theme. */
  keepNumbers?: boolean;
  /** Fold English plurals ("cards" → "card") so variants count as one word. Default true. */
  stem?: boolean;
}

const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4\u2032]/g;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;
const CJK_ONLY = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const DIGITS_ONLY = /^\p{N}+$/u;
const LATIN_ONLY = /^[a-z]+$/;
// Bigrams do not span these: "card, pin" is two thoughts, not the phrase "card pin".
const CLAUSE_BREAK = /[.!?;:,()[\]{}"\u201C\u201D\u00AB\u00BB\u2026\u2013\u2014\n\r\t|/\\<>\u3001\u3002\uFF0C\uFF01\uFF1F]+/u;

/** Irregular English contractions first; the regular suffixes after. "'s" is dropped (is/has/possessive). */
const CONTRACTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\bshan't\b/g, 'shall not'],
  [/\bain't\b/g, 'is not'],
  [/n't\b/g, ' not'],
  [/'re\b/g, ' are'],
  [/'ve\b/g, ' have'],
  [/'ll\b/g, ' will'],
  [/'d\b/g, ' would'],
  [/'m\b/g, ' am'],
  [/'s\b/g, ''],
];

/** NFKC, lower case, one apostrophe, contractions expanded. The text the tokenizer splits. */
export function normalizeText(text: string): string {
  let out = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
  if (out.includes("'")) {
    for (const [pattern, replacement] of CONTRACTIONS) out = out.replace(pattern, replacement);
  }
  return out;
}

/**
 * Harman's "S" stemmer (1991): strips English plural endings only, so it rarely merges words with different
 * meanings (unlike Porter). Applied to plain a–z words longer than three letters.
 */
export function stemPlural(word: string): string {
  if (word.length <= 3 || !LATIN_ONLY.test(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes')) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Split normalized text into clauses of raw tokens (no stop-word removal). CJK runs → character bigrams. */
export function tokenizeClauses(text: string): string[][] {
  const clauses: string[][] = [];
  const spaced = normalizeText(text).replace(CJK_RUN, (run) => ` ${run} `);
  for (const clause of spaced.split(CLAUSE_BREAK)) {
    const tokens: string[] = [];
    for (const match of clause.matchAll(WORD)) {
      const token = match[0];
      if (CJK_ONLY.test(token)) tokens.push(...cjkBigrams(token));
      else tokens.push(token);
    }
    if (tokens.length > 0) clauses.push(tokens);
  }
  return clauses;
}

/** All raw tokens of a text, in order: normalized, contractions expanded, punctuation gone. */
export function tokenize(text: string): string[] {
  return tokenizeClauses(text).flat();
}

/** Text → the terms (words, and bigrams when asked) that TF-IDF counts. */
export interface Analyzer {
  (text: string): string[];
  /**
   * A term as people wrote it: each stemmed word replaced by its most frequent surface form among the texts
   * analyzed so far ("crashe" → "crashes"), for labels.
   */
  display(term: string): string;
}

export function createAnalyzer(options: AnalyzeOptions = {}): Analyzer {
  const stop = new Set(ENGLISH_STOP_WORDS);
  for (const word of options.extraStopWords ?? []) {
    for (const token of tokenize(word)) stop.add(token);
  }
  const keepNumbers = options.keepNumbers ?? false;
  const stem = options.stem ?? true;
  const bigrams = options.bigrams ?? false;
  // stem → surface form → count, only for stems that some word was folded into.
  const surfaces = new Map<string, Map<string, number>>();
  function keep(token: string): string | undefined {
    if (stop.has(token)) return undefined;
    if (!keepNumbers && DIGITS_ONLY.test(token)) return undefined;
    // One-letter Latin/Cyrillic/… tokens are noise; one CJK character is a word.
    if (token.length < 2 && !CJK_ONLY.test(token)) return undefined;
    if (!stem) return token;
    const stemmed = stemPlural(token);
    if (stop.has(stemmed)) return undefined;
    let forms = surfaces.get(stemmed);
    if (forms === undefined && stemmed !== token) surfaces.set(stemmed, (forms = new Map()));
    forms?.set(token, (forms.get(token) ?? 0) + 1);
    return stemmed;
  }
  function displayWord(word: string): string {
    const forms = surfaces.get(word);
    if (forms === undefined) return word;
    let best = word;
    let bestCount = -1;
    for (const [form, count] of forms) {
      if (count > bestCount || (count === bestCount && form < best)) {
        best = form;
        bestCount = count;
      }
    }
    return best;
  }
  const analyze = (text: string): string[] => {
    const terms: string[] = [];
    for (const clause of tokenizeClauses(text)) {
      let previous: string | undefined;
      for (const token of clause) {
        const word = keep(token);
        if (word === undefined) continue;
        terms.push(word);
        if (bigrams && previous !== undefined) terms.push(`${previous} ${word}`);
        previous = word;
      }
    }
    return terms;
  };
  return Object.assign(analyze, { display: (term: string) => term.split(' ').map(displayWord).join(' ') });
}

function cjkBigrams(run: string): string[] {
  const chars = Array.from(run);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
