/** One source: a transcript's utterances with speakers and timestamps, or a survey's questions and answers. */
import { useQuestions, useSource, useSourceUnits } from '../../db/hooks';
import { TranscriptReader } from '../reader/TranscriptReader';
import { QuestionRoles } from './QuestionRoles';

/** Units shown at once; keyset paging keeps later pages as cheap as the first. */
const PAGE = 300;
const NO_UNITS: never[] = [];

export function SourceDetail({ workspaceId, sourceId, onClose }: { workspaceId: string; sourceId: string; onClose: () => void }): React.JSX.Element {
  const source = useSource(workspaceId, sourceId);
  const units = useSourceUnits(workspaceId, sourceId, PAGE);
  const questions = useQuestions(workspaceId);

  if (source === undefined) return <aside className="source-detail loading">Loading…</aside>;
  if (source === null) {
    return (
      <aside className="source-detail" aria-label="Source">
        <p className="muted">This source is not in the workspace.</p>
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </aside>
    );
  }

  const ownQuestions = (questions ?? []).filter((q) => q.sourceId === sourceId);

  return (
    <aside className="source-detail" aria-labelledby="source-detail-title">
      <header className="detail-header">
        <div>
          <h2 id="source-detail-title">{source.title}</h2>
          <p className="muted">
            {source.kind === 'transcript' ? 'Transcript' : source.kind === 'survey' ? 'Survey' : 'Notes'} · {source.vendor}
            {source.fileName === undefined ? '' : ` · ${source.fileName}`}
          </p>
        </div>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close source">
          ✕
        </button>
      </header>

      {source.kind === 'survey' ? (
        <QuestionRoles workspaceId={workspaceId} sourceId={sourceId} questions={ownQuestions} />
      ) : (
        <TranscriptReader units={units ?? NO_UNITS} kind={source.kind} />
      )}
      {units !== undefined && units.length === PAGE && source.kind !== 'survey' ? <p className="muted">Showing the first {PAGE} utterances.</p> : null}
    </aside>
  );
}
