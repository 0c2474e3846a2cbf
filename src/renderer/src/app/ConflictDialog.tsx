/** Opening a file whose workspace is already on this computer: replace, keep both, or cancel. Never silent. */
import type { WorkspaceEntry } from '../db/workspaces';
import { Dialog } from './Dialog';
import { formatRelative } from './format';

export interface ConflictDialogProps {
  fileName: string;
  existing: WorkspaceEntry;
  onReplace: () => void;
  onCopy: () => void;
  onCancel: () => void;
}

export function ConflictDialog({ fileName, existing, onReplace, onCopy, onCancel }: ConflictDialogProps): React.JSX.Element {
  return (
    <Dialog
      title="This workspace is already on this computer"
      role="alertdialog"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn footer-left" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn" onClick={onCopy}>
            Open as a copy
          </button>
          <button type="button" className="btn btn-danger" onClick={onReplace}>
            Replace local copy
          </button>
        </>
      }
    >
      <p>
        “{fileName}” holds the workspace “{existing.name}”, which you already have here (last opened {formatRelative(existing.lastOpenedAt)}).
      </p>
      <p>
        {existing.dirty ? 'Your local copy has changes that were not saved to a file. ' : ''}
        Replace the local copy with the file, or open the file as a separate copy and keep both.
      </p>
    </Dialog>
  );
}
