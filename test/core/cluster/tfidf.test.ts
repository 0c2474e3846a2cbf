import { describe, expect, it } from 'vitest';
import { buildVocabulary, countMatrix, inverseDocumentFrequency, tfidfFromCounts, toDense, transpose } from '../../../src/core/cluster/tfidf';

// Worked by hand (n = 3 documents, smoothed idf = ln((1 + n) / (1 + df)) + 1, tf = 1 + ln(count), rows → unit length):
//   df: apple 2, banana 2, cherry 1 → idf apple = banana = ln(4/3) + 1 = 1.287682, cherry = ln(4/2) + 1 = 1.693147
//   d0 "apple banana":        (1.287682, 1.287682, 0)          → (0.707107, 0.707107, 0)
//   d1 "apple apple cherry":  ((1 + ln 2)·1.287682 = 2.180235, 0, 1.693147), norm 2.760466 → (0.789807, 0, 0.613356)
//   d2 "banana":              (0, 1.287682, 0)                  → (0, 1, 0)
// scikit-learn's TfidfVectorizer(sublinear_tf=True) gives the same matrix.
const docs = [['apple', 'banana'], ['apple', 'apple', 'cherry'], ['banana']];

describe('tf-idf', () => {
  it('builds a sorted vocabulary with document frequencies and a min-df cut', () => {
    const vocab = buildVocabulary(docs, { minDf: 1 });
    expect(vocab.terms).toEqual(['apple', 'banana', 'cherry']);
    expect(Array.from(vocab.df)).toEqual([2, 2, 1]);
    expect(buildVocabulary(docs, { minDf: 2 }).terms).toEqual(['apple', 'banana']);
    expect(buildVocabulary(docs, { minDf: 1, maxDfRatio: 0.5 }).terms).toEqual(['cherry']);
  });

  it('computes smoothed idf, sublinear tf and l2-normalized rows (values worked by hand)', () => {
    const vocab = buildVocabulary(docs, { minDf: 1 });
    const idf = inverseDocumentFrequency(vocab.df, docs.length);
    expect(idf[0]).toBeCloseTo(1.287682, 6);
    expect(idf[2]).toBeCloseTo(1.693147, 6);
    const x = tfidfFromCounts(countMatrix(docs, vocab), idf);
    const dense = toDense(x).map((row) => Array.from(row));
    const expected = [
      [0.707107, 0.707107, 0],
      [0.789807, 0, 0.613356],
      [0, 1, 0],
    ];
    dense.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r]![c]!, 6)));
  });

  it('stores rows sparsely (CSR) and leaves empty documents empty', () => {
    const withEmpty = [...docs, ['durian']];
    const vocab = buildVocabulary(withEmpty, { minDf: 1 });
    const x = tfidfFromCounts(countMatrix([['banana', 'apple'], [], ['unknown']], vocab), inverseDocumentFrequency(vocab.df, 4));
    expect(Array.from(x.indptr)).toEqual([0, 2, 2, 2]);
    expect(Array.from(x.indices)).toEqual([0, 1]);
    expect(x.data).toBeInstanceOf(Float64Array);
  });

  it('transposes CSR', () => {
    const vocab = buildVocabulary(docs, { minDf: 1 });
    const x = countMatrix(docs, vocab);
    const t = toDense(transpose(x)).map((row) => Array.from(row));
    expect(t).toEqual([
      [1, 2, 0],
      [1, 0, 1],
      [0, 1, 0],
    ]);
  });
});
