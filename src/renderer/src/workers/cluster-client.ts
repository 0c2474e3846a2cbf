/**
 * Getting a ClusterWorkerApi: the real module worker (the app), or the same code in-process (jsdom tests,
 * which have no workers). Either way the caller passes a plain progress callback and calls dispose() when done.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import { createClusterService, type ClusterTuning } from './cluster-service';
import type { ClusterWorkerApi } from './cluster-protocol';

export interface ClusterClient extends ClusterWorkerApi {
  /** Ends the worker (a running job is abandoned; the worker stores nothing, so nothing is left behind). */
  dispose(): void;
}

/** Starts the cluster worker. Vite bundles it as a module worker served from 'self' (CSP worker-src 'self' blob:). */
export function createClusterWorker(): ClusterClient {
  const worker = new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module', name: 'loupe-cluster' });
  const remote = wrap<ClusterWorkerApi>(worker);
  return {
    run: (jobId, request, onProgress) => remote.run(jobId, request, proxy(onProgress)),
    cancel: (jobId) => remote.cancel(jobId),
    dispose() {
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}

/** The same code on the calling thread (tests; never the app's UI thread: it would block it). */
export function createInProcessCluster(tuning: Partial<ClusterTuning> = {}): ClusterClient {
  return { ...createClusterService(tuning), dispose: () => undefined };
}

/** Worker where there are workers, in-process elsewhere. */
export function createClusterClient(): ClusterClient {
  return typeof Worker === 'function' ? createClusterWorker() : createInProcessCluster();
}
