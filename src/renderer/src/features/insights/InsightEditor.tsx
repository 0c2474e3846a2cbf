/** Create or edit an insight's words and tags. Counts are never typed: they come from the evidence. */
import { useId, useState } from 'react';
import type { Tag } from '../../../../core/model';
import { Dialog } from '../../app/Dialog';

export interface InsightDraft {
  title: string;
  statement: string;
  tagIds: string[];
}

export interface InsightEditorProps {
  heading: string;
  initial: InsightDraft;
  tags: readonly Tag[];
  saveLabel: string;
  onSave: (draft: InsightDraft) => Promise<void>;
  onClose: () => void;
}

export function InsightEditor({ heading, initial, tags, saveLabel, onSave, onClose }: InsightEditorProps): React.JSX.Element {
  const [title, setTitle] = useState(initial.title);
  const [statement, setStatement] = useState(initial.statement);
  const [tagIds, setTagIds] = useState<string[]>(initial.tagIds);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const statementId = useId();

  const save = async (): Promise<void> => {
    if (title.trim() === '') {
      setError('Give the insight a title: one sentence a reader can repeat.');
      return;
    }
    setBusy(true);
    try {
      await onSave({ title: title.trim(), statement: statement.trim(), tagIds });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={heading}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void save()}>
            {saveLabel}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor={titleId}>Title</label>
        <input id={titleId} className="input" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus maxLength={300} />
        <label htmlFor={statementId}>Statement</label>
        <textarea id={statementId} className="input textarea" rows={4} value={statement} onChange={(e) => setStatement(e.target.value)} />
        <span id={`${titleId}-tags`}>Tags</span>
        <div className="tag-picker" role="group" aria-labelledby={`${titleId}-tags`}>
          {tags.length === 0 ? <span className="muted">No tags in the codebook yet.</span> : null}
          {tags.map((t) => (
            <label key={t.id} className="tag-option">
              <input
                type="checkbox"
                checked={tagIds.includes(t.id)}
                onChange={(e) => setTagIds((ids) => (e.target.checked ? [...ids, t.id] : ids.filter((id) => id !== t.id)))}
              />
              <span className="dot" style={{ background: t.color }} aria-hidden="true" />
              {t.name}
            </label>
          ))}
        </div>
      </div>
      {error === null ? null : (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
