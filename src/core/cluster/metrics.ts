/**
 * Scoring a clustering against known labels (benchmarks, tests): normalized mutual information and clustering
 * accuracy, where accuracy maps clusters to labels one-to-one by the Hungarian algorithm.
 */

/** Dense contingency table: rows = predicted clusters, cols = true labels (both remapped to 0..). */
export function contingency(predicted: readonly (string | number)[], truth: readonly (string | number)[]): number[][] {
  if (predicted.length !== truth.length) throw new Error('contingency: label arrays differ in length');
  const rowOf = new Map<string | number, number>();
  const colOf = new Map<string | number, number>();
  for (const p of predicted) if (!rowOf.has(p)) rowOf.set(p, rowOf.size);
  for (const t of truth) if (!colOf.has(t)) colOf.set(t, colOf.size);
  const table = Array.from({ length: rowOf.size }, () => new Array<number>(colOf.size).fill(0));
  for (let i = 0; i < predicted.length; i++) table[rowOf.get(predicted[i]!)!]![colOf.get(truth[i]!)!]!++;
  return table;
}

function entropy(counts: readonly number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** NMI with arithmetic-mean normalization, MI / ((H(P) + H(T)) / 2): scikit-learn's default. */
export function normalizedMutualInformation(predicted: readonly (string | number)[], truth: readonly (string | number)[]): number {
  const n = predicted.length;
  if (n === 0) return 1;
  const table = contingency(predicted, truth);
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = table[0]!.map((_, j) => table.reduce((a, r) => a + r[j]!, 0));
  const hp = entropy(rows, n);
  const ht = entropy(cols, n);
  if (hp === 0 && ht === 0) return 1;
  let mi = 0;
  table.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c > 0) mi += (c / n) * Math.log((c * n) / (rows[i]! * cols[j]!));
    }),
  );
  const denom = (hp + ht) / 2;
  return denom > 0 ? Math.max(0, mi / denom) : 0;
}

/** Best one-to-one cluster→label mapping's share of correctly placed items. */
export function clusteringAccuracy(predicted: readonly (string | number)[], truth: readonly (string | number)[]): number {
  if (predicted.length === 0) return 1;
  const table = contingency(predicted, truth);
  const size = Math.max(table.length, table[0]!.length);
  const cost = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => -(table[i]?.[j] ?? 0)));
  const match = hungarian(cost);
  let hits = 0;
  match.forEach((j, i) => (hits += table[i]?.[j] ?? 0));
  return hits / predicted.length;
}

/**
 * Minimum-cost perfect matching on a square cost matrix (Kuhn–Munkres with potentials, O(n³)).
 * Returns, for each row, the column it is matched to.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  // 1-based arrays as in the classic formulation; index 0 is the virtual start column.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const rowOfCol = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    rowOfCol[0] = i;
    let col0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[col0] = 1;
      const i0 = rowOfCol[col0]!;
      let delta = Infinity;
      let col1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = col0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          col1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOfCol[j]!] = u[rowOfCol[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else {
          minv[j] = minv[j]! - delta;
        }
      }
      col0 = col1;
    } while (rowOfCol[col0] !== 0);
    do {
      const col1 = way[col0]!;
      rowOfCol[col0] = rowOfCol[col1]!;
      col0 = col1;
    } while (col0 !== 0);
  }
  const result = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) if (rowOfCol[j]! > 0) result[rowOfCol[j]! - 1] = j - 1;
  return result;
}
