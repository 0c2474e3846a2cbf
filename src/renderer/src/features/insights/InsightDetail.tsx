/**
 * One insight: its words, tags, counts computed from the evidence (live), and the evidence itself — each quote
 * opening its context. Comments sit inline, on the insight and under each quote; in reading mode they are the
 * only thing that can be changed here.
 */
import { useMemo, useState } from 'react';
import { type AnalysisData, formatPercent, insightCounts } from '../../../../core/analysis';
import type { Insight } from '../../../../core/model';
import { ConfirmDialog } from '../../app/Dialog';
import { formatCount } from '../../app/format';
import { routeHref, type Route } from '../../app/routes';
import { deleteInsight, updateInsight } from '../../db/workspace-data';
import { CommentThread, useCommentsOn } from '../comments/CommentThread';
import { excerpt } from '../sharing/labels';
import { useReadOnly } from '../sharing/viewer-mode';
import { resolveEvidence, segmentAttributes, type ResolvedEvidence } from './evidence';
import { InsightEditor } from './InsightEditor';
import { responsesRoute, unitContextRoute } from './navigation';

export interface InsightDetailProps {
  workspaceId: string;
  insight: Insight;
  data: AnalysisData;
  navigate: (route: Route) => void;
}

export function InsightDetail({ workspaceId, insight, data, navigate }: InsightDetailProps): React.JSX.Element {
  const attributes = useMemo(() => segmentAttributes(data), [data]);
  const [segmentBy, setSegmentBy] = useState<string | null>(null);
  const attribute = segmentBy ?? attributes.find((a) => a === 'segment') ?? attributes[0];
  const counts = useMemo(() => insightCounts(insight, data, attribute === undefined ? {} : { segmentBy: attribute }), [insight, data, attribute]);
  const evidence = useMemo(() => resolveEvidence(insight, data), [insight, data]);
  // Coverage beyond the chosen quotes: every response carrying one of the insight's tags (moves with coding).
  const tagged = useMemo(() => {
    if (insight.tagIds.length === 0) return null;
    const ids = data.analysedUnits.filter((u) => insight.tagIds.some((t) => data.unitTags.get(u.id)?.has(t))).map((u) => u.id);
    return { ids, participants: new Set(ids.flatMap((id) => data.units.get(id)?.participantId ?? [])).size };
  }, [insight.tagIds, data]);
  const { readOnly } = useReadOnly();
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const tags = insight.tagIds.flatMap((id) => data.tags.get(id) ?? []);
  const back = routeHref({ section: 'insights', param: null });

  const removeEvidence = (index: number): void => {
    void updateInsight(workspaceId, insight.id, { evidence: insight.evidence.filter((_, i) => i !== index) });
  };

  return (
    <section className="section insight-page" aria-labelledby="insight-title">
      <a className="back-link" href={back}>
        ← All insights
      </a>
      <div className="section-header">
        <div>
          <h1 id="insight-title">{insight.title}</h1>
          {insight.statement === '' ? null : <p className="insight-statement">{insight.statement}</p>}
        </div>
        {readOnly ? null : (
          <div className="header-actions">
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          </div>
        )}
      </div>
      {tags.length === 0 ? null : (
        <div className="chips" aria-label="Tags">
          {tags.map((t) => (
            <span key={t.id} className="chip">
              <span className="dot" style={{ background: t.color }} aria-hidden="true" />
              {t.name}
            </span>
          ))}
        </div>
      )}

      <div className="insight-layout">
        <section className="card counts-card" aria-labelledby="counts-title">
          <h2 id="counts-title">Counts</h2>
          <p className="muted counts-note">Computed from the evidence; they change when the evidence or the coding does.</p>
          <dl className="stat-row" aria-label="Insight counts">
            <div>
              <dt>Quotes</dt>
              <dd className="num" data-testid="count-units">
                {counts.units}
              </dd>
            </div>
            <div>
              <dt>Participants</dt>
              <dd className="num" data-testid="count-participants">
                {counts.participants}
              </dd>
            </div>
            <div>
              <dt>Of respondents</dt>
              <dd className="num" data-testid="count-percent">
                {counts.percentOfRespondents === null ? '—' : formatPercent(counts.percentOfRespondents)}
              </dd>
            </div>
          </dl>
          {tagged === null ? null : (
            <p className="muted" data-testid="count-tagged">
              {formatCount(tagged.ids.length, 'response')} from {formatCount(tagged.participants, 'participant')} carry this insight’s tags.{' '}
              {tagged.ids.length === 0 ? null : (
                <a className="link" href={routeHref(responsesRoute({ unitIds: tagged.ids, ...(insight.tagIds.length === 1 ? { tagId: insight.tagIds[0] } : {}), label: insight.title }))}>
                  Open them
                </a>
              )}
            </p>
          )}
          {counts.surveys.map((s) => (
            <p key={s.sourceId} className="muted">
              {s.participants} of {s.respondents} respondents to {s.title}
            </p>
          ))}
          {counts.excluded.interviewer + counts.excluded.missing === 0 ? null : (
            <p className="muted">
              Left out: {counts.excluded.interviewer > 0 ? formatCount(counts.excluded.interviewer, 'interviewer quote') : ''}
              {counts.excluded.interviewer > 0 && counts.excluded.missing > 0 ? ', ' : ''}
              {counts.excluded.missing > 0 ? formatCount(counts.excluded.missing, 'deleted quote') : ''}
            </p>
          )}
          {attribute === undefined || counts.bySegment === undefined ? null : (
            <>
              <label className="inline-field">
                <span className="muted">By</span>
                <select className="input input-sm" value={attribute} onChange={(e) => setSegmentBy(e.target.value)} aria-label="Segment by">
                  {attributes.map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
                </select>
              </label>
              <table className="table compact" aria-label={`Participants by ${attribute}`}>
                <thead>
                  <tr>
                    <th scope="col">{attribute}</th>
                    <th scope="col" className="num">
                      Participants
                    </th>
                    <th scope="col" className="num">
                      Share
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {counts.bySegment.segments.map((s) => (
                    <tr key={s.value}>
                      <td>{s.value}</td>
                      <td className="num">
                        {s.participants} / {s.base}
                      </td>
                      <td className="num">{formatPercent(s.percent)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {counts.unitIds.length === 0 ? null : (
            <button type="button" className="btn btn-sm" onClick={() => navigate(responsesRoute({ unitIds: counts.unitIds, label: insight.title }))}>
              Open these responses
            </button>
          )}
        </section>

        <section className="evidence-list" aria-labelledby="evidence-title">
          <h2 id="evidence-title" className="evidence-title">
            Evidence · {formatCount(evidence.length, 'quote')}
          </h2>
          {evidence.length === 0 ? <p className="muted">{readOnly ? 'No evidence yet.' : 'No evidence yet. Use “Add to insight…” on a highlight or a response.'}</p> : null}
          <ul className="quote-list" aria-label="Evidence">
            {evidence.map((e, i) => (
              <li key={e.key} className="evidence">
                <blockquote className="quote">{e.text}</blockquote>
                {e.memo === undefined ? null : <p className="memo">Note: {e.memo}</p>}
                <div className="evidence-meta">
                  <span className="muted">
                    — {e.attribution === '' ? 'Unknown' : e.attribution}
                    {e.interviewer ? ' (interviewer: not counted)' : ''}
                  </span>
                  {e.unit === undefined ? null : (
                    <a className="link" href={routeHref(unitContextRoute(e.unit, e.sourceKind, e.link.kind === 'highlight' ? e.link.refId : undefined))}>
                      {e.sourceKind === 'survey' ? 'Open response' : 'Open in transcript'}
                    </a>
                  )}
                  {readOnly ? null : (
                    <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove quote ${i + 1} from the insight`} onClick={() => removeEvidence(i)}>
                      Remove
                    </button>
                  )}
                </div>
                <QuoteComments workspaceId={workspaceId} evidence={e} />
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section className="card insight-comments" aria-labelledby="insight-comments-title">
        <h2 id="insight-comments-title">Comments</h2>
        <CommentThread workspaceId={workspaceId} target={{ table: 'insights', id: insight.id }} label={`insight “${insight.title}”`} />
      </section>

      {editing ? (
        <InsightEditor
          heading="Edit insight"
          saveLabel="Save"
          initial={{ title: insight.title, statement: insight.statement, tagIds: insight.tagIds }}
          tags={data.tagOrder}
          onClose={() => setEditing(false)}
          onSave={async (draft) => {
            await updateInsight(workspaceId, insight.id, draft);
            setEditing(false);
          }}
        />
      ) : null}
      {confirmDelete ? (
        <ConfirmDialog
          title="Delete this insight?"
          confirmLabel="Delete"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            void deleteInsight(workspaceId, insight.id).then(() => navigate({ section: 'insights', param: null }));
          }}
        >
          <p>“{insight.title}” and its list of evidence will be removed. The quotes and their coding stay.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Comments on one quote: on its highlight, or on the response it quotes. Cluster members have no record of their own. */
function QuoteComments({ workspaceId, evidence }: { workspaceId: string; evidence: ResolvedEvidence }): React.JSX.Element | null {
  const { link } = evidence;
  const comments = useCommentsOn(workspaceId, link.refId);
  const [open, setOpen] = useState(false);
  if (link.kind === 'cluster-member' || evidence.unit === undefined) return null;
  const count = comments?.length ?? 0;
  const label = `quote “${excerpt(evidence.text, 40)}”`;
  // Closed until asked for, unless someone has commented already: a page of quotes stays a page of quotes.
  if (!open && count === 0) {
    return (
      <button type="button" className="btn btn-ghost btn-sm quote-comment-button" aria-label={`Comment on ${label}`} onClick={() => setOpen(true)}>
        Comment
      </button>
    );
  }
  return (
    <div className="quote-comments">
      <CommentThread workspaceId={workspaceId} target={{ table: link.kind === 'highlight' ? 'highlights' : 'units', id: link.refId }} label={label} />
    </div>
  );
}
