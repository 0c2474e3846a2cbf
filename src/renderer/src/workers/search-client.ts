/**
 * Getting a SearchWorkerApi: the real module worker (the app), or the same code in-process (jsdom tests,
 * which have no workers). dispose() ends the worker and frees the index.
 */
import { proxy, releaseProxy, wrap } from 'comlink';
import { createSearchService } from './search-service';
import type { SearchWorkerApi } from './search-protocol';

export interface SearchClient extends SearchWorkerApi {
  dispose(): void;
}

export function createSearchWorker(): SearchClient {
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'loupe-search' });
  const remote = wrap<SearchWorkerApi>(worker);
  return {
    open: (workspaceId, onStatus) => remote.open(workspaceId, onStatus === undefined ? undefined : proxy(onStatus)),
    sync: () => remote.sync(),
    status: () => remote.status(),
    gridQuery: (q) => remote.gridQuery(q),
    gridRows: (id, from, to) => remote.gridRows(id, from, to),
    gridUnitIds: (id, ranges) => remote.gridUnitIds(id, ranges),
    gridPosition: (id, unitId) => remote.gridPosition(id, unitId),
    attributeColumns: (ids) => remote.attributeColumns(ids),
    tagMembership: (update) => remote.tagMembership(update),
    search: (q) => remote.search(q),
    dispose() {
      remote[releaseProxy]();
      worker.terminate();
    },
  };
}

/** The same code on the calling thread (tests only: at scale it would block the UI). */
export function createInProcessSearch(): SearchClient {
  return { ...createSearchService(), dispose: () => undefined };
}

export function createSearchClient(): SearchClient {
  return typeof Worker === 'function' ? createSearchWorker() : createInProcessSearch();
}
