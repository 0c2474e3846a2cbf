/**
 * Progress, cancellation and yielding for long computations that must run unchanged in a Web Worker, the
 * renderer, node and the CLI. Algorithms are generators that `yield` a fraction done between iterations; a
 * driver reports progress, checks the abort flag and, in the async driver, gives the event loop a turn now and
 * then, so a worker's `onmessage` can flip `aborted` while the computation runs.
 */

export type ClusterStage = 'tokenize' | 'tfidf' | 'svd' | 'choose-k' | 'kmeans' | 'label';

/** Structurally compatible with DOM's AbortSignal; a plain `{ aborted: false }` object works too. */
export interface AbortFlag {
  readonly aborted: boolean;
}

export interface ClusterHooks {
  /** fraction in [0, 1] within the stage; stages arrive in pipeline order. */
  onProgress?: (stage: ClusterStage, fraction: number) => void;
  signal?: AbortFlag;
}

/** Thrown when the signal is aborted. `name` is 'AbortError', like DOMException's, so callers can test for it. */
export class ClusterAbortError extends Error {
  override name = 'AbortError';
  constructor() {
    super('Clustering was cancelled.');
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** A computation that yields its fraction done (0..1) between iterations and returns T. */
export type Steps<T> = Generator<number, T, void>;

export interface ProgressPoint {
  stage: ClusterStage;
  fraction: number;
}

/** A multi-stage computation: yields progress points, returns T. */
export type StagedSteps<T> = Generator<ProgressPoint, T, void>;

/** Tag a computation's fractions with its stage (use with `yield*`); ends with fraction 1. */
export function* staged<T>(stage: ClusterStage, steps: Steps<T>): StagedSteps<T> {
  yield { stage, fraction: 0 };
  for (;;) {
    const next = steps.next();
    if (next.done) {
      yield { stage, fraction: 1 };
      return next.value;
    }
    yield { stage, fraction: next.value };
  }
}

/** How long the async driver computes before letting the event loop run (ms). */
const SLICE_MS = 40;

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Run to completion, reporting progress and checking the flag at every step; every ~40 ms it awaits a
 * macrotask so progress can paint and a worker's cancel message can set `aborted`.
 */
export async function driveAsync<T>(steps: StagedSteps<T>, hooks: ClusterHooks | undefined): Promise<T> {
  let sliceStart = Date.now();
  for (;;) {
    if (hooks?.signal?.aborted) throw new ClusterAbortError();
    const next = steps.next();
    if (next.done) return next.value;
    hooks?.onProgress?.(next.value.stage, next.value.fraction);
    if (Date.now() - sliceStart >= SLICE_MS) {
      await macrotask();
      sliceStart = Date.now();
    }
  }
}

/** Synchronous driver (CLI, benchmarks): same progress and cancellation checks, never yields the thread. */
export function driveSync<T>(steps: StagedSteps<T>, hooks: ClusterHooks | undefined): T {
  for (;;) {
    if (hooks?.signal?.aborted) throw new ClusterAbortError();
    const next = steps.next();
    if (next.done) return next.value;
    hooks?.onProgress?.(next.value.stage, next.value.fraction);
  }
}
