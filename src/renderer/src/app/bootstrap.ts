/**
 * First launch: when this computer has no workspaces yet, store the bundled sample and open it, so a new user
 * sees real-looking work at once. Runs once per page even under StrictMode's double effects.
 */
import { decodeWorkspace } from '../../../core/workspace-file';
import { importSnapshot } from '../db/workspace-data';
import { currentWorkspace, getSetting, listWorkspaces, setSetting, type WorkspaceEntry } from '../db/workspaces';
import type { Platform } from '../platform';

/** Persisted setting key: changing it would load the sample again for existing users. */
const SAMPLE_LOADED = 'sampleLoadedAt';

let pending: Promise<void> | undefined;

export function ensureFirstLaunch(platform: Platform): Promise<void> {
  pending ??= firstLaunch(platform).finally(() => {
    pending = undefined;
  });
  return pending;
}

async function firstLaunch(platform: Platform): Promise<void> {
  if ((await listWorkspaces()).length > 0) return;
  // A user who deleted every workspace chose an empty list: do not bring the sample back uninvited.
  if ((await getSetting(SAMPLE_LOADED)) !== undefined) return;
  await loadSample(platform);
}

export async function loadSample(platform: Platform): Promise<void> {
  const snapshot = decodeWorkspace(await platform.loadSample());
  // Not dirty: nothing the user did needs saving yet.
  await importSnapshot(snapshot, { asCopy: (await listWorkspaces()).some((w) => w.id === snapshot.meta.id), dirty: false });
  await setSetting(SAMPLE_LOADED, new Date().toISOString());
}

/**
 * On start: the workspace to offer recovery for — the current one, when it has changes that its file does not
 * (IndexedDB kept them; the file is only written on Save). Workspaces never saved to a file are not offered.
 */
export async function recoveryCandidate(): Promise<WorkspaceEntry | undefined> {
  const current = await currentWorkspace();
  return current !== undefined && current.dirty && current.fileName !== undefined ? current : undefined;
}
