/** Platform over the preload's `window.loupe` (DesktopApi): native dialogs, atomic saves, the app menu. (Named desktop.ts: lint bans importing "electron" paths in the renderer.) */
import type { DesktopApi } from '../../../shared/api';
import { pickFiles } from './pick-files';
import { fetchSample, type Platform } from './types';

export function createElectronPlatform(api: DesktopApi): Platform {
  return {
    kind: 'electron',
    getInfo: () => api.getInfo(),
    openFile: () => api.openWorkspaceFile(),
    // A file input, not a native dialog over IPC: it hands the sandboxed renderer real File objects.
    pickImportFiles: () => pickFiles(document),
    saveFile: (request) => api.saveWorkspace(request),
    exportFile: (request) => api.exportFile(request),
    renderPdf: (html) => api.renderPdf({ html }),
    listRecent: async () => (await api.listRecent()).map((r) => ({ name: r.name, path: r.path, openedAt: r.openedAt })),
    openRecent: async (entry) => (entry.path === null ? api.openWorkspaceFile() : api.openRecent(entry.path)),
    onCommand: (listener) => api.onMenuCommand(listener),
    onOpenFile: (listener) => api.onOpenFile(listener),
    loadSample: fetchSample,
  };
}
