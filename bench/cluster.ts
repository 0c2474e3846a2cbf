/**
 * Clustering benchmark on Banking77 (../shared/data/banking77, columns `text,category`, 77 intents):
 * our pipeline (TF-IDF → LSA → spherical k-means) against a reference TF-IDF + k-means baseline, scored by
 * NMI and accuracy (Hungarian matching) against the intent labels, plus wall time and peak RSS.
 * The baseline is scikit-learn when a python3 with sklearn is found, else a plain TF-IDF + k-means in this file.
 * A 20,000-text set (train + test, repeated) measures speed at the size the app promises.
 *
 *   npm run bench:cluster                   # seed 42
 *   npm run bench:cluster -- --seeds 3      # mean over seeds 42, 43, 44
 *   BENCH_BASELINE=js npm run bench:cluster  # force the JS baseline even when scikit-learn is available
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { clusterTexts, type ClusterOptions, type ClusterResult } from '../src/core/cluster';
import { kmeansPlusPlus } from '../src/core/cluster/kmeans';
import { clusteringAccuracy, normalizedMutualInformation } from '../src/core/cluster/metrics';
import { buildVocabulary, countMatrix, inverseDocumentFrequency, tfidfFromCounts, type CsrMatrix } from '../src/core/cluster/tfidf';
import { ENGLISH_STOP_WORDS } from '../src/core/cluster/stopwords';
import { createRng } from '../src/core/random';

// npm scripts run from the package root; the shared data sits beside the checkout.
const dataDir = process.env.BANKING77_DIR ?? resolve(process.cwd(), '../shared/data/banking77');

interface Row {
  text: string;
  category: string;
}

interface Figures {
  nmi: number;
  acc: number;
  ms: number;
  peakRssMb: number;
  unclusteredPct?: number;
  nmiAll?: number;
}

function readCsv(file: string): Row[] {
  const parsed = Papa.parse<Row>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  return parsed.data.filter((r) => typeof r.text === 'string' && typeof r.category === 'string');
}

function parseArgs(): { seeds: number[] } {
  const i = process.argv.indexOf('--seeds');
  const count = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 1) : 1;
  return { seeds: Array.from({ length: count }, (_, s) => 42 + s) };
}

/** Peak RSS while `work` runs: sampled on a timer and on every progress callback. */
async function measured<T>(work: (sample: () => void) => Promise<T>): Promise<{ value: T; ms: number; peakRssMb: number }> {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 20);
  const start = performance.now();
  try {
    const value = await work(sample);
    sample();
    return { value, ms: performance.now() - start, peakRssMb: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

/** Predicted cluster per row; unclustered rows share the label "unclustered". */
function predictedLabels(rows: readonly Row[], result: ClusterResult): string[] {
  const byId = new Map<string, string>();
  for (const c of result.clusters) for (const id of c.unitIds) byId.set(id, c.id);
  return rows.map((_, i) => byId.get(String(i)) ?? 'unclustered');
}

async function runOurs(rows: readonly Row[], k: number, seed: number, extra: Partial<ClusterOptions> = {}): Promise<Figures> {
  const items = rows.map((r, i) => ({ id: String(i), text: r.text }));
  const { value, ms, peakRssMb } = await measured((sample) => clusterTexts(items, { k, seed, ...extra }, { onProgress: sample }));
  const predicted = predictedLabels(rows, value);
  const truth = rows.map((r) => r.category);
  const placed = predicted.map((p, i) => ({ p, t: truth[i]! })).filter(({ p }) => p !== 'unclustered');
  return {
    nmi: normalizedMutualInformation(predicted, truth),
    acc: clusteringAccuracy(predicted, truth),
    ms,
    peakRssMb,
    unclusteredPct: (100 * value.unclustered.length) / rows.length,
    nmiAll: normalizedMutualInformation(
      placed.map((x) => x.p),
      placed.map((x) => x.t),
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Baseline 1: scikit-learn, TfidfVectorizer(stop_words='english', sublinear_tf=True, min_df=2) + KMeans(k, n_init=3)

const SKLEARN_SCRIPT = `
import json, sys, time, resource
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import KMeans
texts = json.load(open(sys.argv[1]))
k, seed = int(sys.argv[2]), int(sys.argv[3])
t = time.perf_counter()
x = TfidfVectorizer(stop_words='english', sublinear_tf=True, min_df=2).fit_transform(texts)
labels = KMeans(n_clusters=k, n_init=3, random_state=seed).fit_predict(x)
ms = (time.perf_counter() - t) * 1000
print(json.dumps({"labels": labels.tolist(), "ms": ms, "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

function findSklearnPython(): string | undefined {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(python, ['-c', 'import sklearn'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return undefined;
}

function runSklearn(python: string, rows: readonly Row[], k: number, seed: number): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
  try {
    const textsFile = join(dir, 'texts.json');
    const scriptFile = join(dir, 'baseline.py');
    writeFileSync(textsFile, JSON.stringify(rows.map((r) => r.text)));
    writeFileSync(scriptFile, SKLEARN_SCRIPT);
    const out = execFileSync(python, [scriptFile, textsFile, String(k), String(seed)], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '2' } });
    const parsed = JSON.parse(out) as { labels: number[]; ms: number; peakRssMb: number };
    const truth = rows.map((r) => r.category);
    return { nmi: normalizedMutualInformation(parsed.labels, truth), acc: clusteringAccuracy(parsed.labels, truth), ms: parsed.ms, peakRssMb: parsed.peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Baseline 2 (no python): plain TF-IDF (sklearn-style tokens, no stemming, no bigrams) + Lloyd k-means++ on the
// sparse rows, best inertia of 3 runs.

function plainTokens(text: string): string[] {
  return (text.toLowerCase().match(/\b\w\w+\b/gu) ?? []).filter((t) => !ENGLISH_STOP_WORDS.has(t));
}

function sparseKmeans(x: CsrMatrix, k: number, seed: number, restarts = 3, maxIterations = 100): Int32Array {
  const rng = createRng(seed);
  let best: { inertia: number; assignment: Int32Array } | undefined;
  const dense = (rows: number[]): Float64Array => {
    const out = new Float64Array(rows.length * x.cols);
    rows.forEach((r, c) => {
      for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) out[c * x.cols + x.indices[p]!] = x.data[p]!;
    });
    return out;
  };
  for (let run = 0; run < restarts; run++) {
    // k-means++ on a dense copy would be too big; seed from the rows directly via the shared helper on a sample.
    const sampleRows = Array.from({ length: Math.min(x.rows, 3000) }, () => Math.floor(rng.next() * x.rows));
    let centers = kmeansPlusPlus(dense(sampleRows), sampleRows.length, x.cols, k, rng);
    const assignment = new Int32Array(x.rows);
    let inertia = 0;
    for (let it = 0; it < maxIterations; it++) {
      const norms = new Float64Array(k);
      for (let c = 0; c < k; c++) for (let j = 0; j < x.cols; j++) norms[c] = norms[c]! + centers[c * x.cols + j]! ** 2;
      let changed = 0;
      inertia = 0;
      for (let r = 0; r < x.rows; r++) {
        let bestC = 0;
        let bestD = Infinity;
        for (let c = 0; c < k; c++) {
          let dot = 0;
          for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) dot += x.data[p]! * centers[c * x.cols + x.indices[p]!]!;
          const dist = 1 + norms[c]! - 2 * dot;
          if (dist < bestD) {
            bestD = dist;
            bestC = c;
          }
        }
        if (assignment[r] !== bestC) changed++;
        assignment[r] = bestC;
        inertia += bestD;
      }
      const next = new Float64Array(k * x.cols);
      const counts = new Int32Array(k);
      for (let r = 0; r < x.rows; r++) {
        const c = assignment[r]!;
        counts[c]!++;
        for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) next[c * x.cols + x.indices[p]!] = next[c * x.cols + x.indices[p]!]! + x.data[p]!;
      }
      for (let c = 0; c < k; c++) {
        if (counts[c] === 0) next.set(centers.subarray(c * x.cols, (c + 1) * x.cols), c * x.cols);
        else for (let j = 0; j < x.cols; j++) next[c * x.cols + j] = next[c * x.cols + j]! / counts[c]!;
      }
      centers = next;
      if (changed === 0 && it > 0) break;
    }
    if (best === undefined || inertia < best.inertia) best = { inertia, assignment };
  }
  return best!.assignment;
}

async function runPlainBaseline(rows: readonly Row[], k: number, seed: number): Promise<Figures> {
  const { value, ms, peakRssMb } = await measured(async () => {
    const docs = rows.map((r) => plainTokens(r.text));
    const vocab = buildVocabulary(docs, { minDf: 2 });
    const x = tfidfFromCounts(countMatrix(docs, vocab), inverseDocumentFrequency(vocab.df, docs.length));
    return sparseKmeans(x, k, seed);
  });
  const truth = rows.map((r) => r.category);
  const predicted = Array.from(value);
  return { nmi: normalizedMutualInformation(predicted, truth), acc: clusteringAccuracy(predicted, truth), ms, peakRssMb };
}

// ---------------------------------------------------------------------------------------------------------

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function averaged(runs: readonly Figures[]): Figures {
  const out: Figures = {
    nmi: mean(runs.map((r) => r.nmi)),
    acc: mean(runs.map((r) => r.acc)),
    ms: mean(runs.map((r) => r.ms)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  };
  if (runs[0]?.unclusteredPct !== undefined) out.unclusteredPct = mean(runs.map((r) => r.unclusteredPct ?? 0));
  if (runs[0]?.nmiAll !== undefined) out.nmiAll = mean(runs.map((r) => r.nmiAll ?? 0));
  return out;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<void> {
  const trainFile = join(dataDir, 'train.csv');
  const testFile = join(dataDir, 'test.csv');
  if (!existsSync(trainFile) || !existsSync(testFile)) {
    console.log(`bench:cluster skipped: Banking77 not found at ${dataDir} (needs train.csv and test.csv; set BANKING77_DIR to point elsewhere).`);
    return;
  }
  const { seeds } = parseArgs();
  const train = readCsv(trainFile);
  const test = readCsv(testFile);
  const both = [...train, ...test];
  const big = Array.from({ length: 20_000 }, (_, i) => both[i % both.length]!);
  const python = process.env.BENCH_BASELINE === 'js' ? undefined : findSklearnPython();
  const baselineName = python ? `scikit-learn (${python})` : 'plain TF-IDF + k-means (JS)';
  console.log(`Banking77 from ${dataDir}: train ${train.length}, test ${test.length}; seeds ${seeds.join(', ')}; baseline: ${baselineName}`);

  const sets: { name: string; rows: Row[] }[] = [
    { name: 'test', rows: test },
    { name: 'train', rows: train },
    { name: '20k (train+test repeated)', rows: big },
  ];
  const table: string[][] = [['set', 'n', 'k', 'method', 'NMI', 'ACC', 'NMI placed', 'unclust.', 'time s', 'peak RSS MB']];
  for (const set of sets) {
    const k = new Set(set.rows.map((r) => r.category)).size;
    const ours: Figures[] = [];
    const base: Figures[] = [];
    for (const seed of seeds) {
      ours.push(await runOurs(set.rows, k, seed));
      base.push(python ? runSklearn(python, set.rows, k, seed) : await runPlainBaseline(set.rows, k, seed));
    }
    const o = averaged(ours);
    const b = averaged(base);
    const fmt = (x: number) => (100 * x).toFixed(1);
    table.push([set.name, String(set.rows.length), String(k), 'loupe', fmt(o.nmi), fmt(o.acc), fmt(o.nmiAll ?? o.nmi), `${(o.unclusteredPct ?? 0).toFixed(1)}%`, (o.ms / 1000).toFixed(2), o.peakRssMb.toFixed(0)]);
    table.push(['', '', '', 'baseline', fmt(b.nmi), fmt(b.acc), '', '', (b.ms / 1000).toFixed(2), b.peakRssMb.toFixed(0)]);
    table.push(['', '', '', 'Δ NMI', (100 * (o.nmi - b.nmi)).toFixed(1), '', '', '', '', '']);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => pad(cell, widths[c]!)).join('  '));
  console.log('NMI/ACC: unclustered rows count as one extra cluster. NMI placed: NMI over clustered rows only.');
  console.log('Targets: NMI ≥ baseline + 3 points per set; 20k texts ≤ 5 s; peak RSS ≤ 1024 MB.');
  if (python) console.log("Baseline time excludes python start-up and CSV handoff; its peak RSS is the python process's.");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
