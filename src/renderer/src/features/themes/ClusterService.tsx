/**
 * Which ClusterWorkerApi the Themes section talks to. The app uses the real cluster worker, loaded and
 * started on first use; tests provide the in-process client (or a fake) through ClusterServiceProvider.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ClusterWorkerApi } from '../../workers/cluster-protocol';

let client: Promise<ClusterWorkerApi> | undefined;
function worker(): Promise<ClusterWorkerApi> {
  client ??= import('../../workers/cluster-client').then((m) => m.createClusterClient());
  return client;
}

/** The app's cluster worker, one for the whole window. */
const workerService: ClusterWorkerApi = {
  run: async (jobId, request, onProgress) => (await worker()).run(jobId, request, onProgress),
  cancel: async (jobId) => (await worker()).cancel(jobId),
};

const ClusterServiceContext = createContext<ClusterWorkerApi>(workerService);

export function ClusterServiceProvider({ service, children }: { service: ClusterWorkerApi; children: ReactNode }): React.JSX.Element {
  return <ClusterServiceContext.Provider value={service}>{children}</ClusterServiceContext.Provider>;
}

export function useClusterService(): ClusterWorkerApi {
  return useContext(ClusterServiceContext);
}
