/** The import worker: exposes ImportWorkerApi (import-protocol.ts) with comlink. All work is in import-service.ts. */
import { expose } from 'comlink';
import { createImportService } from './import-service';

expose(createImportService());
