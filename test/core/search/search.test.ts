// Full-text search: folding, query parsing, the inverted index (AND, prefix, phrase) and hit ranges.
import { describe, expect, it } from 'vitest';
import { createTextIndex, hitRanges, matchesPhrases, parseQuery, tokenize } from '../../../src/core/search';

describe('tokenize', () => {
  it('folds case and accents and splits on punctuation', () => {
    expect(tokenize('Café au LAIT, s’il-vous-plaît! 42x')).toEqual(['cafe', 'au', 'lait', 's', 'il', 'vous', 'plait', '42x']);
  });
});

describe('text index', () => {
  const texts = ['The export to Excel is slow', 'Search works great', 'Exporting takes forever, so slow', 'Nothing to add', 'slow search export'];
  const ix = createTextIndex();
  texts.forEach((t, i) => ix.add(i * 2, t));
  const find = (q: string): number[] => {
    const parsed = parseQuery(q);
    return [...ix.match(parsed)].filter((d) => matchesPhrases(texts[d / 2]!, parsed));
  };

  it('ANDs words and matches prefixes', () => {
    expect(find('slow')).toEqual([0, 4, 8]);
    expect(find('export slow')).toEqual([0, 4, 8]);
    expect(find('search')).toEqual([2, 8]);
    expect(find('nope')).toEqual([]);
    expect(find('')).toEqual([]);
  });

  it('matches quoted phrases word after word', () => {
    expect(find('"search export"')).toEqual([8]);
    expect(find('"export search"')).toEqual([]);
  });

  it('rejects documents out of order', () => {
    expect(() => ix.add(1, 'late')).toThrow(/increasing order/);
  });
});

describe('hit ranges', () => {
  it('marks words and whole phrases in the original text', () => {
    const text = 'Exporting is SLOW, really slow.';
    const ranges = hitRanges(text, parseQuery('slow export'));
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Exporting', 'SLOW', 'slow']);
    const phrase = hitRanges(text, parseQuery('"really slow"'));
    expect(phrase.map((r) => text.slice(r.start, r.end))).toEqual(['really slow']);
  });
});
