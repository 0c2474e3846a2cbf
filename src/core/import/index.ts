/**
 * The import API. One-call functions for small inputs and the CLI (`importFile`, `importSurveyText`), and
 * re-exports of the chunked pieces the import worker strings together:
 *   detectEncoding → createDecoder → createTableReader → previewRows → detectLayout → proposeRoles
 *   → (user edits roles) → createSurveyBuilder.addRows(chunk)… → finish().
 * A newer export of a survey already in the workspace is appended to its source (`appendTo`, chosen with
 * findExistingSurvey). One file into a whole workspace snapshot, with re-import detection and a summary:
 * importIntoWorkspace in ./workspace-import (not re-exported here: it builds on this module).
 */
import type { Participant, Source, Unit } from '../model';
import { sha256Hex } from '../sha256';
import { unitId } from '../unit-id';
import { decodeBytes, detectEncoding, type EncodingGuess, type SupportedEncoding } from './encoding';
import { ImportError } from './errors';
import { detectLayout, type SurveyLayout, type SurveyVendor } from './layout';
import { proposeRoles, type QuestionRole } from './roles';
import { assertTextual, sniffContainer } from './sniff';
import { buildSurveyRecords, findDuplicateSheet, findDuplicateSource, sheetContentHash, type ExistingSurvey, type SurveyBuildOptions, type SurveyRecords } from './survey-records';
import { readTable, type Delimiter, type TableRow } from './table';
import { parseTranscript, type ParsedTranscript } from './transcript';
import { docxToText } from './docx';
import { listSheets, loadWorkbook, readSheetRows, type SheetInfo } from './xlsx';

export * from './encoding';
export * from './errors';
export * from './layout';
export * from './retype';
export * from './roles';
export * from './sniff';
export * from './survey-records';
export * from './table';
export * from './transcript';
export { docxToText, htmlToText } from './docx';
export { cellToString, listSheets, loadWorkbook, readSheetRows, type SheetInfo } from './xlsx';

/** Rows used to detect the layout and propose roles. */
export const SAMPLE_ROWS = 500;

export interface SurveyPreview {
  layout: SurveyLayout;
  roles: QuestionRole[];
  /** Data rows of the sample (header rows excluded). */
  sample: TableRow[];
}

/** Layout + proposed roles from the first rows of a table (header rows included). `vendor` forces the layout. */
export function previewRows(firstRows: readonly TableRow[], vendor?: SurveyVendor): SurveyPreview {
  if (firstRows.length === 0 || firstRows.every((r) => r.cells.every((c) => c.trim() === ''))) {
    throw new ImportError('empty', 'The file is empty: there is no header row and no responses.');
  }
  const layout = detectLayout(firstRows.slice(0, 3).map((r) => r.cells), vendor);
  const sample = firstRows.filter((r) => r.row > layout.headerRowCount && r.cells.some((c) => c.trim() !== ''));
  return { layout, roles: proposeRoles(layout, sample.map((r) => r.cells)), sample };
}

export interface SurveyImportOptions {
  sourceId?: string;
  fileName: string;
  encoding?: string;
  contentHash?: string;
  delimiter?: Delimiter;
  /** Force the survey layout instead of detecting it. */
  vendor?: SurveyVendor;
  /**
   * A newer export of a survey already in the workspace: append its new respondents to that source. Either
   * the source itself, or a function choosing it once the layout and roles are known (e.g. with
   * findExistingSurvey). Proposed roles of known columns take the existing question's type.
   */
  appendTo?: ExistingSurvey | ((preview: { layout: SurveyLayout; roles: readonly QuestionRole[] }) => ExistingSurvey | undefined);
  /** Edit the proposed roles before records are built (the UI's role editor, a CLI flag). */
  editRoles?: (proposed: QuestionRole[], layout: SurveyLayout) => QuestionRole[];
  now?: string;
}

export interface SurveyImportResult extends SurveyRecords {
  kind: 'survey';
  layout: SurveyLayout;
  roles: QuestionRole[];
  delimiter?: Delimiter;
  /**
   * Set when the rows were appended to an existing source: `source` is then that source updated
   * (respondentCount, contentHash, updatedAt) and `questions` holds only new ones.
   */
  appendedTo?: Source;
}

/** A whole decoded survey table → records. Throws ImportError for an empty or header-only file. */
export function importSurveyRows(rows: readonly TableRow[], options: SurveyImportOptions): SurveyImportResult {
  const preview = previewRows(rows.slice(0, SAMPLE_ROWS + 3), options.vendor);
  const { layout } = preview;
  if (!rows.some((r) => r.row > layout.headerRowCount)) {
    throw new ImportError('no-data', `"${options.fileName}" has ${layout.headerRowCount === 1 ? 'a header row' : `${layout.headerRowCount} header rows`} but no responses.`);
  }
  const target = typeof options.appendTo === 'function' ? options.appendTo({ layout, roles: preview.roles }) : options.appendTo;
  if (target && (target.source.seqStride === undefined || target.source.respondentCount === undefined)) {
    throw new ImportError('different-survey', `"${target.source.title}" was imported by an older Loupe that did not number its respondents; import "${options.fileName}" as a separate source.`);
  }
  let proposed = preview.roles;
  if (target) {
    // The workspace already decided these columns' types; a new sample must not flip them.
    proposed = proposed.map((r) => {
      const q = target.questions.find((x) => x.label === r.label && x.text === r.text);
      return q && q.type !== r.type ? { ...r, type: q.type, reason: 'as in the survey this export is appended to' } : r;
    });
  }
  const roles = options.editRoles ? options.editRoles(proposed, layout) : proposed;
  const now = options.now ?? new Date().toISOString();
  const append: Partial<SurveyBuildOptions> = target
    ? {
        existingParticipantsByExternalId: target.participantsByExternalId,
        existingQuestions: target.questions,
        ...(target.source.seqStride !== undefined ? { seqStride: target.source.seqStride } : {}),
        ...(target.source.respondentCount !== undefined ? { firstRespondentIndex: target.source.respondentCount } : {}),
      }
    : {};
  const records = buildSurveyRecords(rows, layout, roles, {
    sourceId: target?.source.id ?? options.sourceId ?? globalThis.crypto.randomUUID(),
    fileName: options.fileName,
    vendor: layout.vendor,
    encoding: options.encoding ?? 'utf-8',
    contentHash: options.contentHash ?? '',
    now,
    ...append,
  });
  if (!target) return { kind: 'survey', layout, roles, ...records };
  const source: Source = {
    ...target.source,
    updatedAt: now,
    respondentCount: records.source.respondentCount ?? target.source.respondentCount ?? 0,
    ...(options.contentHash ? { contentHash: options.contentHash } : {}),
  };
  return { kind: 'survey', layout, roles, ...records, source, appendedTo: target.source };
}

/** Decoded CSV/TSV text → records. */
export function importSurveyText(text: string, options: SurveyImportOptions): SurveyImportResult {
  if (text.trim() === '') throw new ImportError('empty', `"${options.fileName}" is empty.`);
  const table = readTable(text, options.delimiter ? { delimiter: options.delimiter } : {});
  const result = importSurveyRows(table.rows, options);
  result.report.warnings.unshift(...table.warnings);
  return { ...result, delimiter: table.delimiter };
}

export interface TranscriptImportResult {
  kind: 'transcript' | 'notes';
  source: Source;
  participants: Participant[];
  units: Unit[];
  parsed: ParsedTranscript;
}

export interface DuplicateResult<S> {
  kind: 'duplicate';
  duplicateOf: S;
  contentHash: string;
}

export interface FileImportOptions<S extends Pick<Source, 'id' | 'contentHash'> = Source> extends Omit<SurveyImportOptions, 'fileName' | 'encoding' | 'contentHash'> {
  /** Override the detected encoding (the UI's encoding selector). */
  encoding?: SupportedEncoding;
  /** Sources already in the workspace: a file with the same content hash is reported as a duplicate. */
  existingSources?: readonly S[];
  /** XLSX: which sheet (default: the first). */
  sheet?: string;
}

export type FileImportResult<S> = (SurveyImportResult | TranscriptImportResult | DuplicateResult<S>) & {
  contentHash: string;
  encoding?: EncodingGuess;
  sheets?: SheetInfo[];
};

const SURVEY_EXT = new Set(['csv', 'tsv', 'tab']);
const TRANSCRIPT_EXT = new Set(['vtt', 'srt', 'md', 'markdown', 'txt', 'text']);

/** Any supported file → records, by extension and content sniffing. */
export async function importFile<S extends Pick<Source, 'id' | 'contentHash'> = Source>(
  fileName: string,
  bytes: Uint8Array,
  options: FileImportOptions<S> = {},
): Promise<FileImportResult<S>> {
  const fileHash = sha256Hex(bytes);
  const ext = (/\.([^.]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  const container = sniffContainer(bytes);

  if (bytes.length > 0 && (ext === 'xlsx' || ext === 'xlsm' || (container === 'zip' && ext !== 'docx' && !SURVEY_EXT.has(ext) && !TRANSCRIPT_EXT.has(ext)))) {
    // A workbook: each sheet is its own source, so the duplicate check is per sheet.
    const workbook = await loadWorkbook(bytes, fileName);
    const sheets = listSheets(workbook);
    const rows = readSheetRows(workbook, options.sheet);
    const sheet = options.sheet ?? sheets[0]?.name ?? '';
    const contentHash = sheetContentHash(fileHash, sheet);
    const duplicate = options.existingSources ? findDuplicateSheet(fileHash, sheet, sheets[0]?.name, options.existingSources) : undefined;
    if (duplicate) return { kind: 'duplicate', duplicateOf: duplicate, contentHash };
    return { ...importSurveyRows(rows, { fileName, contentHash, ...pickSurveyOptions(options), encoding: 'xlsx' }), contentHash, sheets };
  }

  const contentHash = fileHash;
  const duplicate = options.existingSources ? findDuplicateSource(contentHash, options.existingSources) : undefined;
  if (duplicate) return { kind: 'duplicate', duplicateOf: duplicate, contentHash };
  if (bytes.length === 0) throw new ImportError('empty', `"${fileName}" is empty (0 bytes).`);
  const base = { fileName, contentHash, ...pickSurveyOptions(options) };
  if (ext === 'docx') {
    const { text, warnings } = await docxToText(bytes, fileName);
    const parsed = parseTranscript(text, fileName);
    parsed.vendor = 'docx';
    parsed.warnings.push(...warnings);
    return { ...transcriptRecords(parsed, { ...base, encoding: 'docx' }), contentHash };
  }

  const guess: EncodingGuess = options.encoding
    ? { encoding: options.encoding, confidence: 1, bom: false, reason: 'chosen by the user' }
    : detectEncoding(bytes);
  const text = decodeBytes(bytes, guess.encoding);
  assertTextual(fileName, bytes, text);
  if (text.trim() === '') throw new ImportError('empty', `"${fileName}" contains no text.`);

  if (SURVEY_EXT.has(ext) || (!TRANSCRIPT_EXT.has(ext) && looksTabular(text)) || ((ext === 'txt' || ext === 'text') && looksTabular(text))) {
    return { ...importSurveyText(text, { ...base, encoding: guess.encoding }), contentHash, encoding: guess };
  }
  if (TRANSCRIPT_EXT.has(ext) || ext === '') {
    return { ...transcriptRecords(parseTranscript(text, fileName), { ...base, encoding: guess.encoding }), contentHash, encoding: guess };
  }
  throw new ImportError('unsupported', `Loupe cannot import "${fileName}": supported files are .csv, .tsv, .xlsx, .vtt, .srt, .txt, .md and .docx.`);
}

function pickSurveyOptions(o: FileImportOptions<Pick<Source, 'id' | 'contentHash'>>): Omit<SurveyImportOptions, 'fileName'> {
  const { existingSources: _s, sheet: _sheet, encoding: _e, ...rest } = o;
  return rest;
}

/**
 * Excel "Unicode Text" and other tab-separated exports are saved as .txt: treat a .txt as a table when
 * its first lines all carry the same number (≥ 2) of tabs.
 */
export function looksTabular(text: string): boolean {
  const lines = text.split(/\r\n?|\n/, 6).filter((l) => l.trim() !== '');
  if (lines.length < 2) return false;
  const tabs = lines.map((l) => l.split('\t').length - 1);
  return tabs[0]! >= 2 && tabs.every((n) => n === tabs[0]);
}

/** Parsed transcript → Source, one Participant per speaker (random ids), Units `${sourceId}:${seq}` with their heading path as `section`. */
export function transcriptRecords(
  parsed: ParsedTranscript,
  options: { sourceId?: string; fileName: string; encoding: string; contentHash?: string; now?: string },
): TranscriptImportResult {
  const now = options.now ?? new Date().toISOString();
  const sourceId = options.sourceId ?? globalThis.crypto.randomUUID();
  const source: Source = {
    id: sourceId,
    createdAt: now,
    updatedAt: now,
    kind: parsed.kind,
    title: options.fileName.replace(/\.[^.]+$/, ''),
    vendor: parsed.vendor,
    encoding: options.encoding,
    fileName: options.fileName,
    ...(options.contentHash ? { contentHash: options.contentHash } : {}),
  };
  const bySpeaker = new Map<string, Participant>();
  for (const s of parsed.speakers) {
    bySpeaker.set(s.name, {
      id: globalThis.crypto.randomUUID(),
      createdAt: now,
      updatedAt: now,
      name: s.name,
      role: s.isInterviewerGuess ? 'interviewer' : 'participant',
      attributes: {},
      sourceIds: [sourceId],
    });
  }
  const units = parsed.units.map((u): Unit => {
    const p = u.speaker ? bySpeaker.get(u.speaker) : undefined;
    return {
      id: unitId(sourceId, u.seq),
      createdAt: now,
      updatedAt: now,
      sourceId,
      seq: u.seq,
      text: u.text,
      ...(p ? { participantId: p.id } : {}),
      ...(u.speaker ? { speaker: u.speaker } : {}),
      ...(u.startSec !== undefined ? { startSec: u.startSec } : {}),
      ...(u.heading ? { section: u.heading } : {}),
    };
  });
  return { kind: parsed.kind, source, participants: [...bySpeaker.values()], units, parsed };
}
