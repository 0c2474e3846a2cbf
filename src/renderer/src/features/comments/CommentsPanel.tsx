/**
 * The Comments panel: every insight with its evidence, each with its comment thread. Reached from the status
 * bar or View › Comments; available in reading mode, which is how PMs leave notes on a shared workspace.
 */
import { useState } from 'react';
import { Dialog } from '../../app/Dialog';
import { useInsights } from '../../db/hooks';
import { CommentThread } from './CommentThread';
import { excerpt } from '../sharing/labels';
import './comments.css';

export function CommentsPanel({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }): React.JSX.Element {
  const insights = useInsights(workspaceId);
  const [selected, setSelected] = useState<string | null>(null);
  const current = insights?.find((v) => v.insight.id === selected) ?? insights?.[0];

  return (
    <Dialog
      title="Comments"
      wide
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Close
        </button>
      }
    >
      {insights === undefined ? (
        <p className="loading">Loading insights…</p>
      ) : insights.length === 0 || current === undefined ? (
        <p>There are no insights to comment on yet.</p>
      ) : (
        <div className="comments-panel">
          <nav aria-label="Insights to comment on" className="comments-nav">
            {insights.map((v) => (
              <button key={v.insight.id} type="button" className="comments-nav-item" aria-current={v.insight.id === current.insight.id ? 'true' : undefined} onClick={() => setSelected(v.insight.id)}>
                {v.insight.title}
              </button>
            ))}
          </nav>
          <div className="comments-detail">
            <h3>{current.insight.title}</h3>
            <p>{current.insight.statement}</p>
            <CommentThread workspaceId={workspaceId} target={{ table: 'insights', id: current.insight.id }} label={`insight “${current.insight.title}”`} />
            {current.quotes.length === 0 ? null : <h4>Evidence</h4>}
            {current.quotes.map((q, i) => {
              const link = current.insight.evidence[i];
              if (link === undefined || link.kind === 'cluster-member') return null;
              const table = link.kind === 'highlight' ? 'highlights' : 'units';
              return (
                <div key={q.key} className="comments-evidence">
                  <blockquote>
                    {q.text}
                    {q.participant === undefined ? null : <cite> — {q.participant.name}</cite>}
                  </blockquote>
                  <CommentThread workspaceId={workspaceId} target={{ table, id: link.refId }} label={`quote “${excerpt(q.text, 40)}”`} />
                </div>
              );
            })}
          </div>
        </div>
      )}
    </Dialog>
  );
}
