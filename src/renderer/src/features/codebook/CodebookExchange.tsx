/**
 * Codebook import and export: CSV (spreadsheets) and REFI-QDA .qdc (ATLAS.ti, MAXQDA, NVivo). Export goes
 * through the platform's save dialog; import reads a picked file, shows every issue with its line number,
 * and brings the valid entries in as one undoable step.
 */
import { useState } from 'react';
import { exportCodebookCsv, exportCodebookQdc, importCodebook, importCodebookCsv, importCodebookQdc, type CodingState, type ParsedCodebook } from '../../../../core/coding';
import type { Tag } from '../../../../core/model';
import { Dialog } from '../../app/Dialog';
import { formatCount } from '../../app/format';
import type { Platform } from '../../platform';
import { pickFiles } from '../../platform/pick-files';
import type { CodingOp } from '../coding/CodingProvider';

export type CodebookFormat = 'csv' | 'qdc';

export async function exportCodebook(platform: Platform, tags: ReadonlyMap<string, Tag>, format: CodebookFormat, baseName: string): Promise<void> {
  const text = format === 'csv' ? exportCodebookCsv(tags) : exportCodebookQdc(tags, { origin: 'Loupe' });
  const safe = baseName.replace(/[\\/:*?"<>|\0]/g, '-').slice(0, 100) || 'Codebook';
  await platform.exportFile({
    suggestedName: `${safe} codebook.${format}`,
    bytes: new TextEncoder().encode(text),
    filter: format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'REFI-QDA codebook', extensions: ['qdc'] },
  });
}

export interface PickedCodebook {
  fileName: string;
  parsed: ParsedCodebook;
}

/** Asks for a codebook file and parses it; null when cancelled. */
export async function pickCodebook(doc: Document): Promise<PickedCodebook | null> {
  const [file] = await pickFiles(doc, '.csv,.tsv,.txt,.qdc,.xml');
  if (file === undefined) return null;
  const text = await file.text();
  const parsed = /\.(qdc|xml)$/i.test(file.name) || /^\s*(<\?xml|<CodeBook)/.test(text) ? importCodebookQdc(text) : importCodebookCsv(text);
  return { fileName: file.name, parsed };
}

export function ImportCodebookDialog({ error, picked, state, onRun, onClose }: { error: string | null; picked: PickedCodebook; state: CodingState; onRun: (op: CodingOp) => Promise<boolean>; onClose: () => void }): React.JSX.Element {
  const { parsed, fileName } = picked;
  const [mode, setMode] = useState<'overwrite' | 'fill'>('overwrite');
  const preview = importCodebook(state, parsed.entries, { mode });
  const errors = parsed.issues.filter((i) => i.severity === 'error').length;
  return (
    <Dialog
      title={`Import codebook from ${fileName}`}
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={parsed.entries.length === 0}
            onClick={() => void onRun((s) => importCodebook(s, parsed.entries, { mode })).then((ok) => ok && onClose())}
          >
            Import {formatCount(parsed.entries.length, 'tag')}
          </button>
        </>
      }
    >
      <p>
        {formatCount(preview.created, 'new tag')}, {formatCount(preview.updated, 'tag')} updated, {preview.unchanged} unchanged.
        {errors > 0 ? ` ${formatCount(errors, 'row')} could not be read and will be skipped.` : ''}
      </p>
      <label className="radio">
        <input type="checkbox" checked={mode === 'fill'} onChange={(e) => setMode(e.target.checked ? 'fill' : 'overwrite')} /> Keep colors and notes the workspace already has (only fill empty ones)
      </label>
      {parsed.issues.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul className="import-issues" aria-label="Issues">
          {parsed.issues.map((issue, i) => (
            <li key={i} className={issue.severity === 'error' ? 'issue-error' : 'issue-warning'}>
              <span className="issue-line num">{issue.line === 0 ? 'File' : `Line ${issue.line}`}</span>
              <span>{issue.message.replace(/^Line \d+: /, '')}</span>
            </li>
          ))}
        </ul>
      )}
      {error === null ? null : (
        <p role="alert" className="codebook-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
