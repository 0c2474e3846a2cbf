/**
 * One file into an in-memory workspace: the whole import pipeline (importFile) plus what a workspace adds —
 * re-import detection by content hash, appending a newer export of a survey to its source (new respondents
 * only), and a summary of what happened. Used by `loupe import`; the app's import worker can use it too.
 *
 * The snapshot is changed in place, so a caller wanting all-or-nothing works on a copy (or a freshly
 * decoded file) and only saves it when every file went through.
 */
import type { QuestionType, SourceKind, WorkspaceSnapshot } from '../model';
import type { SupportedEncoding } from './encoding';
import { importFile } from './index';
import type { SurveyVendor } from './layout';
import { findExistingSurvey } from './survey-records';

export interface WorkspaceImportOptions {
  /** Force the survey layout (default: detect). */
  vendor?: SurveyVendor;
  /** Force the text encoding (default: detect). */
  encoding?: SupportedEncoding;
  /** XLSX: the sheet to read (default: the first). */
  sheet?: string;
  /** Timestamp for new and updated records (tests pin it). */
  now?: string;
}

/**
 * What one file did to the workspace.
 * - imported: a new source.
 * - appended: a newer export of a survey already in the workspace; only its new respondents were added.
 * - duplicate: the same file (by content hash) is already in the workspace; nothing added.
 * - up-to-date: a survey export whose respondents are all in the workspace already; nothing added.
 */
export type ImportStatus = 'imported' | 'appended' | 'duplicate' | 'up-to-date';

export interface SourceImportSummary {
  fileName: string;
  status: ImportStatus;
  sourceId: string;
  title: string;
  kind: SourceKind;
  /** Detected (or forced) vendor: qualtrics, surveymonkey, …, vtt, srt, markdown, docx. */
  vendor: string;
  /** Surveys: the layout detected. */
  layout: { headerRowCount: number; explanation: string; delimiter?: string } | null;
  /** The encoding the file was read with ("xlsx"/"docx" for those containers). */
  encoding: string;
  /** Why that encoding was chosen (text files). */
  encodingReason?: string;
  /** Surveys: data rows read (header rows excluded); null for transcripts and notes. */
  rowsRead: number | null;
  /** Records this file added. */
  participants: number;
  units: number;
  /** Every question of the source (surveys; empty for transcripts and notes). */
  questions: { id: string; label: string; text: string; type: QuestionType }[];
  /** File rows (0: the file as a whole). */
  warnings: { row: number; line?: number; message: string }[];
  rowsNotImported: { row: number; reason: string }[];
  /** Surveys: rows skipped because their respondent was imported before. */
  alreadyImported?: number;
  /** REFI-QDA projects: what came in besides participants and units. */
  project?: { sources: number; codes: number; newTags: number; selections: number; codings: number; notes: number };
  /** duplicate: the source holding the same file. */
  duplicateOf?: { id: string; title: string; fileName?: string };
}

export async function importIntoWorkspace(
  snapshot: WorkspaceSnapshot,
  fileName: string,
  bytes: Uint8Array,
  options: WorkspaceImportOptions = {},
): Promise<SourceImportSummary> {
  const { tables } = snapshot;
  const now = options.now ?? new Date().toISOString();
  const result = await importFile(fileName, bytes, {
    existingSources: tables.sources,
    appendTo: (preview) => findExistingSurvey(tables, preview),
    now,
    ...(options.vendor ? { vendor: options.vendor } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });

  if (result.kind === 'duplicate') {
    const s = result.duplicateOf;
    return {
      fileName,
      status: 'duplicate',
      sourceId: s.id,
      title: s.title,
      kind: s.kind,
      vendor: s.vendor,
      layout: null,
      encoding: s.encoding,
      rowsRead: null,
      participants: 0,
      units: 0,
      questions: questionsOf(snapshot, s.id),
      warnings: [],
      rowsNotImported: [],
      duplicateOf: { id: s.id, title: s.title, ...(s.fileName !== undefined ? { fileName: s.fileName } : {}) },
    };
  }

  const encodingReason = result.encoding?.reason;
  if (result.kind === 'survey') {
    const { source, report } = result;
    let status: ImportStatus = 'imported';
    if (result.appendedTo) {
      status = result.participants.length === 0 ? 'up-to-date' : 'appended';
      // Nothing new: leave the source as it is (its content hash still names the newest export).
      if (status === 'appended') tables.sources[tables.sources.findIndex((s) => s.id === source.id)] = source;
    } else tables.sources.push(source);
    append(tables.questions, result.questions);
    append(tables.participants, result.participants);
    append(tables.units, result.units);
    return {
      fileName,
      status,
      sourceId: source.id,
      title: source.title,
      kind: 'survey',
      vendor: result.layout.vendor,
      layout: { headerRowCount: result.layout.headerRowCount, explanation: result.layout.explanation, ...(result.delimiter ? { delimiter: result.delimiter } : {}) },
      encoding: result.encoding?.encoding ?? result.source.encoding,
      ...(encodingReason !== undefined ? { encodingReason } : {}),
      rowsRead: report.rowsRead,
      participants: result.participants.length,
      units: result.units.length,
      questions: questionsOf(snapshot, source.id),
      warnings: report.warnings.map((w) => ({ row: w.row, ...(w.line !== undefined ? { line: w.line } : {}), message: w.message })),
      rowsNotImported: report.rowsNotImported,
      alreadyImported: report.alreadyImported,
    };
  }

  tables.sources.push(result.source);
  append(tables.participants, result.participants);
  append(tables.units, result.units);
  return {
    fileName,
    status: 'imported',
    sourceId: result.source.id,
    title: result.source.title,
    kind: result.kind,
    vendor: result.source.vendor,
    layout: null,
    encoding: result.source.encoding,
    ...(encodingReason !== undefined ? { encodingReason } : {}),
    rowsRead: null,
    participants: result.participants.length,
    units: result.units.length,
    questions: [],
    warnings: result.parsed.warnings.map((message) => ({ row: 0, message })),
    rowsNotImported: [],
  };
}

function questionsOf(snapshot: WorkspaceSnapshot, sourceId: string): SourceImportSummary['questions'] {
  return snapshot.tables.questions
    .filter((q) => q.sourceId === sourceId)
    .sort((a, b) => a.order - b.order)
    .map((q) => ({ id: q.id, label: q.label, text: q.text, type: q.type }));
}

/** push(...items) throws RangeError (too many arguments) for the million units of a large survey. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}
