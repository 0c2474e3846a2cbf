/**
 * The selected tag's details: name, color, description, when to use / when not to use (each saved on
 * Enter or when the field loses focus, one undo step each), its counts, and the structural actions.
 */
import { useEffect, useState } from 'react';
import { normalizeColor, renameTag, updateTag, type TagCounts, type TagFields } from '../../../../core/coding';
import type { Tag } from '../../../../core/model';
import { formatNumber } from '../../app/format';
import type { CodingOp } from '../coding/CodingProvider';

export type TagAction = 'sub-tag' | 'move' | 'merge' | 'split' | 'delete';

export interface TagEditorProps {
  tag: Tag;
  counts: TagCounts | undefined;
  hasChildren: boolean;
  onRun: (op: CodingOp) => Promise<boolean>;
  onAction: (action: TagAction) => void;
  /** Reading mode: fields are read-only (with the reason as their tooltip) and the actions are hidden. */
  readOnlyReason?: string | undefined;
}

const NOTES: { key: keyof TagFields & ('description' | 'whenToUse' | 'whenNotToUse'); label: string; hint: string }[] = [
  { key: 'description', label: 'Description', hint: 'What this tag means.' },
  { key: 'whenToUse', label: 'When to use', hint: 'Passages that belong here.' },
  { key: 'whenNotToUse', label: 'When not to use', hint: 'Near misses, and where they go instead.' },
];

export function TagEditor({ tag, counts, hasChildren, onRun, onAction, readOnlyReason }: TagEditorProps): React.JSX.Element {
  const readOnly = readOnlyReason !== undefined;
  const [name, setName] = useState(tag.name);
  const [color, setColor] = useState(tag.color);
  const [notes, setNotes] = useState({ description: tag.description ?? '', whenToUse: tag.whenToUse ?? '', whenNotToUse: tag.whenNotToUse ?? '' });

  // Follow the stored tag (another tag selected, undo, rename elsewhere).
  useEffect(() => setName(tag.name), [tag.name, tag.id]);
  useEffect(() => setColor(tag.color), [tag.color, tag.id]);
  useEffect(
    () => setNotes({ description: tag.description ?? '', whenToUse: tag.whenToUse ?? '', whenNotToUse: tag.whenNotToUse ?? '' }),
    [tag.description, tag.whenToUse, tag.whenNotToUse, tag.id],
  );

  const saveName = async (): Promise<void> => {
    if (name.trim() === tag.name) return;
    if (!(await onRun((s) => renameTag(s, tag.id, name)))) setName(tag.name);
  };
  const saveColor = async (value: string): Promise<void> => {
    setColor(value);
    const c = normalizeColor(value);
    if (c !== undefined && c !== tag.color) await onRun((s) => updateTag(s, tag.id, { color: c }));
  };
  const saveNote = async (key: (typeof NOTES)[number]['key']): Promise<void> => {
    if (notes[key] === (tag[key] ?? '')) return;
    await onRun((s) => updateTag(s, tag.id, { [key]: notes[key] }));
  };

  const figures = counts?.direct;
  const rollup = hasChildren ? counts?.rollup : undefined;

  return (
    <section className="tag-editor" aria-label={`Tag ${tag.name}`}>
      <div className="tag-editor-head">
        <input
          type="color"
          className="color-input"
          aria-label="Color"
          disabled={readOnly}
          title={readOnlyReason}
          value={color}
          onChange={(e) => setColor(e.target.value)}
          onBlur={(e) => void saveColor(e.target.value)}
        />
        <input
          className="input tag-name-input"
          aria-label="Name"
          readOnly={readOnly}
          title={readOnlyReason}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => void saveName()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void saveName();
            } else if (e.key === 'Escape') setName(tag.name);
          }}
        />
      </div>

      <dl className="tag-figures" aria-label="Counts">
        <div>
          <dt>Units</dt>
          <dd className="num">{figures === undefined ? '…' : formatNumber(figures.units)}</dd>
        </div>
        <div>
          <dt>Participants</dt>
          <dd className="num">{figures === undefined ? '…' : formatNumber(figures.participants)}</dd>
        </div>
        <div>
          <dt>Sources</dt>
          <dd className="num">{figures === undefined ? '…' : formatNumber(figures.sources)}</dd>
        </div>
        <div>
          <dt>Codings</dt>
          <dd className="num">{figures === undefined ? '…' : formatNumber(figures.taggings)}</dd>
        </div>
      </dl>
      {rollup === undefined ? null : (
        <p className="muted tag-rollup">
          With sub-tags: {formatNumber(rollup.units)} units, {formatNumber(rollup.participants)} participants, {formatNumber(rollup.sources)} sources.
        </p>
      )}

      {NOTES.map((n) => (
        <label key={n.key} className="field">
          <span>{n.label}</span>
          <textarea
            className="input note-input"
            rows={n.key === 'description' ? 3 : 2}
            placeholder={readOnly ? '' : n.hint}
            readOnly={readOnly}
            title={readOnlyReason}
            value={notes[n.key]}
            onChange={(e) => setNotes({ ...notes, [n.key]: e.target.value })}
            onBlur={() => void saveNote(n.key)}
          />
        </label>
      ))}

      {readOnly ? null : (
        <div className="tag-actions" role="group" aria-label="Tag actions">
          <button type="button" className="btn btn-sm" onClick={() => onAction('sub-tag')}>
            New sub-tag
          </button>
          <button type="button" className="btn btn-sm" onClick={() => onAction('move')}>
            Move to…
          </button>
          <button type="button" className="btn btn-sm" onClick={() => onAction('merge')}>
            Merge…
          </button>
          <button type="button" className="btn btn-sm" onClick={() => onAction('split')}>
            Split…
          </button>
          <button type="button" className="btn btn-sm btn-danger-outline" onClick={() => onAction('delete')}>
            Delete…
          </button>
        </div>
      )}
    </section>
  );
}
