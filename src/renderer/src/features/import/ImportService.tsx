/**
 * Which ImportWorkerApi the import UI talks to. The app uses the real import worker, loaded and started on
 * first use (a session that never imports pays for neither the code nor the thread); tests provide a fake,
 * or the in-process client, through ImportServiceProvider.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { ImportWorkerApi, RolesWorkerApi } from '../../workers/import-protocol';

let client: Promise<ImportWorkerApi & RolesWorkerApi> | undefined;
function worker(): Promise<ImportWorkerApi & RolesWorkerApi> {
  client ??= import('../../workers/import-client').then((m) => m.createImportClient());
  return client;
}

/** The app's import worker, one for the whole window. */
const workerService: ImportWorkerApi = {
  preview: async (request) => (await worker()).preview(request),
  run: async (jobId, plan, onProgress) => (await worker()).run(jobId, plan, onProgress),
  cancel: async (jobId) => (await worker()).cancel(jobId),
};

const ImportServiceContext = createContext<ImportWorkerApi>(workerService);

export function ImportServiceProvider({ service, children }: { service: ImportWorkerApi; children: ReactNode }): React.JSX.Element {
  return <ImportServiceContext.Provider value={service}>{children}</ImportServiceContext.Provider>;
}

export function useImportService(): ImportWorkerApi {
  return useContext(ImportServiceContext);
}

/** Changing survey roles after import runs in the same worker. */
const workerRoles: RolesWorkerApi = {
  checkRoles: async (request) => (await worker()).checkRoles(request),
  changeRoles: async (jobId, request, restore, onProgress) => (await worker()).changeRoles(jobId, request, restore, onProgress),
  cancel: async (jobId) => (await worker()).cancel(jobId),
};

const RolesServiceContext = createContext<RolesWorkerApi>(workerRoles);

export function RolesServiceProvider({ service, children }: { service: RolesWorkerApi; children: ReactNode }): React.JSX.Element {
  return <RolesServiceContext.Provider value={service}>{children}</RolesServiceContext.Provider>;
}

export function useRolesService(): RolesWorkerApi {
  return useContext(RolesServiceContext);
}
