/** One source: a transcript's utterances with speakers and timestamps, or a survey's questions and answers. */
import { parseUnitId } from '../../../../core/unit-id';
import { useQuestions, useSource, useSourceUnits } from '../../db/hooks';
import type { SourceFocus } from '../insights/navigation';
import { TranscriptReader } from '../reader/TranscriptReader';
import { QuestionRoles } from './QuestionRoles';

/** Units shown at once; keyset paging keeps later pages as cheap as the first. */
const PAGE = 300;
const NO_UNITS: never[] = [];

/** Enough pages to include the focused utterance (and a few after it): transcript seqs are utterance indexes. */
function unitsToShow(sourceId: string, focus: SourceFocus | null): number {
  const address = focus === null ? null : parseUnitId(focus.unitId);
  if (address === null || address.sourceId !== sourceId) return PAGE;
  return Math.max(1, Math.ceil((address.seq + 20) / PAGE)) * PAGE;
}

export interface SourceDetailProps {
  workspaceId: string;
  sourceId: string;
  /** Open the reader at this utterance (a quote's context). */
  focus?: SourceFocus | null;
  onClose: () => void;
}

export function SourceDetail({ workspaceId, sourceId, focus = null, onClose }: SourceDetailProps): React.JSX.Element {
  const source = useSource(workspaceId, sourceId);
  const limit = unitsToShow(sourceId, focus);
  const units = useSourceUnits(workspaceId, sourceId, limit);
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
        <TranscriptReader units={units ?? NO_UNITS} kind={source.kind} focus={focus} loading={units === undefined} />
      )}
      {units !== undefined && units.length === limit && source.kind !== 'survey' ? <p className="muted">Showing the first {limit} utterances.</p> : null}
    </aside>
  );
}
