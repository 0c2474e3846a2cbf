import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/random';
import { symmetricEigen } from '../../../src/core/cluster/linalg';
import { leftSingularVectors, randomizedSvd } from '../../../src/core/cluster/svd';
import type { CsrMatrix } from '../../../src/core/cluster/tfidf';

/** A sparse rows × cols matrix of exact rank 3: a sum of three outer products of sparse vectors. */
function lowRank(rows: number, cols: number, seed: number): { csr: CsrMatrix; dense: number[][] } {
  const rng = createRng(seed);
  const dense = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let t = 0; t < 3; t++) {
    const u = Array.from({ length: rows }, () => (rng.chance(0.5) ? rng.next() * 2 - 1 : 0));
    const v = Array.from({ length: cols }, () => (rng.chance(0.5) ? rng.next() * 2 - 1 : 0));
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) dense[r]![c]! += (t + 1) * u[r]! * v[c]!;
  }
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (const row of dense) {
    row.forEach((v, c) => {
      if (v !== 0) {
        indices.push(c);
        data.push(v);
      }
    });
    indptr.push(indices.length);
  }
  return { csr: { rows, cols, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data) }, dense };
}

function reconstructionError(csr: CsrMatrix, dense: number[][], seed: number, rank: number): { error: number; found: number } {
  const svd = randomizedSvd(csr, { rank, seed });
  const u = leftSingularVectors(csr, svd);
  let error = 0;
  for (let r = 0; r < csr.rows; r++) {
    for (let c = 0; c < csr.cols; c++) {
      let v = 0;
      for (let j = 0; j < svd.rank; j++) v += u[r * svd.rank + j]! * svd.s[j]! * svd.v[c * svd.rank + j]!;
      error = Math.max(error, Math.abs(v - dense[r]![c]!));
    }
  }
  return { error, found: svd.rank };
}

describe('randomized SVD', () => {
  it('reconstructs a rank-3 sparse matrix from 3 triplets (tall and wide shapes)', () => {
    for (const [rows, cols] of [
      [60, 25],
      [25, 60],
    ] as const) {
      const { csr, dense } = lowRank(rows, cols, 11);
      const { error, found } = reconstructionError(csr, dense, 1, 3);
      expect(found).toBe(3);
      expect(error).toBeLessThan(1e-9);
    }
  });

  it('reports the true rank when asked for more', () => {
    const { csr, dense } = lowRank(40, 30, 5);
    const { error, found } = reconstructionError(csr, dense, 2, 10);
    expect(found).toBe(3);
    expect(error).toBeLessThan(1e-9);
  });

  it('matches the exact singular values and returns orthonormal right vectors', () => {
    const { csr, dense } = lowRank(30, 20, 9);
    const ata = new Float64Array(20 * 20);
    for (let i = 0; i < 20; i++) for (let j = 0; j < 20; j++) for (let r = 0; r < 30; r++) ata[i * 20 + j]! += dense[r]![i]! * dense[r]![j]!;
    const exact = Array.from(symmetricEigen(ata, 20).values.slice(0, 3)).map(Math.sqrt);
    const svd = randomizedSvd(csr, { rank: 3, seed: 3 });
    Array.from(svd.s).forEach((s, j) => expect(s).toBeCloseTo(exact[j]!, 8));
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let dot = 0;
        for (let c = 0; c < 20; c++) dot += svd.v[c * 3 + a]! * svd.v[c * 3 + b]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 9);
      }
    }
  });

  it('is deterministic for a seed', () => {
    const { csr } = lowRank(50, 40, 4);
    expect(randomizedSvd(csr, { rank: 5, seed: 8 })).toEqual(randomizedSvd(csr, { rank: 5, seed: 8 }));
  });
});
