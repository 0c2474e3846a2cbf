/**
 * A survey file before import: what was detected (said plainly), the encoding with its reason and the
 * decoded text to judge it by, the sheet of a workbook, the first rows, and one editable role per question.
 */
import { isSupportedEncoding, type QuestionRole } from '../../../../core/import';
import type { QuestionType } from '../../../../core/model';
import { formatCount, formatNumber } from '../../app/format';
import type { ImportPreview } from '../../workers/import-protocol';
import { roleType, type ImportItem, type ImportSession } from './import-session';
import { QUESTION_TYPES, questionTypeLabel } from './labels';
import { EncodingField, PreviewNotes, TextSample, TitleField } from './PreviewParts';

type Survey = Extract<ImportPreview, { kind: 'survey' }>;

/** Rows of the file shown in the small preview table. */
const PREVIEW_ROWS = 5;
/** Distinct answers shown beside each question. */
const SAMPLE_VALUES = 3;
const SAMPLE_CHARS = 40;

export function SurveyPreview({ item, preview, session }: { item: ImportItem; preview: Survey; session: ImportSession }): React.JSX.Element {
  const isXlsx = preview.encoding.encoding === 'xlsx';
  return (
    <div className="import-preview">
      <p className="import-detected">
        <span className="import-detected-label">Detected</span> {preview.layout.explanation}
      </p>
      <PreviewNotes preview={preview} />
      {preview.layout.warnings.length === 0 ? null : (
        <ul className="import-warnings" aria-label="Header warnings">
          {preview.layout.warnings.map((w, i) => (
            <li key={i}>{w.row > 0 ? `Row ${formatNumber(w.row)}: ${w.message}` : w.message}</li>
          ))}
        </ul>
      )}

      <div className="import-fields">
        <TitleField item={item} session={session} />
        {isXlsx ? (
          preview.sheets === undefined || preview.sheets.length === 0 ? null : (
            <label className="import-field">
              <span className="import-field-label">Sheet</span>
              <select className="input" value={item.sheet ?? preview.sheet ?? ''} onChange={(e) => session.setSheet(item.key, e.target.value)} disabled={item.previewing}>
                {preview.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name} ({formatCount(s.rowCount, 'row')})
                  </option>
                ))}
              </select>
            </label>
          )
        ) : (
          <EncodingField
            value={isSupportedEncoding(preview.encoding.encoding) ? (item.encoding ?? preview.encoding.encoding) : (item.encoding ?? 'utf-8')}
            reason={preview.encoding.reason}
            disabled={item.previewing}
            onChange={(encoding) => session.setEncoding(item.key, encoding)}
          />
        )}
      </div>
      {isXlsx ? null : <TextSample text={preview.textSample} />}

      <h3 className="import-subtitle" id={`${item.key}-roles`}>
        Questions <span className="muted">· {questionCount(preview)} · choose how each one is read</span>
      </h3>
      <p className="muted import-hint">Check these now; you can also change a question’s role after the import, in Sources.</p>
      <RolesTable item={item} preview={preview} onChange={(roleId, type) => session.setRoleType(item.key, roleId, type)} labelledBy={`${item.key}-roles`} />

      <h3 className="import-subtitle">First rows</h3>
      <FirstRows preview={preview} />
    </div>
  );
}

function questionCount(preview: Survey): string {
  const columns = preview.layout.columns.length;
  const questions = preview.roles.length;
  // Multi-choice option columns fold into one question each: say so, or the counts look wrong.
  return columns === questions ? formatCount(columns, 'column') : `${formatCount(columns, 'column')} as ${formatCount(questions, 'question')}`;
}

function FirstRows({ preview }: { preview: Survey }): React.JSX.Element {
  const rows = preview.sampleRows.slice(0, PREVIEW_ROWS);
  const width = Math.max(preview.layout.columns.length, ...rows.map((r) => r.length));
  const header = Array.from({ length: width }, (_, i) => preview.layout.columns.find((c) => c.index === i)?.label ?? `Column ${i + 1}`);
  if (rows.length === 0) return <p className="muted">No responses in the first rows.</p>;
  return (
    <div className="table-wrap import-rows">
      <table className="table table-compact" aria-label="First rows">
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {header.map((_, i) => (
                <td key={i} title={row[i] ?? ''}>
                  {row[i] ?? ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RolesTable({
  item,
  preview,
  onChange,
  labelledBy,
}: {
  item: ImportItem;
  preview: Survey;
  onChange: (roleId: string, type: QuestionType) => void;
  labelledBy: string;
}): React.JSX.Element {
  return (
    <div className="table-wrap import-roles">
      <table className="table table-compact" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Sample answers</th>
            <th scope="col">Read as</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {preview.roles.map((role) => {
            const type = roleType(item, role.id, role.type);
            const changed = type !== role.type;
            return (
              <tr key={role.id} className={type === 'ignored' ? 'role-ignored' : undefined}>
                <th scope="row" className="role-question">
                  <span className="role-label">{role.label}</span>
                  {role.text !== '' && role.text !== role.label ? <span className="role-text muted">{role.text}</span> : null}
                </th>
                <td className="role-samples">
                  <span>{sampleValues(role, preview.sampleRows)}</span>
                </td>
                <td>
                  <select className="input input-sm" aria-label={`Type of ${role.label}`} value={type} onChange={(e) => onChange(role.id, parseType(e.target.value, role.type))}>
                    {QUESTION_TYPES.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="role-reason muted">{changed ? `Changed by you (proposed: ${questionTypeLabel(role.type)}, ${role.reason})` : role.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function clip(value: string): string {
  return value.length > SAMPLE_CHARS ? `${value.slice(0, SAMPLE_CHARS - 1).trimEnd()}…` : value;
}

function parseType(value: string, fallback: QuestionType): QuestionType {
  return QUESTION_TYPES.find((t) => t.id === value)?.id ?? fallback;
}

function sampleValues(role: QuestionRole, rows: readonly (readonly string[])[]): string {
  if (role.options !== undefined && role.options.length > 0) return role.options.join(' · ');
  const seen = new Set<string>();
  for (const row of rows) {
    for (const column of role.columns) {
      const value = (row[column] ?? '').trim();
      if (value !== '') seen.add(value);
    }
    if (seen.size >= SAMPLE_VALUES) break;
  }
  return seen.size === 0 ? '—' : [...seen].slice(0, SAMPLE_VALUES).map(clip).join(' · ');
}
