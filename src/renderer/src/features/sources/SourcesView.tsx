/** Sources: every imported file (transcripts, surveys, notes); selecting one shows what it holds. */
import type { Source } from '../../../../core/model';
import { formatDate, formatNumber } from '../../app/format';
import { useSources } from '../../db/hooks';
import { parseSourceFocus } from '../insights/navigation';
import { useReadOnly } from '../sharing/viewer-mode';
import { SourceDetail } from './SourceDetail';
import './sources.css';

const KIND_LABEL: Record<Source['kind'], string> = { survey: 'Survey', transcript: 'Transcript', notes: 'Notes' };

export interface SourcesViewProps {
  workspaceId: string;
  selectedId: string | null;
  /** Where in the selected source to open (the route's focus segment, see insights/navigation.ts). */
  focus?: string | null;
  onSelect: (id: string | null) => void;
  /** Opens the importer (the empty state's call to action). */
  onImport?: () => void;
}

export function SourcesView({ workspaceId, selectedId, focus = null, onSelect, onImport }: SourcesViewProps): React.JSX.Element {
  const rows = useSources(workspaceId);
  const { readOnly } = useReadOnly();
  if (rows === undefined) return <p className="loading">Loading sources…</p>;

  return (
    <div className={selectedId === null ? 'sources' : 'sources sources-split'}>
      <section className="section" aria-labelledby="sources-title">
        <div className="section-header">
          <div>
            <h1 id="sources-title">Sources</h1>
            <p>Interview transcripts, survey exports and notes in this workspace.</p>
          </div>
        </div>
        {rows.length === 0 ? (
          <div className="empty">
            <h2>No sources yet</h2>
            <p>Sources are the files you bring in: interview transcripts, notes and survey exports. Drop them on the window or choose them.</p>
            {onImport === undefined || readOnly ? null : (
              <button type="button" className="btn btn-primary" onClick={onImport}>
                Import files…
              </button>
            )}
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Sources">
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="col-extra">Vendor</th>
                  <th scope="col" className="num">
                    Units
                  </th>
                  <th scope="col" className="num col-extra">
                    Participants
                  </th>
                  <th scope="col" className="col-extra">Date</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ source, units, participants }) => (
                  <tr key={source.id} aria-selected={source.id === selectedId}>
                    <td>
                      <button type="button" className="row-button" onClick={() => onSelect(source.id)} aria-pressed={source.id === selectedId}>
                        {source.title}
                      </button>
                      {source.fileName === undefined ? null : <div className="source-file muted">{source.fileName}</div>}
                    </td>
                    <td>
                      <span className={`badge kind-${source.kind}`}>{KIND_LABEL[source.kind]}</span>
                    </td>
                    <td className="muted col-extra">{source.vendor}</td>
                    <td className="num">{formatNumber(units)}</td>
                    <td className="num col-extra">{formatNumber(participants)}</td>
                    <td className="muted nowrap col-extra">{formatDate(source.date ?? source.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {selectedId === null ? null : <SourceDetail workspaceId={workspaceId} sourceId={selectedId} focus={parseSourceFocus(focus)} onClose={() => onSelect(null)} />}
    </div>
  );
}
