/** One file once the user pressed Import: waiting, its progress (with Cancel), then its report. */
import { formatCount, formatNumber } from '../../app/format';
import type { ImportOutcome, ImportProgress } from '../../workers/import-protocol';
import type { ImportItem } from './import-session';
import { STAGE_LABEL, vendorLabel } from './labels';

export interface ImportResultProps {
  item: ImportItem;
  onCancel: () => void;
  onShowSource: (sourceId: string) => void;
}

export function ImportResult({ item, onCancel, onShowSource }: ImportResultProps): React.JSX.Element | null {
  const run = item.run;
  const name = item.file.name;
  switch (run.state) {
    case 'idle':
      return null;
    case 'queued':
      return (
        <div className="import-run">
          <p className="muted">Waiting for the files before it…</p>
          <button type="button" className="btn btn-sm" onClick={onCancel} aria-label={`Cancel import of ${name}`}>
            Cancel
          </button>
        </div>
      );
    case 'running':
      return (
        <div className="import-run">
          <Progress name={name} progress={run.progress} bytesTotal={item.file.size} />
          <button type="button" className="btn btn-sm" onClick={onCancel} disabled={run.cancelling} aria-label={`Cancel import of ${name}`}>
            {run.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      );
    case 'skipped':
      return <Cancelled />;
    case 'failed':
      return (
        <div role="alert" className="import-report import-failed">
          <h3>Import failed</h3>
          <p>{run.message}</p>
          <p className="muted">Nothing was imported: the workspace is exactly as it was.</p>
        </div>
      );
    case 'done':
      return run.outcome.status === 'cancelled' ? <Cancelled /> : <Report outcome={run.outcome} onShowSource={onShowSource} />;
  }
}

function Cancelled(): React.JSX.Element {
  return (
    <div role="status" className="import-report">
      <h3>Cancelled — nothing was changed</h3>
    </div>
  );
}

/** Percent of the file read: bytes are known up front, rows are not. */
export function progressPercent(progress: ImportProgress | null, bytesTotal: number): number {
  if (progress === null) return 0;
  if (progress.stage === 'done') return 100;
  const total = progress.bytesTotal > 0 ? progress.bytesTotal : bytesTotal;
  return total > 0 ? Math.min(100, Math.round((progress.bytesRead / total) * 100)) : 0;
}

function Progress({ name, progress, bytesTotal }: { name: string; progress: ImportProgress | null; bytesTotal: number }): React.JSX.Element {
  const percent = progressPercent(progress, bytesTotal);
  const rows = progress === null ? '' : `${formatCount(progress.rowsRead, 'row')} read`;
  return (
    <div className="import-progress">
      <div className="import-progress-head">
        <span>{progress === null ? 'Starting…' : STAGE_LABEL[progress.stage]}</span>
        <span className="num muted">{percent}%</span>
      </div>
      <div
        className="import-bar"
        role="progressbar"
        aria-label={`Importing ${name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={rows === '' ? `${percent}%` : `${percent}%, ${rows}`}
      >
        <div className="import-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      {progress === null ? null : (
        <p className="muted num import-progress-stats">
          {rows} · {formatNumber(Math.round(progress.rowsPerSecond))} rows/s
          {progress.unitsWritten > 0 ? ` · ${formatCount(progress.unitsWritten, 'unit')} written` : ''}
        </p>
      )}
    </div>
  );
}

const UNIT_WORD: Record<ImportOutcome['kind'], [string, string]> = {
  survey: ['open-text answer', 'open-text answers'],
  transcript: ['utterance', 'utterances'],
  notes: ['passage', 'passages'],
};

function Report({ outcome, onShowSource }: { outcome: ImportOutcome; onShowSource: (id: string) => void }): React.JSX.Element {
  const [one, many] = UNIT_WORD[outcome.kind];
  const duplicate = outcome.status === 'duplicate';
  const sourceId = outcome.sourceId;
  return (
    <div role="status" className="import-report">
      <h3>{duplicate ? `Already in this workspace as “${outcome.title}” — nothing was added` : `Imported “${outcome.title}”`}</h3>
      {duplicate ? null : (
        <dl className="import-figures" aria-label="Import report">
          <div>
            <dt>Participants</dt>
            <dd className="num">{formatNumber(outcome.participants)}</dd>
          </div>
          <div>
            <dt>{outcome.units === 1 ? one : many}</dt>
            <dd className="num">{formatNumber(outcome.units)}</dd>
          </div>
          <div>
            <dt>Rows read</dt>
            <dd className="num">{formatNumber(outcome.rowsRead)}</dd>
          </div>
          {outcome.alreadyImported > 0 ? (
            <div>
              <dt>Already imported, skipped</dt>
              <dd className="num">{formatNumber(outcome.alreadyImported)}</dd>
            </div>
          ) : null}
        </dl>
      )}
      <p className="muted import-meta">
        {vendorLabel(outcome.vendor)} · {outcome.encoding} · {formatSeconds(outcome.ms)}
      </p>
      {outcome.warnings.length === 0 ? null : (
        <section className="import-report-list" aria-label="Warnings">
          <h4>{formatCount(outcome.warnings.length, 'warning')}</h4>
          <ul>
            {outcome.warnings.map((w, i) => (
              <li key={i}>{w.row === undefined || w.row === 0 ? w.message : `Row ${formatNumber(w.row)}: ${w.message}`}</li>
            ))}
          </ul>
        </section>
      )}
      {outcome.rowsNotImported.length === 0 ? null : (
        <details className="import-report-list">
          <summary>{outcome.rowsNotImported.length === 1 ? '1 row not imported' : `${formatNumber(outcome.rowsNotImported.length)} rows not imported`}</summary>
          <ul aria-label="Rows not imported">
            {outcome.rowsNotImported.map((r, i) => (
              <li key={i}>
                Row {formatNumber(r.row)}: {r.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      {sourceId === undefined ? null : (
        <div>
          <button type="button" className="btn btn-sm" onClick={() => onShowSource(sourceId)}>
            Show “{outcome.title}” in Sources
          </button>
        </div>
      )}
    </div>
  );
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${Math.max(0, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}
