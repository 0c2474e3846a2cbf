/** Insights: statements backed by evidence. A filterable list, and one page per insight (#/insights/<id>). */
import { useMemo, useState } from 'react';
import { type AnalysisData, describeCounts, insightCounts } from '../../../../core/analysis';
import type { Insight } from '../../../../core/model';
import { routeHref, type Route } from '../../app/routes';
import { useAnalysisData, useInsightRecords } from '../../db/hooks';
import { createInsight } from '../../db/workspace-data';
import { useReadOnly } from '../sharing/viewer-mode';
import { resolveEvidence } from './evidence';
import { InsightDetail } from './InsightDetail';
import { InsightEditor } from './InsightEditor';
import '../cards.css';
import './insights.css';

export interface InsightsViewProps {
  workspaceId: string;
  insightId?: string | null;
  navigate?: (route: Route) => void;
}

const noNavigation = (route: Route): void => {
  window.location.hash = routeHref(route);
};

export function InsightsView({ workspaceId, insightId = null, navigate = noNavigation }: InsightsViewProps): React.JSX.Element {
  const insights = useInsightRecords(workspaceId);
  const data = useAnalysisData(workspaceId);
  if (insights === undefined || data === undefined) return <p className="loading">Loading insights…</p>;
  if (insightId !== null) {
    const insight = insights.find((i) => i.id === insightId);
    if (insight === undefined) {
      return (
        <section className="section" aria-labelledby="insights-title">
          <h1 id="insights-title">Insight not found</h1>
          <p className="muted">It may have been deleted.</p>
          <a href={routeHref({ section: 'insights', param: null })}>All insights</a>
        </section>
      );
    }
    return <InsightDetail workspaceId={workspaceId} insight={insight} data={data} navigate={navigate} />;
  }
  return <InsightList workspaceId={workspaceId} insights={insights} data={data} navigate={navigate} />;
}

function matches(insight: Insight, query: string, data: AnalysisData): boolean {
  if (query === '') return true;
  const q = query.toLocaleLowerCase();
  const tagNames = insight.tagIds.map((id) => data.tags.get(id)?.name ?? '');
  return [insight.title, insight.statement, ...tagNames].some((s) => s.toLocaleLowerCase().includes(q));
}

function InsightList({ workspaceId, insights, data, navigate }: { workspaceId: string; insights: Insight[]; data: AnalysisData; navigate: (route: Route) => void }): React.JSX.Element {
  const [query, setQuery] = useState('');
  const [tagId, setTagId] = useState('');
  const [creating, setCreating] = useState(false);
  const { readOnly } = useReadOnly();
  const usedTags = useMemo(() => {
    const used = new Set(insights.flatMap((i) => i.tagIds));
    return data.tagOrder.filter((t) => used.has(t.id));
  }, [insights, data]);
  const shown = insights.filter((i) => (tagId === '' || i.tagIds.includes(tagId)) && matches(i, query.trim(), data));

  return (
    <section className="section" aria-labelledby="insights-title">
      <div className="section-header">
        <div>
          <h1 id="insights-title">Insights</h1>
          <p>What you learned, and the evidence behind it.</p>
        </div>
        {readOnly ? null : (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New insight
          </button>
        )}
      </div>
      {insights.length === 0 ? (
        <div className="empty">
          <h2>No insights yet</h2>
          <p>{readOnly ? 'An insight is a statement backed by quotes. None have been written in this workspace yet.' : 'An insight is a statement backed by quotes. Write one, then use “Add to insight…” on highlights and responses.'}</p>
        </div>
      ) : (
        <>
          <div className="filters" role="search" aria-label="Filter insights">
            <input className="input" type="search" placeholder="Search titles, statements, tags" aria-label="Search insights" value={query} onChange={(e) => setQuery(e.target.value)} />
            <select className="input" aria-label="Filter by tag" value={tagId} onChange={(e) => setTagId(e.target.value)}>
              <option value="">All tags</option>
              {usedTags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <span className="muted" role="status">
              {shown.length === insights.length ? `${insights.length} insights` : `${shown.length} of ${insights.length} insights`}
            </span>
          </div>
          <div className="stack">
            {shown.map((insight) => (
              <InsightCard key={insight.id} insight={insight} data={data} />
            ))}
          </div>
        </>
      )}
      {creating ? (
        <InsightEditor
          heading="New insight"
          saveLabel="Create"
          initial={{ title: '', statement: '', tagIds: tagId === '' ? [] : [tagId] }}
          tags={data.tagOrder}
          onClose={() => setCreating(false)}
          onSave={async (draft) => {
            const created = await createInsight(workspaceId, { ...draft, evidence: [] });
            setCreating(false);
            navigate({ section: 'insights', param: created.id });
          }}
        />
      ) : null}
    </section>
  );
}

function InsightCard({ insight, data }: { insight: Insight; data: AnalysisData }): React.JSX.Element {
  const counts = useMemo(() => insightCounts(insight, data), [insight, data]);
  const first = useMemo(() => resolveEvidence(insight, data).find((e) => e.unit !== undefined && !e.interviewer), [insight, data]);
  const tags = insight.tagIds.flatMap((id) => data.tags.get(id) ?? []);
  return (
    <article className="card insight" aria-labelledby={`insight-${insight.id}`}>
      <div className="card-title-row">
        <h2 id={`insight-${insight.id}`}>
          <a className="card-link" href={routeHref({ section: 'insights', param: insight.id })}>
            {insight.title}
          </a>
        </h2>
      </div>
      <p className="counts-line">{describeCounts(counts)}</p>
      {insight.statement === '' ? null : <p className="insight-statement">{insight.statement}</p>}
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
      {first === undefined ? null : (
        <figure className="evidence">
          <blockquote className="quote">{first.text}</blockquote>
          {first.attribution === '' ? null : <figcaption className="muted">— {first.attribution}</figcaption>}
        </figure>
      )}
    </article>
  );
}
