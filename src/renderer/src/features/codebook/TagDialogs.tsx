/**
 * The codebook's structural actions, each a dialog that shows what will happen before it runs (one undo
 * step each): move to another parent, merge with another tag (pick which survives), split some codings off
 * into a new tag, delete (saying how many codings go).
 */
import { useMemo, useState } from 'react';
import { ancestorIds, deleteTag, depthFirst, mergeTags, moveTag, splitTag, tagPath, type CodingState } from '../../../../core/coding';
import type { Tag, Unit } from '../../../../core/model';
import { ConfirmDialog, Dialog } from '../../app/Dialog';
import { formatCount } from '../../app/format';
import type { CodingOp } from '../coding/CodingProvider';

interface ActionProps {
  /** The last action's failure, shown inside the dialog (a modal hides everything behind it). */
  error: string | null;
  state: CodingState;
  tag: Tag;
  onRun: (op: CodingOp) => Promise<boolean>;
  onClose: () => void;
}

/** Tags as "Parent › Child" labels, in codebook order. */
function tagOptions(state: CodingState, exclude: (t: Tag) => boolean): { id: string; label: string }[] {
  return depthFirst(state.tags)
    .filter(({ tag }) => !exclude(tag))
    .map(({ tag }) => ({ id: tag.id, label: tagPath(state.tags, tag.id).replace(/(?<!\\)\//g, ' › ').replace(/\\(.)/g, '$1') }));
}

export function MoveDialog({ error, state, tag, onRun, onClose }: ActionProps): React.JSX.Element {
  const options = useMemo(() => tagOptions(state, (t) => t.id === tag.id || ancestorIds(state.tags, t.id).includes(tag.id)), [state, tag.id]);
  const [parent, setParent] = useState(tag.parentId ?? '');
  const submit = async (): Promise<void> => {
    if (await onRun((s) => moveTag(s, tag.id, { parentId: parent === '' ? null : parent }))) onClose();
  };
  return (
    <Dialog
      title={`Move “${tag.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()}>
            Move
          </button>
        </>
      }
    >
      <label className="field">
        <span>New parent</span>
        <select className="input" value={parent} onChange={(e) => setParent(e.target.value)} autoFocus>
          <option value="">Top level</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">Its sub-tags and codings move with it.</p>
      <ErrorLine error={error} />
    </Dialog>
  );
}

export interface MergeDialogProps extends ActionProps {
  /** After a merge: remember which tag went into which, so a later file merge moves codings of the old tag too. */
  onMerged: (fromId: string, intoId: string) => Promise<void>;
}

export function MergeDialog({ error, state, tag, onRun, onMerged, onClose }: MergeDialogProps): React.JSX.Element {
  const options = useMemo(() => tagOptions(state, (t) => t.id === tag.id), [state, tag.id]);
  const [other, setOther] = useState(options[0]?.id ?? '');
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const otherTag = state.tags.get(other);
  const survivor = keep === 'this' ? tag : otherTag;
  const gone = keep === 'this' ? otherTag : tag;
  const moving = gone === undefined ? 0 : [...state.taggings.values()].filter((t) => t.tagId === gone.id).length;
  const submit = async (): Promise<void> => {
    if (survivor === undefined || gone === undefined) return;
    if (!(await onRun((s) => mergeTags(s, [gone.id], survivor.id)))) return;
    await onMerged(gone.id, survivor.id);
    onClose();
  };
  return (
    <Dialog
      title={`Merge “${tag.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={otherTag === undefined}>
            Merge
          </button>
        </>
      }
    >
      <label className="field">
        <span>Merge with</span>
        <select className="input" value={other} onChange={(e) => setOther(e.target.value)} autoFocus>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field">
        <legend>Keep</legend>
        <label className="radio">
          <input type="radio" name="survivor" checked={keep === 'this'} onChange={() => setKeep('this')} /> {tag.name}
        </label>
        <label className="radio">
          <input type="radio" name="survivor" checked={keep === 'other'} onChange={() => setKeep('other')} /> {otherTag?.name ?? '—'}
        </label>
      </fieldset>
      {survivor === undefined || gone === undefined ? null : (
        <p>
          {formatCount(moving, 'coding')} of “{gone.name}” move to “{survivor.name}”; “{gone.name}” is removed. Nothing else is lost: its notes are added to “{survivor.name}”
          and its sub-tags move under it. You can undo this.
        </p>
      )}
      <ErrorLine error={error} />
    </Dialog>
  );
}

export function SplitDialog({ error, state, tag, onRun, onClose, units }: ActionProps & { units: ReadonlyMap<string, Unit> | undefined }): React.JSX.Element {
  const codings = useMemo(() => [...state.taggings.values()].filter((t) => t.tagId === tag.id), [state.taggings, tag.id]);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [placement, setPlacement] = useState<'sibling' | 'child'>('child');
  const quote = (unitId: string, highlightId: string | undefined): string => {
    const text = units?.get(unitId)?.text ?? unitId;
    const h = highlightId === undefined ? undefined : state.highlights.get(highlightId);
    return h === undefined ? text : Array.from(text).slice(h.start, h.end).join('');
  };
  const toggle = (id: string): void => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const submit = async (): Promise<void> => {
    if (await onRun((s) => splitTag(s, tag.id, [{ name, taggingIds: [...chosen] }], { placement }))) onClose();
  };
  return (
    <Dialog
      title={`Split “${tag.name}”`}
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void submit()} disabled={name.trim() === ''}>
            Split
          </button>
        </>
      }
    >
      <label className="field">
        <span>New tag name</span>
        <input className="input" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label className="radio">
        <input type="checkbox" checked={placement === 'child'} onChange={(e) => setPlacement(e.target.checked ? 'child' : 'sibling')} /> Put it inside “{tag.name}”
      </label>
      <p className="muted">Choose the codings that move to the new tag ({chosen.size} of {codings.length}).</p>
      <ul className="split-list" aria-label="Codings">
        {codings.slice(0, 500).map((t) => (
          <li key={t.id}>
            <label className="radio">
              <input type="checkbox" checked={chosen.has(t.id)} onChange={() => toggle(t.id)} />
              <span className="split-quote">{quote(t.unitId, t.highlightId)}</span>
              <span className="muted">{t.coder}</span>
            </label>
          </li>
        ))}
      </ul>
      <ErrorLine error={error} />
    </Dialog>
  );
}

export function DeleteDialog({ error, state, tag, onRun, onClose }: ActionProps): React.JSX.Element {
  const preview = useMemo(() => deleteTag(state, tag.id), [state, tag.id]);
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog
      title={`Delete “${tag.name}”?`}
      confirmLabel="Delete tag"
      danger
      busy={busy}
      onCancel={onClose}
      onConfirm={() => {
        setBusy(true);
        void onRun((s) => deleteTag(s, tag.id)).then((ok) => (ok ? onClose() : setBusy(false)));
      }}
    >
      <p>
        {preview.taggingsRemoved === 0 ? 'No codings use this tag.' : `${formatCount(preview.taggingsRemoved, 'coding')} will be removed.`}
        {preview.childrenMoved > 0 ? ` Its ${formatCount(preview.childrenMoved, 'sub-tag')} move up a level.` : ''}
        {preview.highlightsRemoved > 0 ? ` ${formatCount(preview.highlightsRemoved, 'highlight')} left without tags go too.` : ''}
      </p>
      <p className="muted">You can undo this (Edit › Undo).</p>
      <ErrorLine error={error} />
    </ConfirmDialog>
  );
}

function ErrorLine({ error }: { error: string | null }): React.JSX.Element | null {
  return error === null ? null : (
    <p role="alert" className="codebook-error">
      {error}
    </p>
  );
}
