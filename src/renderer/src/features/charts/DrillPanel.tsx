/** The responses behind a clicked chart item, listed beside the charts, with a way to open them in Responses. */
import type { AnalysisData } from '../../../../core/analysis';
import { formatCount } from '../../app/format';
import type { Drill } from './ChartsView';

const SHOWN = 50;

export function DrillPanel({ data, drill, onClose, onOpen }: { data: AnalysisData; drill: Drill; onClose: () => void; onOpen: () => void }): React.JSX.Element {
  const ids = drill.filter.unitIds ?? [];
  const units = ids.slice(0, SHOWN).flatMap((id) => data.units.get(id) ?? []);
  return (
    <aside className="card drill-panel" aria-label="Responses behind the selection">
      <div className="card-title-row">
        <h2>{drill.label}</h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close the list">
          ✕
        </button>
      </div>
      <p className="muted" role="status">
        {formatCount(ids.length, 'response')}
        {ids.length > SHOWN ? ` · first ${SHOWN} shown` : ''}
      </p>
      <button type="button" className="btn btn-primary btn-sm" onClick={onOpen}>
        Open in Responses
      </button>
      <ul className="drill-list" aria-label="Responses">
        {units.map((u) => {
          const p = u.participantId === undefined ? undefined : data.participants.get(u.participantId);
          return (
            <li key={u.id}>
              <blockquote className="quote">{u.text}</blockquote>
              <span className="muted">— {p?.name ?? u.speaker ?? data.sources.get(u.sourceId)?.title ?? 'Unknown'}</span>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
