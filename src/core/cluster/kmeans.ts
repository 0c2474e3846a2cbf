/**
 * k-means on dense row-major vectors: k-means++ seeding, Elkan's bound-based iterations (exact Lloyd results
 * while skipping most distance computations once clusters settle), several seeded restarts keeping the lowest
 * inertia. With `spherical`, centres are renormalized to unit length after each update: on unit vectors that
 * minimizes Σ(1 − cos), the usual objective for text (Dhillon & Modha 2001).
 */

import { createRng, type Rng } from '../random';
import { dot } from './linalg';
import type { Steps } from './steps';

export interface KMeansOptions {
  k: number;
  seed: number;
  /** Independent seeded runs; the one with the lowest inertia wins. Default 3. */
  restarts?: number;
  /** Default 100. */
  maxIterations?: number;
  /** Keep centres on the unit sphere. Default false. */
  spherical?: boolean;
}

export interface KMeansResult {
  k: number;
  /** k × d, row-major. */
  centers: Float64Array;
  /** Cluster index per point. */
  assignment: Int32Array;
  /** Σ squared Euclidean distance from each point to its centre. */
  inertia: number;
  /** Iterations of the winning run. */
  iterations: number;
}

/** Synchronous form. */
export function kmeans(data: Float64Array, n: number, d: number, options: KMeansOptions): KMeansResult {
  const steps = kmeansSteps(data, n, d, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Stepped form: yields the fraction done after every iteration of every restart. */
export function* kmeansSteps(data: Float64Array, n: number, d: number, options: KMeansOptions): Steps<KMeansResult> {
  const k = Math.min(options.k, n);
  if (k < 1) throw new Error(`kmeans: k must be ≥ 1 and n ≥ 1 (k=${options.k}, n=${n})`);
  const restarts = Math.max(1, options.restarts ?? 3);
  const maxIterations = options.maxIterations ?? 100;
  const rng = createRng(options.seed);
  let best: KMeansResult | undefined;
  for (let run = 0; run < restarts; run++) {
    const centers = kmeansPlusPlus(data, n, d, k, rng);
    const result = yield* lloydElkan(data, n, d, k, centers, maxIterations, options.spherical ?? false, (f) => (run + f) / restarts);
    if (best === undefined || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/** k-means++ (Arthur & Vassilvitskii 2007): each next centre drawn with probability ∝ squared distance. */
export function kmeansPlusPlus(data: Float64Array, n: number, d: number, k: number, rng: Rng): Float64Array {
  const centers = new Float64Array(k * d);
  const nearest = new Float64Array(n);
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = dot(data, i * d, data, i * d, d);
  let chosen = Math.floor(rng.next() * n);
  let total = 0;
  for (let c = 0; c < k; c++) {
    if (c > 0) {
      if (total > 0) {
        let r = rng.next() * total;
        chosen = n - 1;
        for (let i = 0; i < n; i++) {
          r -= nearest[i]!;
          if (r < 0) {
            chosen = i;
            break;
          }
        }
      } else {
        chosen = Math.floor(rng.next() * n); // every point sits on a centre already: any will do
      }
    }
    centers.set(data.subarray(chosen * d, chosen * d + d), c * d);
    total = 0;
    const co = chosen * d;
    for (let i = 0; i < n; i++) {
      const dist = Math.max(0, norms[i]! + norms[chosen]! - 2 * dot(data, i * d, data, co, d));
      if (c === 0 || dist < nearest[i]!) nearest[i] = dist;
      total += nearest[i]!;
    }
  }
  return centers;
}

/**
 * Lloyd iterations accelerated by Elkan's (2003) triangle-inequality bounds: per point an upper bound on the
 * distance to its centre and a lower bound to every other centre, so once clusters settle most distances are
 * never computed. The result is the same as plain Lloyd's (up to floating-point ties).
 */
function* lloydElkan(
  data: Float64Array,
  n: number,
  d: number,
  k: number,
  centers: Float64Array,
  maxIterations: number,
  spherical: boolean,
  progress: (fraction: number) => number,
): Steps<KMeansResult> {
  const assignment = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n * k);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  const moved = new Float64Array(k);
  const halfGap = new Float64Array(k * k);
  const nearestHalf = new Float64Array(k);
  const previous = new Float64Array(k * d);
  const pointNorms = new Float64Array(n);
  const centerNorms = new Float64Array(k);
  for (let i = 0; i < n; i++) pointNorms[i] = dot(data, i * d, data, i * d, d);
  const updateCenterNorms = () => {
    for (let c = 0; c < k; c++) centerNorms[c] = dot(centers, c * d, centers, c * d, d);
  };
  // ‖x − c‖ from dot products: one multiply-add per dimension instead of a subtract and a multiply-add.
  const distance = (i: number, c: number): number => Math.sqrt(Math.max(0, pointNorms[i]! + centerNorms[c]! - 2 * dot(data, i * d, centers, c * d, d)));

  updateCenterNorms();
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let arg = 0;
    for (let c = 0; c < k; c++) {
      const dist = distance(i, c);
      lower[i * k + c] = dist;
      if (dist < best) {
        best = dist;
        arg = c;
      }
    }
    assignment[i] = arg;
    upper[i] = best;
  }

  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    // Update: centres become the (normalized) means of their points.
    previous.set(centers);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      counts[c]!++;
      const so = c * d;
      const xo = i * d;
      for (let j = 0; j < d; j++) sums[so + j] = sums[so + j]! + data[xo + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      const so = c * d;
      const norm = dot(sums, so, sums, so, d);
      const scale = spherical ? (norm > 0 ? 1 / Math.sqrt(norm) : 0) : 1 / counts[c]!;
      if (scale === 0) continue;
      for (let j = 0; j < d; j++) centers[so + j] = sums[so + j]! * scale;
    }
    reseedEmptyClusters(data, d, k, n, centers, counts, assignment, upper, lower);
    updateCenterNorms();

    let anyMoved = false;
    for (let c = 0; c < k; c++) {
      moved[c] = Math.sqrt(squaredDistance(previous, c * d, centers, c * d, d));
      if (moved[c]! > 0) anyMoved = true;
    }
    if (iterations > 0 && !anyMoved) break; // converged
    for (let i = 0; i < n; i++) {
      upper[i] = upper[i]! + moved[assignment[i]!]!;
      const o = i * k;
      for (let c = 0; c < k; c++) lower[o + c] = Math.max(0, lower[o + c]! - moved[c]!);
    }
    for (let c = 0; c < k; c++) {
      let m = Infinity;
      for (let other = 0; other < k; other++) {
        if (other === c) continue;
        const half = Math.sqrt(squaredDistance(centers, c * d, centers, other * d, d)) / 2;
        halfGap[c * k + other] = half;
        if (half < m) m = half;
      }
      nearestHalf[c] = m;
    }

    // Assign: a centre is examined only when the bounds cannot rule it out.
    let changed = 0;
    for (let i = 0; i < n; i++) {
      let a = assignment[i]!;
      if (upper[i]! <= nearestHalf[a]!) continue;
      let exact = false;
      const o = i * k;
      for (let c = 0; c < k; c++) {
        if (c === a || upper[i]! <= lower[o + c]! || upper[i]! <= halfGap[a * k + c]!) continue;
        if (!exact) {
          upper[i] = distance(i, a);
          lower[o + a] = upper[i]!;
          exact = true;
          if (upper[i]! <= lower[o + c]! || upper[i]! <= halfGap[a * k + c]!) continue;
        }
        const dist = distance(i, c);
        lower[o + c] = dist;
        if (dist < upper[i]!) {
          a = c;
          upper[i] = dist;
        }
      }
      if (a !== assignment[i]) {
        assignment[i] = a;
        changed++;
      }
    }
    yield progress(Math.min(1, (iterations + 1) / maxIterations));
    if (changed === 0) {
      iterations++;
      break;
    }
  }

  // Final centres are the means of the final assignment; inertia is exact, not from bounds.
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(data, i * d, centers, assignment[i]! * d, d);
  yield progress(1);
  return { k, centers, assignment, inertia, iterations };
}

/** An empty cluster takes over the point farthest from its centre (deterministic, keeps k clusters). */
function reseedEmptyClusters(
  data: Float64Array,
  d: number,
  k: number,
  n: number,
  centers: Float64Array,
  counts: Int32Array,
  assignment: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): void {
  for (let c = 0; c < k; c++) {
    if (counts[c]! > 0) continue;
    let far = -1;
    let farDist = -1;
    for (let i = 0; i < n; i++) {
      if (counts[assignment[i]!]! <= 1) continue;
      const dist = squaredDistance(data, i * d, centers, assignment[i]! * d, d);
      if (dist > farDist) {
        farDist = dist;
        far = i;
      }
    }
    if (far < 0) return;
    counts[assignment[far]!]!--;
    counts[c] = 1;
    assignment[far] = c;
    centers.set(data.subarray(far * d, far * d + d), c * d);
    upper[far] = 0;
    lower.fill(0, far * k, far * k + k);
  }
}

export function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = a[ao + j]! - b[bo + j]!;
    s += diff * diff;
  }
  return s;
}
