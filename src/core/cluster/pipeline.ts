/**
 * The clustering pipeline, texts in, named themes out:
 *   analyze (tokenize.ts) → TF-IDF (tfidf.ts) → LSA by randomized SVD (svd.ts) → unit-length rows →
 *   spherical k-means++ with restarts (kmeans.ts), k fixed or chosen by silhouette (silhouette.ts) →
 *   outliers to "unclustered" → c-TF-IDF keywords and labels (labels.ts) → representative quotes.
 * It is one generator of progress points, driven synchronously or asynchronously (steps.ts), so the same code
 * serves the CLI and a cancellable Web Worker. Same items + options (seed included) → the same result.
 */

import { createRng } from '../random';
import { kmeansSteps, type KMeansResult } from './kmeans';
import { classTfidfKeywords } from './labels';
import { dot, normalizeRows } from './linalg';
import { silhouetteSample, silhouetteScore, type SilhouetteSample } from './silhouette';
import { driveAsync, driveSync, staged, type ClusterHooks, type StagedSteps, type Steps } from './steps';
import { lsaEmbedding, randomizedSvdSteps } from './svd';
import { buildVocabulary, countMatrix, inverseDocumentFrequency, tfidfFromCounts, type CsrMatrix } from './tfidf';
import { createAnalyzer, normalizeText } from './tokenize';

export interface ClusterItem {
  id: string;
  text: string;
}

export interface ClusterOptions {
  /** Number of themes, or 'auto' to pick k in `kRange` by silhouette (see chooseK in pipeline.ts). */
  k: number | 'auto';
  /** Inclusive range searched when k is 'auto'. Default [2, 12]. */
  kRange?: readonly [number, number];
  seed: number;
  /** Count adjacent word pairs ("credit card") as features too. Labels always consider bigrams. Default true. */
  bigrams?: boolean;
  /** Words to ignore on top of the English stop list, e.g. the product name every answer mentions. */
  extraStopWords?: readonly string[];
  /** LSA dimensions. Default 64 (on Banking77, 64–100 score the same NMI; 64 is ~40% faster). */
  dims?: number;
  /** Randomized-SVD power iterations. Default 1 (more did not improve clustering on Banking77). */
  powerIterations?: number;
  /** Minimum documents a term must appear in. Default 2. */
  minDf?: number;
  /** Terms in more than this share of documents are ignored. Default 0.5. */
  maxDfRatio?: number;
  /** k-means restarts (best inertia wins). Default 3. */
  restarts?: number;
  /** Fold English plurals. Default true. */
  stem?: boolean;
  /**
   * A unit whose cosine similarity to the centre of the rest of its theme is below this goes to unclustered.
   * Default 0.2.
   */
  minSimilarity?: number;
  /** Themes left with fewer members than this are dissolved into unclustered. Default 3. */
  minClusterSize?: number;
  /** Points the silhouette is computed on when choosing k. Default 2000. */
  silhouetteSampleSize?: number;
}

export interface ClusterSummary {
  /** "cluster-1" … in order of size, largest first. */
  id: string;
  label: string;
  keywords: string[];
  /** Member ids in input order. */
  unitIds: string[];
  /** Up to three members closest to the centre of the others, closest first, distinct texts. */
  representativeIds: string[];
  size: number;
}

export interface ClusterStats {
  /** Number of themes k-means ran with (before small themes were dissolved). */
  k: number;
  /** Mean sampled silhouette of the chosen k (only when k was 'auto'). */
  silhouette?: number;
  /** Silhouette per k tried, when k was 'auto'. */
  silhouetteByK?: Record<number, number>;
  ms: number;
  vocabulary: number;
  dims: number;
}

export interface ClusterResult {
  clusters: ClusterSummary[];
  /** Ids of units that fit no theme, in input order. */
  unclustered: string[];
  /** Effective options, flat, ready for Clustering.params. */
  params: Record<string, string | number | boolean>;
  stats: ClusterStats;
}

/** Run the pipeline off the critical path: yields to the event loop every ~40 ms; rejects with an AbortError on cancel. */
export function clusterTexts(items: readonly ClusterItem[], options: ClusterOptions, hooks?: ClusterHooks): Promise<ClusterResult> {
  return driveAsync(clusterSteps(items, options), hooks);
}

/** The same pipeline, blocking (CLI, benchmarks). Throws an AbortError if the flag is set. */
export function clusterTextsSync(items: readonly ClusterItem[], options: ClusterOptions, hooks?: ClusterHooks): ClusterResult {
  return driveSync(clusterSteps(items, options), hooks);
}

interface Resolved {
  k: number | 'auto';
  kRange: readonly [number, number];
  seed: number;
  bigrams: boolean;
  extraStopWords: readonly string[];
  dims: number;
  powerIterations: number;
  minDf: number;
  maxDfRatio: number;
  restarts: number;
  stem: boolean;
  minSimilarity: number;
  minClusterSize: number;
  silhouetteSampleSize: number;
}

function resolve(options: ClusterOptions): Resolved {
  const kRange = options.kRange ?? [2, 12];
  if (options.k !== 'auto' && !(Number.isInteger(options.k) && options.k >= 1)) throw new Error(`clusterTexts: k must be a positive integer or 'auto', got ${options.k}`);
  if (!(kRange[0] >= 2 && kRange[1] >= kRange[0])) throw new Error(`clusterTexts: bad kRange [${kRange.join(', ')}]`);
  return {
    k: options.k,
    kRange,
    seed: options.seed,
    bigrams: options.bigrams ?? true,
    extraStopWords: options.extraStopWords ?? [],
    dims: options.dims ?? 64,
    powerIterations: options.powerIterations ?? 1,
    minDf: options.minDf ?? 2,
    maxDfRatio: options.maxDfRatio ?? 0.5,
    restarts: options.restarts ?? 3,
    stem: options.stem ?? true,
    minSimilarity: options.minSimilarity ?? 0.2,
    minClusterSize: options.minClusterSize ?? 3,
    silhouetteSampleSize: options.silhouetteSampleSize ?? 2000,
  };
}

function paramsOf(o: Resolved): Record<string, string | number | boolean> {
  return {
    algorithm: 'tfidf-lsa-spherical-kmeans',
    k: o.k,
    kRange: `${o.kRange[0]}-${o.kRange[1]}`,
    seed: o.seed,
    bigrams: o.bigrams,
    extraStopWords: o.extraStopWords.join(','),
    dims: o.dims,
    powerIterations: o.powerIterations,
    minDf: o.minDf,
    maxDfRatio: o.maxDfRatio,
    restarts: o.restarts,
    stem: o.stem,
    minSimilarity: o.minSimilarity,
    minClusterSize: o.minClusterSize,
  };
}

export function* clusterSteps(items: readonly ClusterItem[], options: ClusterOptions): StagedSteps<ClusterResult> {
  const started = Date.now();
  const o = resolve(options);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new Error(`clusterTexts: duplicate item id ${item.id}`);
    seen.add(item.id);
  }

  // 1. Terms. Label terms always include bigrams; features only when asked.
  const analyze = createAnalyzer({ bigrams: true, extraStopWords: o.extraStopWords, stem: o.stem });
  const labelTerms: string[][] = [];
  yield { stage: 'tokenize', fraction: 0 };
  for (let i = 0; i < items.length; i++) {
    labelTerms.push(analyze(items[i]!.text));
    if (i % 1000 === 999) yield { stage: 'tokenize', fraction: i / items.length };
  }
  const featureTerms = o.bigrams ? labelTerms : labelTerms.map((terms) => terms.filter((t) => !t.includes(' ')));
  yield { stage: 'tokenize', fraction: 1 };

  // 2. TF-IDF over the documents that have any vocabulary term; the others cannot be placed.
  yield { stage: 'tfidf', fraction: 0 };
  const vocab = buildVocabulary(featureTerms, { minDf: o.minDf, maxDfRatio: o.maxDfRatio });
  const counts = countMatrix(featureTerms, vocab);
  const placeable: number[] = [];
  for (let r = 0; r < counts.rows; r++) if (counts.indptr[r + 1]! > counts.indptr[r]!) placeable.push(r);
  const x = tfidfFromCounts(selectRows(counts, placeable), inverseDocumentFrequency(vocab.df, items.length));
  yield { stage: 'tfidf', fraction: 1 };

  const m = placeable.length;
  const dims = Math.min(o.dims, Math.max(1, m - 1), vocab.terms.length);
  if (m === 0 || vocab.terms.length === 0) {
    return finish([], items.map((item) => item.id), o, { k: 0, ms: Date.now() - started, vocabulary: vocab.terms.length, dims: 0 });
  }

  // 3. LSA: unit-length rows, so Euclidean k-means ranks by cosine.
  const svd = yield* staged('svd', randomizedSvdSteps(x, { rank: dims, seed: o.seed, powerIterations: o.powerIterations }));
  const d = svd.rank;
  const emb = lsaEmbedding(x, svd);
  normalizeRows(emb, m, d);

  // 4. k-means, k fixed or chosen by silhouette.
  let chosen: KMeansResult;
  let silhouette: number | undefined;
  let silhouetteByK: Record<number, number> | undefined;
  if (o.k === 'auto') {
    const picked = yield* staged('choose-k', chooseK(emb, m, d, o));
    chosen = picked.result;
    silhouette = picked.silhouette;
    silhouetteByK = picked.byK;
  } else {
    chosen = yield* staged('kmeans', kmeansSteps(emb, m, d, { k: Math.min(o.k, m), seed: o.seed, restarts: o.restarts, spherical: true }));
  }

  // 5. Outliers, labels, representatives.
  yield { stage: 'label', fraction: 0 };
  const { k, assignment } = chosen;
  const similarity = leaveOneOutSimilarity(emb, m, d, k, assignment);
  const members: number[][] = Array.from({ length: k }, () => []);
  const unplaced = new Set<number>();
  for (let r = 0; r < items.length; r++) unplaced.add(r);
  for (let p = 0; p < m; p++) {
    if (similarity[p]! >= o.minSimilarity) members[assignment[p]!]!.push(p);
  }
  const kept = members
    .map((list, c) => ({ list, c }))
    .filter(({ list }) => list.length >= o.minClusterSize)
    .sort((a, b) => b.list.length - a.list.length || a.list[0]! - b.list[0]!);
  for (const { list } of kept) for (const p of list) unplaced.delete(placeable[p]!);

  const outsiders = [...unplaced];
  const keywords = classTfidfKeywords(
    { docs: labelTerms, classes: [...kept.map(({ list }) => list.map((p) => placeable[p]!)), outsiders] },
    { display: analyze.display },
  );
  const clusters = kept.map(({ list }, i): ClusterSummary => {
    const rows = list.map((p) => placeable[p]!);
    return {
      id: `cluster-${i + 1}`,
      label: keywords[i]!.label,
      keywords: keywords[i]!.keywords,
      unitIds: rows.map((r) => items[r]!.id),
      representativeIds: representatives(list, similarity, (p) => items[placeable[p]!]!),
      size: list.length,
    };
  });
  yield { stage: 'label', fraction: 1 };
  const stats: ClusterStats = { k, ms: Date.now() - started, vocabulary: vocab.terms.length, dims: d };
  if (silhouette !== undefined) stats.silhouette = silhouette;
  if (silhouetteByK !== undefined) stats.silhouetteByK = silhouetteByK;
  return finish(clusters, outsiders.map((r) => items[r]!.id), o, stats);
}

function finish(clusters: ClusterSummary[], unclustered: string[], o: Resolved, stats: ClusterStats): ClusterResult {
  return { clusters, unclustered, params: paramsOf(o), stats };
}

/** Scores within this fraction of the best silhouette count as a tie (see chooseK). */
const SILHOUETTE_TIE = 0.05;

/**
 * Auto k: for each k in kRange, best-of-`restarts` spherical k-means; score = mean silhouette (cosine distance,
 * LSA space) on up to `silhouetteSampleSize` seeded sampled points (the same sample for every k). The smallest
 * k scoring within 5% of the best wins: differences that small are within the noise of sampling and
 * restarts, text usually has sub-themes that score a little higher, and fewer themes are easier to read.
 */
function* chooseK(emb: Float64Array, m: number, d: number, o: Resolved): Steps<{ result: KMeansResult; silhouette: number; byK: Record<number, number> }> {
  // Rule of thumb k ≤ √(m/2): on small corpora, larger k splits near-duplicate answers into tiny groups,
  // which silhouette rewards but nobody would call themes.
  const high = Math.max(Math.min(o.kRange[0], m), Math.min(o.kRange[1], Math.floor(Math.sqrt(m / 2))));
  const low = Math.min(o.kRange[0], high);
  const sample: SilhouetteSample = silhouetteSample(emb, m, d, o.silhouetteSampleSize, createRng(o.seed ^ 0x5eed));
  const byK: Record<number, number> = {};
  const runs: { result: KMeansResult; silhouette: number }[] = [];
  for (let k = low; k <= high; k++) {
    const steps = kmeansSteps(emb, m, d, { k, seed: o.seed + k, restarts: o.restarts, spherical: true });
    let next = steps.next();
    while (!next.done) {
      yield (k - low + next.value) / (high - low + 1);
      next = steps.next();
    }
    const score = silhouetteScore(sample, next.value.assignment, next.value.k);
    byK[k] = score;
    runs.push({ result: next.value, silhouette: score });
  }
  const best = Math.max(...runs.map((r) => r.silhouette));
  const pick = runs.find((r) => r.silhouette >= best - SILHOUETTE_TIE * Math.abs(best))!;
  return { ...pick, byK };
}

/** Closest members to the centre, skipping texts that read the same as one already picked. */
function representatives(list: readonly number[], similarity: Float64Array, item: (p: number) => ClusterItem, count = 3): string[] {
  const ranked = [...list].sort((a, b) => similarity[b]! - similarity[a]! || a - b);
  const picked: string[] = [];
  const texts = new Set<string>();
  for (const p of ranked) {
    const text = normalizeText(item(p).text).replace(/\s+/gu, ' ').trim();
    if (texts.has(text)) continue;
    texts.add(text);
    picked.push(item(p).id);
    if (picked.length === count) break;
  }
  return picked;
}

/**
 * Per point, the cosine between it and the centre of the *other* members of its cluster (sum of their unit
 * vectors). Leaving the point out matters for small groups: two stray answers that land in a big theme pull
 * its centre towards themselves, and would otherwise look like they belong.
 */
function leaveOneOutSimilarity(emb: Float64Array, m: number, d: number, k: number, assignment: Int32Array): Float64Array {
  const sums = new Float64Array(k * d);
  for (let p = 0; p < m; p++) {
    const so = assignment[p]! * d;
    for (let j = 0; j < d; j++) sums[so + j] = sums[so + j]! + emb[p * d + j]!;
  }
  const sumNorm2 = new Float64Array(k);
  for (let c = 0; c < k; c++) sumNorm2[c] = dot(sums, c * d, sums, c * d, d);
  const out = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    const c = assignment[p]!;
    const self = dot(emb, p * d, emb, p * d, d); // 1 for unit rows
    const xs = dot(emb, p * d, sums, c * d, d);
    const rest2 = sumNorm2[c]! - 2 * xs + self;
    out[p] = rest2 > 1e-12 ? (xs - self) / Math.sqrt(rest2) : 0;
  }
  return out;
}

/** The rows `keep` of a CSR matrix, in that order. */
function selectRows(x: CsrMatrix, keep: readonly number[]): CsrMatrix {
  const indptr = new Int32Array(keep.length + 1);
  let nnz = 0;
  keep.forEach((r, i) => {
    nnz += x.indptr[r + 1]! - x.indptr[r]!;
    indptr[i + 1] = nnz;
  });
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  keep.forEach((r, i) => {
    indices.set(x.indices.subarray(x.indptr[r]!, x.indptr[r + 1]!), indptr[i]!);
    data.set(x.data.subarray(x.indptr[r]!, x.indptr[r + 1]!), indptr[i]!);
  });
  return { rows: keep.length, cols: x.cols, indptr, indices, data };
}
