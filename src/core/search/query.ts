/**
 * What a search box query means: bare words (each must occur; words of 2+ characters also match as a prefix,
 * so results follow typing) and "quoted phrases" (the words in that order). Everything is ANDed.
 */
import { tokenize, tokenizeWithPositions } from './tokenize';

export interface QueryTerm {
  word: string;
  prefix: boolean;
  /** Only part of a phrase: narrows the index lookup, but is marked only where the whole phrase occurs. */
  inPhrase?: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Each phrase as its folded words; a one-word phrase is just an exact term. */
  phrases: string[][];
}

export const MIN_PREFIX = 2;

export function parseQuery(query: string): ParsedQuery {
  const terms: QueryTerm[] = [];
  const phrases: string[][] = [];
  const seen = new Set<string>();
  const add = (word: string, prefix: boolean, inPhrase = false): void => {
    const key = `${word}\u0000${prefix ? 1 : 0}`;
    const same = terms.find((t) => `${t.word}\u0000${t.prefix ? 1 : 0}` === key);
    if (same !== undefined && !inPhrase) delete same.inPhrase;
    if (seen.has(key)) return;
    seen.add(key);
    terms.push(inPhrase ? { word, prefix, inPhrase } : { word, prefix });
  };
  const quoted = /"([^"]*)"?/g;
  let rest = '';
  let last = 0;
  for (let m = quoted.exec(query); m !== null; m = quoted.exec(query)) {
    rest += `${query.slice(last, m.index)} `;
    last = m.index + m[0].length;
    const words = tokenize(m[1] ?? '');
    for (const w of words) add(w, false, words.length > 1);
    if (words.length > 1) phrases.push(words);
  }
  rest += query.slice(last);
  for (const w of tokenize(rest)) add(w, w.length >= MIN_PREFIX);
  return { terms, phrases };
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0;
}

/** Does `text` contain every phrase of the query, word after word? (Terms are checked by the index.) */
export function matchesPhrases(text: string, q: ParsedQuery): boolean {
  if (q.phrases.length === 0) return true;
  const words = tokenize(text);
  return q.phrases.every((phrase) => indexOfPhrase(words, phrase) >= 0);
}

function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

export interface HitRange {
  /** UTF-16 indices into the text, end exclusive; sorted, non-overlapping. */
  start: number;
  end: number;
}

/** Where the query hits `text`: whole words matching a term, and each phrase occurrence as one range. */
export function hitRanges(text: string, q: ParsedQuery): HitRange[] {
  const tokens = tokenizeWithPositions(text);
  const marked = new Uint8Array(tokens.length);
  tokens.forEach((t, i) => {
    if (q.terms.some((term) => term.inPhrase !== true && (term.prefix ? t.word.startsWith(term.word) : t.word === term.word))) marked[i] = 1;
  });
  for (const phrase of q.phrases) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((w, j) => tokens[i + j]?.word === w)) for (let j = 0; j < phrase.length; j++) marked[i + j] = 2;
    }
  }
  const out: HitRange[] = [];
  tokens.forEach((t, i) => {
    if (marked[i] === 0) return;
    const prev = out[out.length - 1];
    // Join the words of one phrase (and its spaces) into one mark.
    if (prev !== undefined && marked[i] === 2 && marked[i - 1] === 2) prev.end = t.end;
    else out.push({ start: t.start, end: t.end });
  });
  return out;
}
