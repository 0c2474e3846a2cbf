/**
 * The cluster worker's implementation of ClusterWorkerApi (cluster-protocol.ts). It runs inside our module
 * worker (cluster.worker.ts) in the app and in-process in jsdom tests (cluster-client.ts): same code.
 * Reading (between batches) and clustering both check the job's cancel flag; the pipeline yields every ~40 ms,
 * so a cancel message gets through while it computes.
 */
import { ClusterAbortError, clusterTexts, isAbortError, type ClusterStage } from '../../../core/cluster';
import { collectScopeItems } from '../db/clusterings';
import type { ClusterRunProgress, ClusterRunStage, ClusterWorkerApi } from './cluster-protocol';

/** Fewer items than this cannot make themes (the pipeline keeps themes of 3 or more). */
export const MIN_ITEMS = 6;

/** Rough share of a run's time per stage, for one progress bar. */
const WEIGHTS: Record<ClusterRunStage, number> = { reading: 0.1, tokenize: 0.1, tfidf: 0.05, svd: 0.15, 'choose-k': 0.5, kmeans: 0.5, label: 0.1 };
const ORDER: ClusterRunStage[] = ['reading', 'tokenize', 'tfidf', 'svd', 'kmeans', 'label'];

function overall(stage: ClusterRunStage, fraction: number): number {
  const key = stage === 'choose-k' ? 'kmeans' : stage;
  let done = 0;
  for (const s of ORDER) {
    if (s === key) break;
    done += WEIGHTS[s];
  }
  const total = ORDER.reduce((n, s) => n + WEIGHTS[s], 0);
  return Math.min(1, (done + WEIGHTS[key] * fraction) / total);
}

export interface ClusterTuning {
  /** Minimum time between progress reports (ms). */
  progressMs: number;
}

export function createClusterService(tuning: Partial<ClusterTuning> = {}): ClusterWorkerApi {
  const progressMs = tuning.progressMs ?? 80;
  const jobs = new Map<string, { aborted: boolean }>();
  return {
    async run(jobId, request, onProgress) {
      const job = { aborted: false };
      jobs.set(jobId, job);
      let last = 0;
      let items = 0;
      const report = (stage: ClusterRunStage, fraction: number, force = false): void => {
        const now = Date.now();
        if (!force && now - last < progressMs) return;
        last = now;
        const p: ClusterRunProgress = { stage, fraction, overall: overall(stage, fraction), items };
        onProgress(p);
      };
      try {
        report('reading', 0, true);
        const texts = await collectScopeItems(request.workspaceId, request.scope, (n) => {
          // Called between batches: throwing here stops a long read (millions of units) promptly.
          if (job.aborted) throw new ClusterAbortError();
          items = n;
          report('reading', 0.5);
        });
        items = texts.length;
        if (job.aborted) return { status: 'cancelled' };
        if (texts.length < MIN_ITEMS) {
          return {
            status: 'too-few',
            items: texts.length,
            message: `There ${texts.length === 1 ? 'is 1 text' : `are ${texts.length} texts`} to cluster; themes need at least ${MIN_ITEMS}. Choose a larger set.`,
          };
        }
        report('reading', 1, true);
        const result = await clusterTexts(texts, request.options, {
          signal: job,
          onProgress: (stage: ClusterStage, fraction: number) => report(stage, fraction, fraction === 0),
        });
        if (job.aborted) return { status: 'cancelled' };
        return { status: 'done', result, items: texts.length };
      } catch (e) {
        if (isAbortError(e)) return { status: 'cancelled' };
        throw e;
      } finally {
        jobs.delete(jobId);
      }
    },
    async cancel(jobId) {
      const job = jobs.get(jobId);
      if (job !== undefined) job.aborted = true;
    },
  };
}
