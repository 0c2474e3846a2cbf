/**
 * The contract between the Themes section and the cluster worker (comlink). The worker reads the scope's
 * items from IndexedDB and runs the core pipeline off the UI thread; the section stores the result. Both sides
 * import these types; neither imports the other's implementation.
 */
import type { ClusterOptions, ClusterResult, ClusterStage } from '../../../core/cluster';
import type { ClusterScope } from '../db/clusterings';

export interface ClusterRequest {
  workspaceId: string;
  scope: ClusterScope;
  options: ClusterOptions;
}

/** 'reading': items coming out of IndexedDB; the rest are the pipeline's stages. */
export type ClusterRunStage = 'reading' | ClusterStage;

export interface ClusterRunProgress {
  stage: ClusterRunStage;
  /** Within the stage, 0..1. */
  fraction: number;
  /** The whole run, 0..1 (stages weighted by their usual share of the time). */
  overall: number;
  /** Items read so far (final once the pipeline starts). */
  items: number;
}

export type ClusterRunOutcome =
  | { status: 'done'; result: ClusterResult; items: number }
  | { status: 'cancelled' }
  /** Too little to cluster: the message says what to do. */
  | { status: 'too-few'; items: number; message: string };

export interface ClusterWorkerApi {
  /** One run; `onProgress` is a comlink proxy in the app. A failure rejects with an Error. */
  run(jobId: string, request: ClusterRequest, onProgress: (p: ClusterRunProgress) => void): Promise<ClusterRunOutcome>;
  /** Stops a running job: it resolves with status 'cancelled' (nothing is stored by the worker). */
  cancel(jobId: string): Promise<void>;
}
