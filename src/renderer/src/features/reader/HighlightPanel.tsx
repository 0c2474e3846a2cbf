/**
 * The panel for one highlight: its quote, its tags (add, remove), its memo, and deleting it. Every edit is one
 * undo step. In reading mode it shows them without editing controls, and readers comment on the highlight here.
 */
import { useEffect, useMemo, useState } from 'react';
import { deleteHighlight, setHighlightTags, setMemo, sliceCodePoints } from '../../../../core/coding';
import type { Highlight, Unit } from '../../../../core/model';
import { useCoding } from '../coding/CodingProvider';
import { codingMessage } from '../coding/ops';
import { TagPicker } from '../coding/TagPicker';
import { CommentThread } from '../comments/CommentThread';
import { useReadOnly } from '../sharing/viewer-mode';
import { useCurrentWorkspace } from '../../db/hooks';

export interface HighlightPanelProps {
  highlight: Highlight;
  unit: Unit | undefined;
  onClose: () => void;
}

export function HighlightPanel({ highlight, unit, onClose }: HighlightPanelProps): React.JSX.Element {
  const { state, coder, run } = useCoding();
  const { readOnly } = useReadOnly();
  const workspace = useCurrentWorkspace();
  const [memo, setMemoDraft] = useState(highlight.memo ?? '');
  const [error, setError] = useState<string | null>(null);
  const [savedMemo, setSavedMemo] = useState(false);

  // Another highlight (or the same one changed by undo): start from what is stored.
  useEffect(() => {
    setMemoDraft(highlight.memo ?? '');
    setSavedMemo(false);
  }, [highlight.id, highlight.memo]);

  const tagIds = useMemo(() => {
    const ids: string[] = [];
    for (const t of state.taggings.values()) if (t.highlightId === highlight.id && !ids.includes(t.tagId) && state.tags.has(t.tagId)) ids.push(t.tagId);
    return ids;
  }, [state.taggings, state.tags, highlight.id]);
  const applied = useMemo(() => new Set(tagIds), [tagIds]);

  const act = async (op: Parameters<typeof run>[0]): Promise<void> => {
    setError(null);
    try {
      await run(op);
    } catch (e) {
      setError(codingMessage(e));
    }
  };
  const saveMemo = async (): Promise<void> => {
    if (memo === (highlight.memo ?? '')) return;
    await act((s) => setMemo(s, highlight.id, memo));
    setSavedMemo(true);
  };

  const quote = unit === undefined ? '' : sliceCodePoints(unit.text, highlight.start, highlight.end);

  return (
    <aside className="highlight-panel" aria-label="Highlight">
      <header className="highlight-panel-header">
        <h3>Highlight</h3>
        <span className="muted highlight-coder">by {highlight.coder}</span>
        <button type="button" className="btn btn-ghost btn-sm" aria-label="Close highlight" onClick={onClose}>
          ✕
        </button>
      </header>
      <blockquote className="highlight-quote">{quote}</blockquote>

      <ul className="highlight-tags" aria-label="Tags on this highlight">
        {tagIds.length === 0 ? <li className="muted">No tags</li> : null}
        {tagIds.map((id) => {
          const tag = state.tags.get(id);
          if (tag === undefined) return null;
          return (
            <li key={id} className="chip" style={{ borderColor: tag.color }}>
              <span className="dot" style={{ background: tag.color }} aria-hidden="true" />
              {tag.name}
              {readOnly ? null : (
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={`Remove tag ${tag.name}`}
                  onClick={() => void act((s) => setHighlightTags(s, highlight.id, tagIds.filter((t) => t !== id), coder))}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {readOnly ? (
        <>
          {highlight.memo === undefined || highlight.memo === '' ? null : <p className="memo-read">Memo: {highlight.memo}</p>}
          {workspace === undefined || workspace === null ? null : <CommentThread workspaceId={workspace.id} target={{ table: 'highlights', id: highlight.id }} label="this highlight" />}
        </>
      ) : (
        <>
          <TagPicker compact label="Add tag to highlight" placeholder="Add a tag…" appliedTagIds={applied} apply={(ids) => (s) => setHighlightTags(s, highlight.id, [...new Set([...tagIds, ...ids])], coder)} />

          <label className="memo-label" htmlFor={`memo-${highlight.id}`}>
            Memo
          </label>
          <textarea
            id={`memo-${highlight.id}`}
            className="input memo-input"
            rows={2}
            value={memo}
            placeholder="Why this passage matters, questions, links…"
            onChange={(e) => {
              setMemoDraft(e.target.value);
              setSavedMemo(false);
            }}
            onBlur={() => void saveMemo()}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void saveMemo();
              }
            }}
          />
          <div className="highlight-actions">
            <button type="button" className="btn btn-sm" onClick={() => void saveMemo()} disabled={memo === (highlight.memo ?? '')}>
              Save memo
            </button>
            {savedMemo && memo === (highlight.memo ?? '') ? (
              <span className="muted" role="status">
                Memo saved
              </span>
            ) : null}
            <span className="spacer" />
            <button
              type="button"
              className="btn btn-sm btn-danger-ghost"
              onClick={() => {
                void act((s) => deleteHighlight(s, highlight.id)).then(onClose);
              }}
            >
              Delete highlight
            </button>
          </div>
        </>
      )}
      {error === null ? null : (
        <p role="alert" className="tagpick-error">
          {error}
        </p>
      )}
    </aside>
  );
}
