/** Reports: the shareable write-ups of a study. */
import { formatCount, formatDate } from '../../app/format';
import { useReports } from '../../db/hooks';
import '../cards.css';

export function ReportsView({ workspaceId }: { workspaceId: string }): React.JSX.Element {
  const reports = useReports(workspaceId);
  if (reports === undefined) return <p className="loading">Loading reports…</p>;

  return (
    <section className="section" aria-labelledby="reports-title">
      <div className="section-header">
        <div>
          <h1 id="reports-title">Reports</h1>
          <p>Insight reports to share with your team.</p>
        </div>
      </div>
      {reports.length === 0 ? (
        <div className="empty">
          <h2>No reports yet</h2>
          <p>A report gathers a summary, your insights, charts and quotes into one document you can export as PDF and share.</p>
        </div>
      ) : (
        <div className="stack">
          {reports.map((r) => (
            <article key={r.id} className="card" aria-labelledby={`report-${r.id}`}>
              <div className="card-title-row">
                <h2 id={`report-${r.id}`}>{r.title}</h2>
                <span className="badge">{r.template}</span>
              </div>
              {r.summary === '' ? null : <p>{r.summary}</p>}
              <p className="muted report-meta">
                {formatCount(r.sections.length, 'section')} · updated {formatDate(r.updatedAt)}
              </p>
              {r.sections.length === 0 ? null : (
                <ol className="report-sections">
                  {r.sections.map((s, i) => (
                    <li key={`${s.kind}-${i}`}>
                      {s.title} <span className="muted">({s.kind})</span>
                    </li>
                  ))}
                </ol>
              )}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
