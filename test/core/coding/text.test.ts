import { describe, expect, it } from 'vitest';
import { codePointLength, codePointToUtf16, offsetConverter, segmentHighlights, sliceCodePoints, utf16ToCodePoint } from '../../../src/core/coding';

// "I 👍 the 🇫🇷 price" — 👍 is one code point (two UTF-16 units); the flag is two code points (four units):
// 16 code points, 19 UTF-16 units. 👍 is code point 2 (UTF-16 2–3), the flag 8–9 (UTF-16 9–12), "price" 11–15.
const TEXT = 'I 👍 the 🇫🇷 price';

describe('code point offsets', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(TEXT.length).toBe(19);
    expect(codePointLength(TEXT)).toBe(16);
    expect(codePointLength('')).toBe(0);
  });

  it('converts both ways around astral characters', () => {
    // code point 4 is the "t" of "the", at UTF-16 index 5
    expect(codePointToUtf16(TEXT, 4)).toBe(5);
    expect(utf16ToCodePoint(TEXT, 5)).toBe(4);
    expect(codePointToUtf16(TEXT, 16)).toBe(19);
    expect(codePointToUtf16(TEXT, 99)).toBe(19);
    // an index between the halves of 👍 rounds down to 👍 itself
    expect(utf16ToCodePoint(TEXT, 3)).toBe(2);
    const conv = offsetConverter(TEXT);
    for (let cp = 0; cp <= 16; cp++) {
      expect(conv.toUtf16(cp)).toBe(codePointToUtf16(TEXT, cp));
      expect(conv.toCodePoint(conv.toUtf16(cp))).toBe(cp);
    }
    expect(conv.toCodePoint(3)).toBe(2);
  });

  it('slices by code points', () => {
    expect(sliceCodePoints(TEXT, 2, 3)).toBe('👍');
    expect(sliceCodePoints(TEXT, 8, 10)).toBe('🇫🇷');
    expect(sliceCodePoints(TEXT, 11, 16)).toBe('price');
  });
});

describe('segmentHighlights', () => {
  it('covers the text exactly with non-overlapping segments listing every covering highlight', () => {
    const text = 'The price is too high for us';
    const segs = segmentHighlights(text, [
      { id: 'a', start: 4, end: 21 }, // "price is too high"
      { id: 'b', start: 13, end: 28 }, // "too high for us"
    ]);
    expect(segs.map((s) => [s.text, s.highlightIds])).toEqual([
      ['The ', []],
      ['price is ', ['a']],
      ['too high', ['a', 'b']],
      [' for us', ['b']],
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
  });

  it('keeps nested and identical highlights readable, outermost first', () => {
    const segs = segmentHighlights('abcdefgh', [
      { id: 'inner', start: 2, end: 4 },
      { id: 'outer', start: 0, end: 8 },
      { id: 'twin', start: 2, end: 4 },
    ]);
    expect(segs.map((s) => [s.text, s.highlightIds])).toEqual([
      ['ab', ['outer']],
      ['cd', ['outer', 'inner', 'twin']],
      ['efgh', ['outer']],
    ]);
  });

  it('places code-point offsets correctly around emoji and reports UTF-16 bounds for the DOM', () => {
    const segs = segmentHighlights(TEXT, [
      { id: 'thumb', start: 2, end: 3 },
      { id: 'flag', start: 8, end: 10 },
    ]);
    const thumb = segs.find((s) => s.highlightIds.includes('thumb'));
    const flag = segs.find((s) => s.highlightIds.includes('flag'));
    expect(thumb).toMatchObject({ text: '👍', start: 2, end: 3, startUtf16: 2, endUtf16: 4 });
    expect(flag).toMatchObject({ text: '🇫🇷', start: 8, end: 10, startUtf16: 9, endUtf16: 13 });
    expect(segs.map((s) => s.text).join('')).toBe(TEXT);
  });

  it('clamps out-of-range highlights and ignores empty ones', () => {
    const segs = segmentHighlights('hello', [
      { id: 'over', start: 3, end: 50 },
      { id: 'empty', start: 2, end: 2 },
      { id: 'inverted', start: 4, end: 1 },
    ]);
    expect(segs.map((s) => [s.text, s.highlightIds])).toEqual([
      ['hel', []],
      ['lo', ['over']],
    ]);
  });
});
