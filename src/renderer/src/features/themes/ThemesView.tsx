/** Themes: clusterings of similar feedback, each cluster with its keywords, size and a few examples. */
import { formatCount, formatDate } from '../../app/format';
import { useClusterings } from '../../db/hooks';
import '../cards.css';

export function ThemesView({ workspaceId }: { workspaceId: string }): React.JSX.Element {
  const views = useClusterings(workspaceId);
  if (views === undefined) return <p className="loading">Loading themes…</p>;

  return (
    <section className="section" aria-labelledby="themes-title">
      <div className="section-header">
        <div>
          <h1 id="themes-title">Themes</h1>
          <p>Groups of similar feedback, found automatically and named by you.</p>
        </div>
      </div>
      {views.length === 0 ? (
        <div className="empty">
          <h2>No themes yet</h2>
          <p>
            Clustering will read every response and transcript passage, group the ones that talk about the same thing, and suggest a name and
            keywords for each group. The themes you keep will show up here, ready to turn into insights.
          </p>
        </div>
      ) : (
        views.map(({ clustering, examples }) => (
          <article key={clustering.id} className="group" aria-label={clustering.name}>
            <header className="group-header">
              <h2>{clustering.name}</h2>
              <span className="muted">
                {formatCount(clustering.clusters.length, 'theme')} · {formatDate(clustering.createdAt)}
              </span>
            </header>
            <div className="card-grid">
              {clustering.clusters.map((cluster) => (
                <div key={cluster.id} className="card">
                  <div className="card-title-row">
                    <h3>{cluster.label}</h3>
                    <span className="badge num">{formatCount(cluster.unitIds.length, 'unit')}</span>
                  </div>
                  <div className="chips" aria-label="Keywords">
                    {cluster.keywords.map((k) => (
                      <span key={k} className="chip">
                        {k}
                      </span>
                    ))}
                  </div>
                  {(examples.get(cluster.id) ?? []).map((u) => (
                    <blockquote key={u.id} className="quote">
                      {u.text}
                    </blockquote>
                  ))}
                </div>
              ))}
            </div>
          </article>
        ))
      )}
    </section>
  );
}
