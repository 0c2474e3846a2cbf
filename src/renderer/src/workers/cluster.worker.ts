/** The cluster worker: exposes ClusterWorkerApi (cluster-protocol.ts) with comlink. All work is in cluster-service.ts. */
import { expose } from 'comlink';
import { createClusterService } from './cluster-service';

expose(createClusterService());
