/**
 * First launch: when this computer has no workspaces yet, store the bundled sample and open it, so a new user
 * sees real-looking work at once. Runs once per page even under StrictMode's double effects.
 */
import { decodeWorkspaceAsync } from '../../../core/workspace-file';
import { checkDatabases } from '../db/connections';
import { importSnapshot } from '../db/workspace-data';
import { currentWorkspace, getReadingMode, getSetting, listWorkspaces, setSetting, type WorkspaceEntry } from '../db/workspaces';
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
  const snapshot = await decodeWorkspaceAsync(await platform.loadSample());
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

/**
 * Asks the browser (and Electron's renderer) to keep IndexedDB under storage pressure instead of evicting it:
 * the workspace data may be the only copy. Resolves whether storage is persistent; never throws.
 */
export async function requestPersistentStorage(storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage): Promise<boolean> {
  if (storage === undefined || typeof storage.persist !== 'function') return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}

/** Opens the registry and the current workspace's database before anything renders from them (see RecoveryScreen). */
export async function checkStorage(): Promise<void> {
  await checkDatabases();
  const current = await currentWorkspace();
  if (current !== undefined) {
    await checkDatabases(current.id);
    // Reading mode guards writes from the first keystroke, before any view asked for it.
    await getReadingMode(current.id);
  }
}
