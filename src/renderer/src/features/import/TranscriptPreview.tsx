/** A transcript or notes file before import: format, speakers (who is the interviewer), units, warnings. */
import { isSupportedEncoding } from '../../../../core/import';
import { formatCount, formatNumber } from '../../app/format';
import type { ImportPreview } from '../../workers/import-protocol';
import { isInterviewer, type ImportItem, type ImportSession } from './import-session';
import { vendorLabel } from './labels';
import { EncodingField, PreviewNotes, TextSample, TitleField } from './PreviewParts';

type Transcript = Extract<ImportPreview, { kind: 'transcript' | 'notes' }>;

export function TranscriptPreview({ item, preview, session }: { item: ImportItem; preview: Transcript; session: ImportSession }): React.JSX.Element {
  const unitWord = preview.kind === 'transcript' ? 'utterance' : 'passage';
  const encoding = preview.encoding.encoding;
  return (
    <div className="import-preview">
      <p className="import-detected">
        <span className="import-detected-label">Detected</span> {vendorLabel(preview.vendor)}
        {preview.kind === 'notes' ? ' (notes)' : ''}: {formatCount(preview.units, unitWord)}
        {preview.speakers.length === 0 ? ', no speakers named' : `, ${formatCount(preview.speakers.length, 'speaker')}`}.
      </p>
      <PreviewNotes preview={preview} />
      {preview.warnings.length === 0 ? null : (
        <ul className="import-warnings" aria-label="Warnings">
          {preview.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}

      <div className="import-fields">
        <TitleField item={item} session={session} />
        {isSupportedEncoding(encoding) ? (
          <EncodingField
            value={item.encoding ?? encoding}
            reason={preview.encoding.reason}
            disabled={item.previewing}
            onChange={(e) => session.setEncoding(item.key, e)}
          />
        ) : null}
      </div>
      <TextSample text={preview.textSample} />

      {preview.speakers.length === 0 ? null : (
        <>
          <h3 className="import-subtitle" id={`${item.key}-speakers`}>
            Speakers
          </h3>
          <p className="muted import-hint">Interviewers’ lines are kept for context and left out of the analysis.</p>
          <div className="table-wrap">
            <table className="table table-compact table-middle" aria-labelledby={`${item.key}-speakers`}>
              <thead>
                <tr>
                  <th scope="col">Speaker</th>
                  <th scope="col" className="num">
                    Utterances
                  </th>
                  <th scope="col">Interviewer</th>
                </tr>
              </thead>
              <tbody>
                {preview.speakers.map((s) => (
                  <tr key={s.name}>
                    <th scope="row">{s.name}</th>
                    <td className="num">{formatNumber(s.utterances)}</td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${s.name} is an interviewer`}
                        checked={isInterviewer(item, s)}
                        onChange={(e) => session.setInterviewer(item.key, s.name, e.target.checked)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
