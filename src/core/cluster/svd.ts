/**
 * Truncated SVD of a sparse matrix by randomized range finding (Halko, Martinsson & Tropp 2011, alg. 4.3/4.4),
 * seeded so the same input gives the same factors. This is the LSA step: TF-IDF rows (thousands of sparse
 * columns) become ~100 dense dimensions where co-occurring words share directions.
 *
 * Cost is dominated by orthonormalizing tall dense blocks (size × l², l = rank + oversampling), so the range is
 * found on whichever side of the matrix is shorter (documents or vocabulary).
 */

import { createRng } from '../random';
import { csrTimesDense, csrTransposeTimesDense, denseTimesDense, gaussianMatrix, gram, orthonormalize, symmetricEigen } from './linalg';
import type { Steps } from './steps';
import { transpose, type CsrMatrix } from './tfidf';

export interface SvdOptions {
  /** Number of singular triplets wanted. */
  rank: number;
  /** Extra random directions beyond `rank`; more = more accurate. Default 10. */
  oversample?: number;
  /** Power iterations; each sharpens the spectrum at the cost of two sparse products and one orthonormalization. Default 2. */
  powerIterations?: number;
  seed: number;
}

export interface TruncatedSvd {
  /** Rank actually found: ≤ requested, lower when the matrix has lower rank. */
  rank: number;
  /** Singular values, descending. */
  s: Float64Array;
  /** cols × rank, row-major, orthonormal columns: the right singular vectors. */
  v: Float64Array;
}

/** Synchronous form, for tests and small inputs. */
export function randomizedSvd(x: CsrMatrix, options: SvdOptions): TruncatedSvd {
  const steps = randomizedSvdSteps(x, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Stepped form: yields the fraction done after each product, so callers can report and cancel. */
export function* randomizedSvdSteps(x: CsrMatrix, options: SvdOptions): Steps<TruncatedSvd> {
  const empty: TruncatedSvd = { rank: 0, s: new Float64Array(0), v: new Float64Array(0) };
  const want = Math.max(0, Math.min(options.rank, x.rows, x.cols));
  if (want === 0) return empty;
  const width = Math.min(want + (options.oversample ?? 10), x.rows, x.cols);
  const iterations = options.powerIterations ?? 2;
  const total = iterations + 3;
  let step = 0;

  // Work on A with rows = the shorter side; A = X or Xᵀ.
  const flipped = x.rows > x.cols;
  const a = flipped ? transpose(x) : x;
  const rng = createRng(options.seed);
  let basis = orthonormalize(csrTimesDense(a, gaussianMatrix(rng, a.cols, width), width), a.rows, width);
  yield ++step / total;
  for (let i = 0; i < iterations && basis.cols > 0; i++) {
    // Q ← orth(A Aᵀ Q). No orthonormalization of Aᵀ Q in between: one step squares the spectrum's spread,
    // and the SVQB pass below repeats itself if that left the block ill-conditioned.
    const z = csrTransposeTimesDense(a, basis.q, basis.cols);
    basis = orthonormalize(csrTimesDense(a, z, basis.cols), a.rows, basis.cols);
    yield ++step / total;
  }
  const l = basis.cols;
  if (l === 0) return empty;

  // Rayleigh–Ritz: B = Qᵀ A (l × a.cols), held as Bᵀ = Aᵀ Q. B Bᵀ = W Λ Wᵀ; σ = √λ;
  // left vectors of A = Q W, right vectors of A = Bᵀ W / σ.
  const bt = csrTransposeTimesDense(a, basis.q, l);
  const { values, vectors } = symmetricEigen(gram(bt, a.cols, l), l);
  yield ++step / total;
  let rank = 0;
  while (rank < Math.min(want, l) && values[rank]! > values[0]! * 1e-24) rank++;
  const s = new Float64Array(rank);
  for (let j = 0; j < rank; j++) s[j] = Math.sqrt(values[j]!);
  const w = new Float64Array(l * rank);
  for (let c = 0; c < l; c++) for (let j = 0; j < rank; j++) w[c * rank + j] = vectors[c * l + j]!;
  let v: Float64Array;
  if (flipped) {
    v = denseTimesDense(basis.q, a.rows, l, w, rank); // right vectors of X = left vectors of A
  } else {
    v = denseTimesDense(bt, a.cols, l, w, rank);
    for (let r = 0; r < a.cols; r++) for (let j = 0; j < rank; j++) v[r * rank + j] = v[r * rank + j]! / s[j]!;
  }
  yield ++step / total;
  return { rank, s, v };
}

/** The LSA embedding X·V (= U·Σ): rows × rank, row-major. */
export function lsaEmbedding(x: CsrMatrix, svd: TruncatedSvd): Float64Array {
  return csrTimesDense(x, svd.v, svd.rank);
}

/** Left singular vectors U = X·V / σ: rows × rank. Not needed for LSA; for tests and reconstruction. */
export function leftSingularVectors(x: CsrMatrix, svd: TruncatedSvd): Float64Array {
  const u = lsaEmbedding(x, svd);
  for (let r = 0; r < x.rows; r++) for (let j = 0; j < svd.rank; j++) u[r * svd.rank + j] = u[r * svd.rank + j]! / svd.s[j]!;
  return u;
}
