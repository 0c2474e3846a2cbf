/**
 * Sampled silhouette (Rousseeuw 1987) with cosine distance, for choosing k. For n above the sample size the
 * score is computed on a seeded random sample of points against each other, as scikit-learn's
 * `silhouette_score(sample_size=…)` does; the pairwise distances are computed once and reused for every k.
 */

import type { Rng } from '../random';
import { dot } from './linalg';

export interface SilhouetteSample {
  /** Indices into the data, ascending. */
  indices: Int32Array;
  /** size × size cosine distances (1 − x·y on unit vectors). */
  distances: Float32Array;
}

/** Pick up to `maxSize` points at random (all of them when n ≤ maxSize) and their pairwise distances. */
export function silhouetteSample(data: Float64Array, n: number, d: number, maxSize: number, rng: Rng): SilhouetteSample {
  let indices: Int32Array;
  if (n <= maxSize) {
    indices = Int32Array.from({ length: n }, (_, i) => i);
  } else {
    const all = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < maxSize; i++) {
      const j = i + Math.floor(rng.next() * (n - i));
      const t = all[i]!;
      all[i] = all[j]!;
      all[j] = t;
    }
    indices = all.slice(0, maxSize).sort();
  }
  const size = indices.length;
  const distances = new Float32Array(size * size);
  for (let a = 0; a < size; a++) {
    const ao = indices[a]! * d;
    for (let b = a + 1; b < size; b++) {
      const bo = indices[b]! * d;
      const dist = Math.max(0, 1 - dot(data, ao, data, bo, d));
      distances[a * size + b] = dist;
      distances[b * size + a] = dist;
    }
  }
  return { indices, distances };
}

/**
 * Mean silhouette of the sampled points under `assignment` (cluster per data point, k clusters).
 * A point alone in its cluster (within the sample) scores 0, as in scikit-learn.
 */
export function silhouetteScore(sample: SilhouetteSample, assignment: Int32Array, k: number): number {
  const size = sample.indices.length;
  if (size < 2) return 0;
  const labels = new Int32Array(size);
  const members = new Int32Array(k);
  for (let a = 0; a < size; a++) {
    labels[a] = assignment[sample.indices[a]!]!;
    members[labels[a]!]!++;
  }
  let used = 0;
  for (let c = 0; c < k; c++) if (members[c]! > 0) used++;
  if (used < 2) return 0;
  const sums = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < size; a++) {
    sums.fill(0);
    const row = a * size;
    for (let b = 0; b < size; b++) sums[labels[b]!] = sums[labels[b]!]! + sample.distances[row + b]!;
    const own = labels[a]!;
    if (members[own]! <= 1) continue;
    const within = sums[own]! / (members[own]! - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || members[c] === 0) continue;
      const mean = sums[c]! / members[c]!;
      if (mean < nearest) nearest = mean;
    }
    const denom = Math.max(within, nearest);
    total += denom > 0 ? (nearest - within) / denom : 0;
  }
  return total / size;
}
