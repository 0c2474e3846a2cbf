/**
 * The little dense linear algebra the pipeline needs, on row-major Float64Arrays: products with a CSR matrix,
 * Gram matrices, a symmetric eigensolver (cyclic Jacobi, for the small l × l problems of randomized SVD) and
 * orthonormalization of tall matrices. Written for throughput in V8: flat arrays, no allocation in loops.
 */

import type { CsrMatrix } from './tfidf';
import type { Rng } from '../random';

/** Y = X · M, X sparse rows × cols, M dense cols × l. Returns rows × l. */
export function csrTimesDense(x: CsrMatrix, m: Float64Array, l: number): Float64Array {
  const y = new Float64Array(x.rows * l);
  for (let r = 0; r < x.rows; r++) {
    const yo = r * l;
    for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) {
      const v = x.data[p]!;
      const mo = x.indices[p]! * l;
      for (let c = 0; c < l; c++) y[yo + c] = y[yo + c]! + v * m[mo + c]!;
    }
  }
  return y;
}

/** Z = Xᵀ · Q, X sparse rows × cols, Q dense rows × l. Returns cols × l. */
export function csrTransposeTimesDense(x: CsrMatrix, q: Float64Array, l: number): Float64Array {
  const z = new Float64Array(x.cols * l);
  for (let r = 0; r < x.rows; r++) {
    const qo = r * l;
    for (let p = x.indptr[r]!; p < x.indptr[r + 1]!; p++) {
      const v = x.data[p]!;
      const zo = x.indices[p]! * l;
      for (let c = 0; c < l; c++) z[zo + c] = z[zo + c]! + v * q[qo + c]!;
    }
  }
  return z;
}

/**
 * Σ a[ao + j] · b[bo + j] for j < len. Four independent accumulators: V8 then keeps them in registers and
 * overlaps the multiplies, about twice the throughput of the one-accumulator loop. The summation order is
 * fixed, so results stay bit-for-bit reproducible.
 */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < len; j += 4) {
    s0 += a[ao + j]! * b[bo + j]!;
    s1 += a[ao + j + 1]! * b[bo + j + 1]!;
    s2 += a[ao + j + 2]! * b[bo + j + 2]!;
    s3 += a[ao + j + 3]! * b[bo + j + 3]!;
  }
  for (; j < len; j++) s0 += a[ao + j]! * b[bo + j]!;
  return s0 + s1 + (s2 + s3);
}

/** Row-major rows × cols → row-major cols × rows. */
export function transposeDense(a: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c]!;
  return t;
}

/** G = Aᵀ · A for A rows × l (row-major). Returns l × l, symmetric. Computed as dot products of columns. */
export function gram(a: Float64Array, rows: number, l: number): Float64Array {
  const t = transposeDense(a, rows, l);
  const g = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      const v = dot(t, i * rows, t, j * rows, rows);
      g[i * l + j] = v;
      g[j * l + i] = v;
    }
  }
  return g;
}

/** C = A · B, A rows × inner, B inner × cols (all row-major). Computed as dot products with Bᵀ's rows. */
export function denseTimesDense(a: Float64Array, rows: number, inner: number, b: Float64Array, cols: number): Float64Array {
  const bt = transposeDense(b, inner, cols);
  const c = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const ao = r * inner;
    const co = r * cols;
    for (let j = 0; j < cols; j++) c[co + j] = dot(a, ao, bt, j * inner, inner);
  }
  return c;
}

export interface Eigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** n × n row-major; column j is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (accurate, O(n³) per sweep). */
export function symmetricEigen(matrix: Float64Array, n: number): Eigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i]! * a[i]!;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! * a[p * n + q]!;
    if (off <= 1e-30 * total || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * n + p]!;
        const aqq = a[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]! || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = a[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}

/**
 * Orthonormal basis of the column space of A (rows × l) by SVQB (Stathopoulos & Wu 2002): eigen-decompose the
 * Gram matrix, rotate and scale. Directions with negligible energy are dropped, so the result may have fewer
 * columns. A second pass runs when A was ill-conditioned, restoring orthogonality to working precision.
 */
export function orthonormalize(a: Float64Array, rows: number, l: number): { q: Float64Array; cols: number } {
  let q = a;
  let cols = l;
  for (let pass = 0; pass < 2; pass++) {
    const { values, vectors } = symmetricEigen(gram(q, rows, cols), cols);
    const max = values[0] ?? 0;
    if (!(max > 0)) return { q: new Float64Array(0), cols: 0 };
    let keep = 0;
    while (keep < cols && values[keep]! > max * 1e-24) keep++;
    const scale = new Float64Array(cols * keep);
    for (let i = 0; i < cols; i++) {
      for (let j = 0; j < keep; j++) scale[i * keep + j] = vectors[i * cols + j]! / Math.sqrt(values[j]!);
    }
    q = denseTimesDense(q, rows, cols, scale, keep);
    const condition = Math.sqrt(max / values[keep - 1]!);
    cols = keep;
    // One pass leaves an orthogonality error of about ε·condition²; repeat only when that matters.
    if (condition < 1e4) break;
  }
  return { q, cols };
}

/** rows × cols of independent standard normal draws (Box–Muller), from the seeded stream. */
export function gaussianMatrix(rng: Rng, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i += 2) {
    const u = 1 - rng.next();
    const v = rng.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    out[i] = radius * Math.cos(2 * Math.PI * v);
    if (i + 1 < out.length) out[i + 1] = radius * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Scale each row of a rows × cols matrix to unit L2 norm in place; returns which rows were zero. */
export function normalizeRows(a: Float64Array, rows: number, cols: number): Uint8Array {
  const zero = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let s = 0;
    for (let c = 0; c < cols; c++) s += a[o + c]! * a[o + c]!;
    if (s <= 1e-24) {
      zero[r] = 1;
      a.fill(0, o, o + cols);
      continue;
    }
    const k = 1 / Math.sqrt(s);
    for (let c = 0; c < cols; c++) a[o + c] = a[o + c]! * k;
  }
  return zero;
}
