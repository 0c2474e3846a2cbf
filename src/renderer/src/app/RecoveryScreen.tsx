/**
 * Shown instead of the app when stored data cannot be opened (a damaged database, or data a newer Loupe wrote).
 * The damaged data is never deleted or overwritten from here: the user restores a backup file as a NEW
 * workspace, or opens another workspace, or tries again.
 */
import { useEffect, useState } from 'react';
import { decodeWorkspaceAsync } from '../../../core/workspace-file';
import { type DatabaseOpenError, isProblemOf, isRegistryProblem } from '../db/connections';
import { importSnapshot } from '../db/workspace-data';
import { getWorkspace, listWorkspaces, markOpened, type WorkspaceEntry } from '../db/workspaces';
import type { Platform } from '../platform';
import { userMessage } from './errors';

export interface RecoveryScreenProps {
  error: DatabaseOpenError;
  platform: Platform;
  /** Called after the user restored or chose a workspace (or asked to try again): the app checks storage again. */
  onRetry: () => void;
}

export function RecoveryScreen({ error, platform, onRetry }: RecoveryScreenProps): React.JSX.Element {
  // The registry itself is unusable: nothing can be stored beside it, so only the message and a retry remain.
  const registryBroken = isRegistryProblem(error);
  const [others, setOthers] = useState<WorkspaceEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (registryBroken) return;
    let live = true;
    listWorkspaces().then(
      (all) => live && setOthers(all.filter((w) => !isProblemOf(error, w.id))),
      () => live && setOthers([]),
    );
    return () => {
      live = false;
    };
  }, [error, registryBroken]);

  async function restore(): Promise<void> {
    setProblem(null);
    setBusy(true);
    try {
      const file = await platform.openFile();
      if (file === null) return;
      const snapshot = await decodeWorkspaceAsync(file.bytes);
      // A backup of the unreadable workspace itself goes in as a copy under a new id: the unreadable database
      // keeps its data (for a newer Loupe, or for support) and is never overwritten.
      const asCopy = (await getWorkspace(snapshot.meta.id)) !== undefined;
      const entry = await importSnapshot(snapshot, { asCopy, file: { name: file.name, path: file.path } });
      await markOpened(entry.id);
      onRetry();
    } catch (e) {
      setProblem(`The backup could not be restored. ${userMessage(e)}`);
    } finally {
      setBusy(false);
    }
  }

  async function openOther(entry: WorkspaceEntry): Promise<void> {
    setProblem(null);
    try {
      await markOpened(entry.id);
      onRetry();
    } catch (e) {
      setProblem(userMessage(e));
    }
  }

  return (
    <main className="welcome" aria-label="Recover your data">
      <div className="welcome-card" role="alertdialog" aria-labelledby="recovery-title" aria-describedby="recovery-message">
        <h1 id="recovery-title">Your workspace could not be opened</h1>
        <p id="recovery-message">{error.message}</p>
        <p className="muted">Nothing was deleted. {registryBroken ? '' : 'Restoring a backup adds it as a new workspace beside the one that did not open.'}</p>
        {problem === null ? null : (
          <p role="alert" className="welcome-error">
            {problem}
          </p>
        )}
        <div className="welcome-actions">
          {registryBroken ? null : (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void restore()}>
              Restore from a backup file…
            </button>
          )}
          <button type="button" className="btn" onClick={onRetry}>
            Try again
          </button>
        </div>
        {others.length === 0 ? null : (
          <nav aria-label="Other workspaces">
            <h2>Open another workspace</h2>
            <ul className="recovery-list">
              {others.map((w) => (
                <li key={w.id}>
                  <button type="button" className="btn" onClick={() => void openOther(w)}>
                    Open {w.name}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </main>
  );
}
