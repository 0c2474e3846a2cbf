/**
 * The import dialog: the files brought in (left), the chosen file's preview or, once importing, its progress
 * and report (right), and Import / Close. It renders the ImportSession store and sends it the user's edits.
 */
import { useSyncExternalStore } from 'react';
import { Dialog } from '../../app/Dialog';
import { formatBytes } from '../../app/format';
import { isBusy, isImportable, type ImportItem, type ImportSession } from './import-session';
import { ImportResult, progressPercent } from './ImportResult';
import { SurveyPreview } from './SurveyPreview';
import { TranscriptPreview } from './TranscriptPreview';
import './import.css';

export interface ImportDialogProps {
  session: ImportSession;
  onAddFiles: () => void;
  onShowSource: (sourceId: string) => void;
}

/** Renders the dialog while the session is open. */
export function ImportDialogHost(props: ImportDialogProps): React.JSX.Element | null {
  const state = useSyncExternalStore(props.session.subscribe, props.session.getState);
  return state.open ? <ImportDialog {...props} /> : null;
}

function ImportDialog({ session, onAddFiles, onShowSource }: ImportDialogProps): React.JSX.Element {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { items } = state;
  const selected = items.find((i) => i.key === state.selectedKey) ?? items[0];
  const ready = items.filter(isImportable);
  const busy = items.some(isBusy);
  const started = items.some((i) => i.run.state !== 'idle');
  const waiting = items.some((i) => i.previewing && i.run.state === 'idle');

  const footer = (
    <>
      <button type="button" className="btn footer-left" onClick={onAddFiles}>
        Add files…
      </button>
      {waiting ? (
        <span className="muted import-footer-status" role="status">
          Reading previews…
        </span>
      ) : null}
      <button type="button" className="btn" onClick={() => session.close()}>
        {busy ? 'Hide' : started ? 'Close' : 'Cancel'}
      </button>
      {ready.length > 0 || !started ? (
        <button type="button" className="btn btn-primary" disabled={ready.length === 0} onClick={() => void session.importAll()}>
          {ready.length > 1 ? `Import ${ready.length} files` : 'Import 1 file'}
        </button>
      ) : null}
    </>
  );

  return (
    <Dialog title="Import files" wide onClose={() => session.close()} footer={footer}>
      {items.length === 0 ? (
        <div className="import-empty">
          <p>Drop survey exports (CSV, TSV, Excel) and interview transcripts or notes (VTT, SRT, TXT, Markdown, Word) anywhere in the window, or choose them.</p>
          <button type="button" className="btn btn-primary" onClick={onAddFiles}>
            Choose files…
          </button>
        </div>
      ) : (
        <div className="import-layout">
          <ul className="import-files" aria-label="Files to import">
            {items.map((item) => (
              <li key={item.key} className={item.key === selected?.key ? 'import-file is-selected' : 'import-file'}>
                <button type="button" className="import-file-button" onClick={() => session.select(item.key)} aria-current={item.key === selected?.key ? 'true' : undefined}>
                  <span className="import-file-name">{item.file.name}</span>
                  <span className="import-file-status muted">{statusText(item)}</span>
                  {item.run.state === 'running' ? (
                    <span className="import-bar import-bar-mini" aria-hidden="true">
                      <span className="import-bar-fill" style={{ width: `${progressPercent(item.run.progress, item.file.size)}%` }} />
                    </span>
                  ) : null}
                </button>
                {item.run.state === 'idle' ? (
                  <button type="button" className="btn btn-ghost btn-sm import-file-remove" aria-label={`Remove ${item.file.name}`} onClick={() => session.remove(item.key)}>
                    ✕
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          {selected === undefined ? null : (
            <section className="import-detail" aria-label={`${selected.file.name}`} aria-busy={selected.previewing}>
              <header className="import-detail-header">
                <h3>{selected.file.name}</h3>
                <span className="muted num">{formatBytes(selected.file.size)}</span>
                {selected.previewing && selected.preview !== null ? <span className="badge">Updating preview…</span> : null}
              </header>
              <Detail item={selected} session={session} onShowSource={onShowSource} />
            </section>
          )}
        </div>
      )}
    </Dialog>
  );
}

function Detail({ item, session, onShowSource }: { item: ImportItem; session: ImportSession; onShowSource: (id: string) => void }): React.JSX.Element {
  if (item.run.state !== 'idle') {
    return <ImportResult item={item} onCancel={() => session.cancel(item.key)} onShowSource={onShowSource} />;
  }
  if (item.previewError !== null) {
    return (
      <div role="alert" className="import-report import-failed">
        <h3>This file can’t be imported</h3>
        <p>{item.previewError}</p>
        <p className="muted">Nothing was imported. Fix the file (or export it again) and add it once more.</p>
      </div>
    );
  }
  if (item.preview === null) return <p className="muted">Reading the file…</p>;
  return item.preview.kind === 'survey' ? (
    <SurveyPreview item={item} preview={item.preview} session={session} />
  ) : (
    <TranscriptPreview item={item} preview={item.preview} session={session} />
  );
}

function statusText(item: ImportItem): string {
  const run = item.run;
  switch (run.state) {
    case 'idle':
      if (item.previewError !== null) return 'Can’t be imported';
      if (item.preview === null) return 'Reading…';
      if (item.preview.duplicateOf !== undefined) return 'Already imported';
      if (item.preview.kind === 'survey') return item.preview.updates === undefined ? 'Survey' : 'Survey · update';
      return item.preview.kind === 'transcript' ? 'Transcript' : 'Notes';
    case 'queued':
      return 'Waiting';
    case 'running':
      return run.cancelling ? 'Cancelling…' : `Importing ${progressPercent(run.progress, item.file.size)}%`;
    case 'skipped':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
    case 'done':
      return run.outcome.status === 'imported' ? 'Imported' : run.outcome.status === 'duplicate' ? 'Nothing added' : 'Cancelled';
  }
}
