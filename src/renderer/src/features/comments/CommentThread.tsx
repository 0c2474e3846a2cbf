/**
 * The comments on one record (an insight, a highlight or a unit) and a box to add one. Open in reading mode
 * too: commenting is what readers do. Other features can place it beside the record it is about.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { Comment, CommentTarget } from '../../../../core/model';
import { formatRelative } from '../../app/format';
import { addComment, CommentError, commentsOn, setCommentResolved } from '../../db/comments';
import './comments.css';

export function useCommentsOn(workspaceId: string, targetId: string): Comment[] | undefined {
  return useLiveQuery(() => commentsOn(workspaceId, targetId), [workspaceId, targetId]);
}

export interface CommentThreadProps {
  workspaceId: string;
  target: { table: CommentTarget; id: string };
  /** What the comments are about, for the accessible names ("insight “Slow sync”"). */
  label: string;
}

/**
 * One thread per record: a new target is a new thread (its own live query and draft), so a pane that moves from
 * one record to the next never shows the previous record's comments, nor sends a half-typed comment to the next.
 */
export function CommentThread(props: CommentThreadProps): React.JSX.Element {
  return <Thread key={`${props.workspaceId}|${props.target.table}|${props.target.id}`} {...props} />;
}

function Thread({ workspaceId, target, label }: CommentThreadProps): React.JSX.Element {
  const comments = useCommentsOn(workspaceId, target.id);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  const submit = (e: React.FormEvent): void => {
    e.preventDefault();
    // The box empties as the comment is sent (it shows in the list at once); a failure puts the text back.
    const text = draft;
    setBusy(true);
    setDraft('');
    addComment(workspaceId, target, text).then(
      () => {
        setError(null);
        setBusy(false);
      },
      (err: unknown) => {
        setDraft((d) => (d === '' ? text : d));
        setError(err instanceof CommentError ? err.message : 'The comment could not be stored. Try again.');
        setBusy(false);
      },
    );
  };

  return (
    <section className="comment-thread" aria-label={`Comments on ${label}`}>
      {comments === undefined ? null : comments.length === 0 ? null : (
        <ul className="comment-list">
          {comments.map((c) => (
            <li key={c.id} className={c.resolvedAt === undefined ? 'comment' : 'comment comment-resolved'}>
              <div className="comment-meta">
                <strong>{c.author}</strong> <span className="muted">{formatRelative(c.createdAt)}</span>
                {c.resolvedAt === undefined ? null : <span className="comment-badge">Resolved</span>}
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  onClick={() => void setCommentResolved(workspaceId, c.id, c.resolvedAt === undefined)}
                  aria-label={`${c.resolvedAt === undefined ? 'Resolve' : 'Reopen'} comment by ${c.author}`}
                >
                  {c.resolvedAt === undefined ? 'Resolve' : 'Reopen'}
                </button>
              </div>
              <p className="comment-body">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form className="comment-form" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          Comment on {label}
        </label>
        <textarea id={inputId} rows={2} value={draft} placeholder="Add a comment…" onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="btn" disabled={busy || draft.trim() === ''}>
          Comment
        </button>
      </form>
      {error === null ? null : (
        <p role="alert" className="comment-error">
          {error}
        </p>
      )}
    </section>
  );
}
