/**
 * The workspace switcher: every workspace on this computer (recent first) with open, rename and delete,
 * creating a new one, opening a file, and the platform's recent files.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useWorkspaces } from '../db/hooks';
import { createWorkspace, deleteWorkspace, markOpened, renameWorkspace, type WorkspaceEntry } from '../db/workspaces';
import type { Platform, RecentEntry } from '../platform';
import { ConfirmDialog, Dialog } from './Dialog';
import { userMessage } from './errors';
import { formatBytes, formatCount, formatRelative } from './format';
import './switcher.css';

export interface WorkspaceSwitcherProps {
  platform: Platform;
  currentId: string | null;
  onClose: () => void;
  onOpenFile: () => void;
  onOpenRecent: (entry: RecentEntry) => void;
}

function totalRecords(w: WorkspaceEntry): number {
  return Object.values(w.counts).reduce((a, b) => a + b, 0);
}

export function WorkspaceSwitcher({ platform, currentId, onClose, onOpenFile, onOpenRecent }: WorkspaceSwitcherProps): React.JSX.Element {
  const workspaces = useWorkspaces();
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<WorkspaceEntry | null>(null);
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void platform.listRecent().then((r) => live && setRecent(r));
    return () => {
      live = false;
    };
  }, [platform]);

  const run = async (action: () => Promise<void>): Promise<boolean> => {
    try {
      setError(null);
      await action();
      return true;
    } catch (e) {
      setError(userMessage(e));
      return false;
    }
  };

  const onCreate = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await run(async () => void (await createWorkspace(newName)))) {
      setNewName('');
      onClose();
    }
  };

  const open = async (id: string): Promise<void> => {
    if (await run(() => markOpened(id))) onClose();
  };

  return (
    <Dialog
      title="Workspaces"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn footer-left" onClick={onOpenFile}>
            Open file…
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {error === null ? null : (
        <p role="alert" className="switcher-error">
          {error}
        </p>
      )}
      <ul className="ws-list" aria-label="Workspaces on this computer">
        {workspaces?.map((w) =>
          renaming === w.id ? (
            <RenameRow
              key={w.id}
              workspace={w}
              onCancel={() => setRenaming(null)}
              onRename={async (name) => {
                if (await run(() => renameWorkspace(w.id, name))) setRenaming(null);
              }}
            />
          ) : (
            <li key={w.id} className="ws-row" aria-current={w.id === currentId ? 'true' : undefined}>
              <button type="button" className="ws-open" onClick={() => void open(w.id)} aria-label={`Open ${w.name}`}>
                <span className="ws-row-name">{w.name}</span>
                <span className="ws-row-meta">
                  {formatCount(w.counts.sources, 'source')} · {formatCount(w.counts.units, 'unit')} · opened {formatRelative(w.lastOpenedAt)}
                  {w.dirty ? ' · unsaved changes' : ''}
                </span>
              </button>
              {w.id === currentId ? <span className="badge badge-accent">Open</span> : null}
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setRenaming(w.id)} aria-label={`Rename ${w.name}`}>
                Rename
              </button>
              <button type="button" className="btn btn-ghost btn-sm ws-delete" onClick={() => setDeleting(w)} aria-label={`Delete ${w.name}`}>
                Delete
              </button>
            </li>
          ),
        )}
      </ul>

      <form className="ws-create" onSubmit={(e) => void onCreate(e)}>
        <label htmlFor="ws-new-name" className="ws-label">
          New workspace
        </label>
        <div className="ws-create-row">
          <input
            id="ws-new-name"
            className="input"
            placeholder="e.g. Q3 onboarding study"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
          />
          <button type="submit" className="btn btn-primary">
            Create
          </button>
        </div>
      </form>

      {recent.length === 0 ? null : (
        <section aria-label="Recent files" className="ws-recent">
          <h3 className="ws-label">Recent files</h3>
          <ul>
            {recent.map((r) => (
              <li key={`${r.path ?? ''}${r.name}`}>
                <button type="button" className="btn btn-ghost btn-sm" onClick={() => onOpenRecent(r)} title={r.path ?? r.name}>
                  {r.name}
                </button>
                <span className="muted">{formatRelative(r.openedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {deleting === null ? null : (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete workspace"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const id = deleting.id;
            setDeleting(null);
            void run(() => deleteWorkspace(id));
          }}
        >
          <p>
            This removes “{deleting.name}” — {formatCount(totalRecords(deleting), 'record')}, about {formatBytes(deleting.approxBytes)} — from this
            computer. It can’t be undone.
          </p>
          <p className="muted">{deleting.fileName === undefined ? 'It was never saved to a file.' : `The file “${deleting.fileName}” is not affected.`}</p>
        </ConfirmDialog>
      )}
    </Dialog>
  );
}

function RenameRow({ workspace, onRename, onCancel }: { workspace: WorkspaceEntry; onRename: (name: string) => void; onCancel: () => void }): React.JSX.Element {
  const [name, setName] = useState(workspace.name);
  return (
    <li className="ws-row">
      <form
        className="ws-rename"
        onSubmit={(e) => {
          e.preventDefault();
          onRename(name);
        }}
      >
        <input
          className="input"
          aria-label={`New name for ${workspace.name}`}
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onCancel();
            }
          }}
        />
        <button type="submit" className="btn btn-primary btn-sm">
          Save name
        </button>
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          Cancel
        </button>
      </form>
    </li>
  );
}
