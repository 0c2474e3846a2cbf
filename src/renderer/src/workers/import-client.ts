/**
 * Getting an ImportWorkerApi: the real module worker (the app), or the same code in-process (jsdom tests,
 * which have no workers). Either way the caller passes a plain progress callback and calls dispose() when done.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import { createImportService, type ImportTuning } from './import-service';
import type { ImportWorkerApi, RolesWorkerApi } from './import-protocol';

export interface ImportClient extends ImportWorkerApi, RolesWorkerApi {
  /** Ends the worker (a running import is abandoned; its staged blocks are cleaned up on the next open). */
  dispose(): void;
}

/** Starts the import worker. Vite bundles it as a module worker served from 'self' (CSP worker-src 'self' blob:). */
export function createImportWorker(): ImportClient {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'loupe-import' });
  const remote = wrap<ImportWorkerApi & RolesWorkerApi>(worker);
  return {
    preview: (request) => remote.preview(request),
    run: (jobId, plan, onProgress) => remote.run(jobId, plan, proxy(onProgress)),
    cancel: (jobId) => remote.cancel(jobId),
    checkRoles: (request) => remote.checkRoles(request),
    changeRoles: (jobId, request, restore, onProgress) => remote.changeRoles(jobId, request, restore, proxy(onProgress)),
    dispose() {
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}

/** The same import code on the calling thread (tests; never the UI thread of the app: it would block it). */
export function createInProcessImport(tuning: Partial<ImportTuning> = {}): ImportClient {
  const service = createImportService(tuning);
  return { ...service, dispose: () => undefined };
}

/** Worker where there are workers, in-process elsewhere. */
export function createImportClient(): ImportClient {
  return typeof Worker === 'function' ? createImportWorker() : createInProcessImport();
}
