/**
 * Vocabulary and TF-IDF in compressed sparse row (CSR) form, on typed arrays so a 20k-document corpus stays a
 * few megabytes and can be handed to or from a worker without copying. Weights follow scikit-learn's
 * TfidfVectorizer(sublinear_tf=True, smooth_idf=True, norm='l2'), so figures can be compared with it:
 *   tf  = 1 + ln(count)          idf = ln((1 + n) / (1 + df)) + 1          row scaled to unit length.
 */

/** Sparse matrix, rows × cols; row r's entries are indices/data[indptr[r] .. indptr[r+1]), indices ascending. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

export interface Vocabulary {
  /** Term text by column, sorted by code unit order (deterministic, independent of document order). */
  terms: string[];
  index: Map<string, number>;
  /** Documents containing each term. */
  df: Int32Array;
}

export interface VocabularyOptions {
  /** Drop terms found in fewer documents than this. Default 2: a word one person used is not a theme. */
  minDf?: number;
  /** Drop terms found in more than this fraction of documents. Default 1 (keep all). */
  maxDfRatio?: number;
}

export function buildVocabulary(docs: readonly (readonly string[])[], options: VocabularyOptions = {}): Vocabulary {
  const minDf = options.minDf ?? 2;
  const maxDf = Math.floor((options.maxDfRatio ?? 1) * docs.length);
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const doc of docs) {
    seen.clear();
    for (const term of doc) {
      if (seen.has(term)) continue;
      seen.add(term);
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  const terms = [...counts].filter(([, df]) => df >= minDf && df <= maxDf).map(([term]) => term);
  terms.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map<string, number>();
  const df = new Int32Array(terms.length);
  terms.forEach((term, i) => {
    index.set(term, i);
    df[i] = counts.get(term)!;
  });
  return { terms, index, df };
}

/** Raw term counts, one row per document, columns of the vocabulary; unknown terms are skipped. */
export function countMatrix(docs: readonly (readonly string[])[], vocab: Vocabulary): CsrMatrix {
  const indptr = new Int32Array(docs.length + 1);
  const indices: number[] = [];
  const data: number[] = [];
  const row = new Map<number, number>();
  docs.forEach((doc, r) => {
    row.clear();
    for (const term of doc) {
      const col = vocab.index.get(term);
      if (col !== undefined) row.set(col, (row.get(col) ?? 0) + 1);
    }
    const cols = [...row.keys()].sort((a, b) => a - b);
    for (const col of cols) {
      indices.push(col);
      data.push(row.get(col)!);
    }
    indptr[r + 1] = indices.length;
  });
  return { rows: docs.length, cols: vocab.terms.length, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) };
}

/** Smoothed inverse document frequency per column: ln((1 + n) / (1 + df)) + 1. */
export function inverseDocumentFrequency(df: Int32Array, documents: number): Float64Array {
  const idf = new Float64Array(df.length);
  for (let j = 0; j < df.length; j++) idf[j] = Math.log((1 + documents) / (1 + df[j]!)) + 1;
  return idf;
}

/** Sublinear TF × IDF, each non-empty row scaled to unit L2 norm (empty rows stay empty). Returns a new matrix. */
export function tfidfFromCounts(counts: CsrMatrix, idf: Float64Array): CsrMatrix {
  const data = new Float64Array(counts.data.length);
  for (let r = 0; r < counts.rows; r++) {
    const start = counts.indptr[r]!;
    const end = counts.indptr[r + 1]!;
    let norm = 0;
    for (let p = start; p < end; p++) {
      const w = (1 + Math.log(counts.data[p]!)) * idf[counts.indices[p]!]!;
      data[p] = w;
      norm += w * w;
    }
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let p = start; p < end; p++) data[p] = data[p]! * scale;
    }
  }
  return { rows: counts.rows, cols: counts.cols, indptr: counts.indptr, indices: counts.indices, data };
}

/** Dense rows × cols copy, for tests and small matrices. */
export function toDense(m: CsrMatrix): Float64Array[] {
  const out = Array.from({ length: m.rows }, () => new Float64Array(m.cols));
  for (let r = 0; r < m.rows; r++) {
    for (let p = m.indptr[r]!; p < m.indptr[r + 1]!; p++) out[r]![m.indices[p]!] = m.data[p]!;
  }
  return out;
}

/** Xᵀ in CSR form (i.e. X in compressed sparse column form), indices ascending in every row. */
export function transpose(x: CsrMatrix): CsrMatrix {
  const indptr = new Int32Array(x.cols + 1);
  for (let p = 0; p < x.indices.length; p++) indptr[x.indices[p]! + 1]!++;
  for (let c = 0; c < x.cols; c++) indptr[c + 1] = indptr[c + 1]! + indptr[c]!;
  const fill = indptr.slice(0, x.cols);
  const indices = new Int32Array(x.indices.length);
  const data = new Float64Array(x.indices.length);
  for (let r = 0; r < x.rows; r++) {
    for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) {
      const c = x.indices[p]!;
      const at = fill[c]!++;
      indices[at] = r;
      data[at] = x.data[p]!;
    }
  }
  return { rows: x.cols, cols: x.rows, indptr, indices, data };
}
