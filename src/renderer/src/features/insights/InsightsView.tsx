/** Insights: statements backed by evidence, each with the quotes that support it. */
import { formatCount } from '../../app/format';
import { useInsights } from '../../db/hooks';
import '../cards.css';

export function InsightsView({ workspaceId }: { workspaceId: string }): React.JSX.Element {
  const views = useInsights(workspaceId);
  if (views === undefined) return <p className="loading">Loading insights…</p>;

  return (
    <section className="section" aria-labelledby="insights-title">
      <div className="section-header">
        <div>
          <h1 id="insights-title">Insights</h1>
          <p>What you learned, and the evidence behind it.</p>
        </div>
      </div>
      {views.length === 0 ? (
        <div className="empty">
          <h2>No insights yet</h2>
          <p>An insight is a statement backed by quotes. Write one from highlights and themes, and it will appear here.</p>
        </div>
      ) : (
        <div className="stack">
          {views.map(({ insight, quotes, tags }) => (
            <article key={insight.id} className="card insight" aria-labelledby={`insight-${insight.id}`}>
              <h2 id={`insight-${insight.id}`}>{insight.title}</h2>
              <p className="insight-statement">{insight.statement}</p>
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
              <h3 className="evidence-title">Evidence · {formatCount(quotes.length, 'quote')}</h3>
              {quotes.map((q) => (
                <figure key={q.key} className="evidence">
                  <blockquote className="quote">{q.text}</blockquote>
                  {q.participant === undefined && q.unit?.speaker === undefined ? null : (
                    <figcaption className="muted">— {q.participant?.name ?? q.unit?.speaker}</figcaption>
                  )}
                </figure>
              ))}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
