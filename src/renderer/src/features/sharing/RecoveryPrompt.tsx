/**
 * Shown on start when the current workspace has changes its file does not have: save them now, keep working
 * (they stay safe in this computer's storage), or discard them and reload the version in the file.
 */
import { useState } from 'react';
import { Dialog } from '../../app/Dialog';
import { userMessage } from '../../app/errors';
import { reloadFromFile } from '../../db/lineage';
import type { WorkspaceEntry } from '../../db/workspaces';

function clock(iso: string | undefined): string {
  if (iso === undefined) return 'the last save';
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString()} ${time}`;
}

export interface RecoveryPromptProps {
  workspace: WorkspaceEntry;
  onSave: () => void;
  onClose: () => void;
}

export function RecoveryPrompt({ workspace, onSave, onClose }: RecoveryPromptProps): React.JSX.Element {
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const discard = (): void => {
    reloadFromFile(workspace.id).then(
      (ok) => (ok ? onClose() : setError(`The version in “${workspace.fileName ?? 'the file'}” is not stored on this computer. Open the file with File › Open… and choose Merge or Open as a copy instead.`)),
      (e: unknown) => setError(userMessage(e)),
    );
  };
  return (
    <Dialog
      title={`${workspace.name} has unsaved changes since ${clock(workspace.savedAt)}`}
      role="alertdialog"
      onClose={onClose}
      footer={
        confirmDiscard ? (
          <>
            <button type="button" className="btn footer-left" onClick={() => setConfirmDiscard(false)} autoFocus>
              Back
            </button>
            <button type="button" className="btn btn-danger" onClick={discard}>
              Discard changes
            </button>
          </>
        ) : (
          <>
            <button type="button" className="btn footer-left" onClick={() => setConfirmDiscard(true)}>
              Discard changes…
            </button>
            <button type="button" className="btn" onClick={onClose}>
              Keep working
            </button>
            <button
              type="button"
              className="btn btn-primary"
              autoFocus
              onClick={() => {
                onClose();
                onSave();
              }}
            >
              Save now…
            </button>
          </>
        )
      }
    >
      {confirmDiscard ? (
        <p>Discard every change made since {clock(workspace.savedAt)} and reload the workspace from “{workspace.fileName}”? This cannot be undone.</p>
      ) : (
        <p>
          Your changes are safe on this computer, but “{workspace.fileName}” does not have them yet. Save now to write them to the file, or keep working and save later.
        </p>
      )}
      {error === null ? null : (
        <p role="alert" className="merge-warning">
          {error}
        </p>
      )}
    </Dialog>
  );
}
