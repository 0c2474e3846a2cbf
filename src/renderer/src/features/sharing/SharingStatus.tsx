/** Status-bar items for sharing: the reading-mode switch (and badge), comments, and intercoder agreement. */
import { useState } from 'react';
import { formatCount } from '../../app/format';
import type { WorkspaceEntry } from '../../db/workspaces';
import { CommentsPanel } from '../comments/CommentsPanel';
import { AgreementDialog } from './SharingHost';
import { useViewerMode } from './viewer-mode';
import './sharing.css';

export function SharingStatus({ workspace }: { workspace: WorkspaceEntry }): React.JSX.Element {
  const { readingMode, setReadingMode } = useViewerMode(workspace.id);
  const [open, setOpen] = useState<'comments' | 'agreement' | null>(null);
  // Registries from before comments have no count for them.
  const comments: number = workspace.counts.comments ?? 0;
  return (
    <>
      <button type="button" className="status-button" onClick={() => setOpen('comments')}>
        {formatCount(comments, 'comment')}
      </button>
      <button type="button" className="status-button" onClick={() => setOpen('agreement')}>
        Agreement
      </button>
      <label className={readingMode ? 'reading-toggle reading-on' : 'reading-toggle'}>
        <input type="checkbox" role="switch" checked={readingMode} onChange={(e) => setReadingMode(e.target.checked)} />
        Reading mode
      </label>
      {open === 'comments' ? <CommentsPanel workspaceId={workspace.id} onClose={() => setOpen(null)} /> : null}
      {open === 'agreement' ? <AgreementDialog workspaceId={workspace.id} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
