/**
 * Native Open/Save dialogs. Every path returned here was chosen by the user, which is what lets main
 * grant the renderer access to it.
 */
import { extname } from 'node:path';
import { type BrowserWindow, dialog, type FileFilter } from 'electron';

export const WORKSPACE_EXTENSION = 'loupe';
const WORKSPACE_FILTER: FileFilter = { name: 'Loupe workspace', extensions: [WORKSPACE_EXTENSION] };

/** Some Linux file choosers do not append the filter's extension; do it so the file reopens by type. */
export function withExtension(path: string, extensions: readonly string[]): string {
  const current = extname(path).slice(1).toLowerCase();
  const first = extensions[0];
  if (first === undefined || extensions.some((ext) => ext.toLowerCase() === current)) return path;
  return `${path}.${first}`;
}

export async function showOpenWorkspaceDialog(parent: BrowserWindow | null): Promise<string | null> {
  const options: Electron.OpenDialogOptions = {
    title: 'Open workspace',
    filters: [WORKSPACE_FILTER],
    properties: ['openFile'],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

async function showSave(parent: BrowserWindow | null, options: Electron.SaveDialogOptions): Promise<string | null> {
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

export async function showSaveWorkspaceDialog(
  parent: BrowserWindow | null,
  suggestedName: string,
): Promise<string | null> {
  const path = await showSave(parent, {
    title: 'Save workspace',
    defaultPath: withExtension(suggestedName, [WORKSPACE_EXTENSION]),
    filters: [WORKSPACE_FILTER],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  return path === null ? null : withExtension(path, [WORKSPACE_EXTENSION]);
}

export async function showExportDialog(
  parent: BrowserWindow | null,
  suggestedName: string,
  filter: { name: string; extensions: string[] },
): Promise<string | null> {
  const path = await showSave(parent, {
    title: 'Export',
    defaultPath: withExtension(suggestedName, filter.extensions),
    filters: [filter],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  return path === null ? null : withExtension(path, filter.extensions);
}
