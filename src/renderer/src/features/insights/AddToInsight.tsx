/**
 * "Add to insight…": attach a highlight or a response to an existing insight, or start a new one with it.
 * Exported for the transcript reader, the Responses grid and the themes board:
 *
 *   <AddToInsightButton workspaceId={id} evidence={[{ kind: 'highlight', refId: highlight.id }]} />
 */
import { useId, useMemo, useState } from 'react';
import type { EvidenceLink } from '../../../../core/model';
import { Dialog } from '../../app/Dialog';
import { useInsightRecords } from '../../db/hooks';
import { addInsightEvidence, createInsight } from '../../db/workspace-data';
import { useReadOnly } from '../sharing/viewer-mode';

const NEW = '__new__';

export interface AddToInsightProps {
  workspaceId: string;
  evidence: readonly EvidenceLink[];
  /** Called after the evidence was added, with the insight it went to. */
  onAdded?: (insightId: string) => void;
}

export function AddToInsightButton({ label = 'Add to insight…', className = 'btn btn-sm', ...props }: AddToInsightProps & { label?: string; className?: string }): React.JSX.Element | null {
  const [open, setOpen] = useState(false);
  const { readOnly } = useReadOnly();
  if (readOnly) return null;
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} disabled={props.evidence.length === 0}>
        {label}
      </button>
      {open ? <AddToInsightDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

export function AddToInsightDialog({ workspaceId, evidence, onAdded, onClose }: AddToInsightProps & { onClose: () => void }): React.JSX.Element {
  const insights = useInsightRecords(workspaceId);
  const [choice, setChoice] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pickerId = useId();
  const titleId = useId();
  const selected = choice ?? insights?.[0]?.id ?? NEW;
  const sorted = useMemo(() => [...(insights ?? [])].sort((a, b) => a.title.localeCompare(b.title)), [insights]);

  const add = async (): Promise<void> => {
    setBusy(true);
    try {
      let id = selected;
      if (selected === NEW) {
        if (title.trim() === '') throw new Error('Give the new insight a title.');
        id = (await createInsight(workspaceId, { title: title.trim(), statement: '', tagIds: [], evidence: [...evidence] })).id;
      } else {
        await addInsightEvidence(workspaceId, selected, evidence);
      }
      onAdded?.(id);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add to insight"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy || insights === undefined} onClick={() => void add()}>
            Add
          </button>
        </>
      }
    >
      <p className="muted">
        {evidence.length === 1 ? 'This quote' : `These ${evidence.length} quotes`} will back the insight; its counts update from them.
      </p>
      <div className="form-grid">
        <label htmlFor={pickerId}>Insight</label>
        <select id={pickerId} className="input" value={selected} onChange={(e) => setChoice(e.target.value)}>
          {sorted.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
          <option value={NEW}>New insight…</option>
        </select>
        {selected === NEW ? (
          <>
            <label htmlFor={titleId}>New insight title</label>
            <input id={titleId} className="input" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
          </>
        ) : null}
      </div>
      {error === null ? null : (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
