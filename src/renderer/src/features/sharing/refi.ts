/** REFI-QDA exchange in the app: a .qdpx project in as a new workspace; the workspace out as .qdpx or .qdc. */
import { exportQdc, exportQdpx, importQdpx, RefiError, type LossReport } from '../../../../core/refi';
import { exportSnapshot, importSnapshot } from '../../db/workspace-data';
import type { WorkspaceEntry } from '../../db/workspaces';
import { pickFiles } from '../../platform/pick-files';

export { RefiError };

/** Asks for a .qdpx file; null when cancelled. */
export async function pickQdpx(doc: Document): Promise<File | null> {
  const files = await pickFiles(doc, '.qdpx');
  return files[0] ?? null;
}

export async function importQdpxFile(file: File): Promise<{ entry: WorkspaceEntry; loss: LossReport }> {
  const { snapshot, loss } = importQdpx(new Uint8Array(await file.arrayBuffer()));
  const entry = await importSnapshot(snapshot, { dirty: true });
  return { entry, loss };
}

export async function prepareQdpxExport(workspaceId: string): Promise<{ bytes: Uint8Array; loss: LossReport }> {
  return exportQdpx(await exportSnapshot(workspaceId), { origin: 'Loupe' });
}

export async function prepareQdcExport(workspaceId: string): Promise<{ bytes: Uint8Array; tags: number; codings: number }> {
  const snapshot = await exportSnapshot(workspaceId);
  return { bytes: new TextEncoder().encode(exportQdc(snapshot)), tags: snapshot.tables.tags.length, codings: snapshot.tables.taggings.length };
}
