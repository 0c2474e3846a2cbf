/**
 * Words for full-text search: runs of letters, digits and combining marks, case- and accent-folded
 * ("Café" → "cafe"). Positions are UTF-16 indices into the original text, so hits can be marked in place.
 */

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;

/** Lower case without accents; ASCII (the common case) skips Unicode normalization. */
export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  return isAscii(lower) ? lower : lower.normalize('NFD').replace(MARKS, '').normalize('NFC');
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The folded words of `text`, in order (with repeats). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const w = foldWord(m[0]);
    if (w !== '') out.push(w);
  }
  return out;
}

export interface Token {
  word: string;
  /** UTF-16 range in the original text, end exclusive. */
  start: number;
  end: number;
}

/** Words with where they are in the text (for marking hits). */
export function tokenizeWithPositions(text: string): Token[] {
  const out: Token[] = [];
  const re = new RegExp(WORD.source, 'gu');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const w = foldWord(m[0]);
    if (w !== '') out.push({ word: w, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
