/** The unit-index worker: exposes SearchWorkerApi (search-protocol.ts) with comlink. All work is in search-service.ts. */
import { expose } from 'comlink';
import { createSearchService } from './search-service';

expose(createSearchService());
