/**
 * Survey rows → Loupe records, in chunks: one participant per respondent, one unit per non-empty open-text
 * answer, closed answers as participant attributes, and a report that accounts for every row.
 *
 * Choices made here:
 * - Attribute keys are the question labels (Qualtrics tag, else the header), values as exported.
 * - Multi-choice answers are ONE attribute: the ticked options joined with "; " (options may contain commas).
 *   Google Forms checkbox answers are kept as exported (already joined with ", ").
 * - NPS and numeric ratings are stored as numbers; a non-numeric NPS answer is kept as text with a warning.
 * - Unit.row is the 1-based DATA row (first respondent = 1); report rows are FILE rows (header rows count),
 *   because that is what the user finds in a spreadsheet. fileRow = dataRow + headerRowCount.
 * - Every role, ignored and id columns included, is a Question: its `order` is its slot in the unit seq
 *   (seq = respondentIndex * seqStride + order, see unit-id.ts), so changing a role later between open and
 *   closed keeps every unit id. Respondents are numbered in import order, continuing across newer exports.
 */
import type { Participant, Question, QuestionType, Source, Unit } from '../model';
import { respondentId, surveySeq, unitId } from '../unit-id';
import { ImportError, rowRef, type RowNotImported, type RowWarning } from './errors';
import type { SurveyLayout } from './layout';
import type { QuestionRole } from './roles';
import type { TableRow } from './table';

export interface SurveyBuildOptions {
  sourceId: string;
  fileName: string;
  vendor: string;
  encoding: string;
  contentHash: string;
  title?: string;
  /** Respondents already in the workspace (incremental re-import): their rows produce no records. */
  existingParticipantsByExternalId?: ReadonlyMap<string, { id: string }>;
  /** Questions of the source being appended to: reused (matched by label and text) instead of duplicated. */
  existingQuestions?: readonly Question[];
  /**
   * Appending to an existing source: its seqStride (question slots). Defaults to the number of roles (a new
   * source). A role with no existing question takes a free slot; when none is left the import is refused.
   */
  seqStride?: number;
  /** Appending: the existing source's respondentCount; the first new respondent gets this index. */
  firstRespondentIndex?: number;
  /** Timestamp for createdAt/updatedAt (tests pin it). */
  now?: string;
}

export interface SurveyImportReport {
  vendor: string;
  explanation: string;
  headerRowCount: number;
  /** Data rows read (header rows excluded). */
  rowsRead: number;
  participants: number;
  units: number;
  /** Rows skipped because their respondent was imported before. */
  alreadyImported: number;
  warnings: RowWarning[];
  rowsNotImported: RowNotImported[];
}

export interface SurveyChunk {
  participants: Participant[];
  units: Unit[];
  /**
   * One per new respondent (same order as participants) when some question is ignored: its data row and the
   * values of the columns the import derives nothing from, so a role changed after import can be re-derived.
   */
  kept?: KeptCells[];
}

/** What a respondent's ignored columns held: slot (Question.order) → value; see keptValue(). */
export interface KeptCells {
  index: number;
  /** 1-based data row (Unit.row). */
  row: number;
  values: Record<number, string>;
}

export interface SurveyRecordBuilder {
  /** The source record; its respondentCount grows as rows are added (final after finish()). */
  readonly source: Source;
  /** Questions to store (new ones only, when appending to an existing source). */
  readonly questions: Question[];
  /** Slots (Question.order) of the ignored questions: what `kept` holds values for. */
  readonly keptSlots: number[];
  /** Feed rows as they are read (header rows are recognised by row number and skipped). */
  addRows(rows: readonly TableRow[]): SurveyChunk;
  finish(): SurveyImportReport;
}

export interface SurveyRecords extends SurveyChunk {
  source: Source;
  questions: Question[];
  report: SurveyImportReport;
}

export const MULTI_SEPARATOR = '; ';
const TRUTHY = new Set(['1', 'yes', 'true', 'x', 'selected', 'checked']);

export function createSurveyBuilder(layout: SurveyLayout, roles: readonly QuestionRole[], options: SurveyBuildOptions): SurveyRecordBuilder {
  const now = options.now ?? new Date().toISOString();
  const existingQ = options.existingQuestions ?? [];
  const seqStride = options.seqStride ?? Math.max(roles.length, ...existingQ.map((q) => q.order + 1));
  let respondentIndex = options.firstRespondentIndex ?? 0;
  const source: Source = {
    id: options.sourceId,
    createdAt: now,
    updatedAt: now,
    kind: 'survey',
    title: options.title ?? options.fileName.replace(/\.[^.]+$/, ''),
    vendor: options.vendor,
    encoding: options.encoding,
    fileName: options.fileName,
    contentHash: options.contentHash,
    seqStride,
    respondentCount: respondentIndex,
  };
  const width = layout.columns.length;
  const analysed = roles.filter((r) => r.type !== 'ignored' && r.type !== 'id');
  const ignored = roles.filter((r) => r.type === 'ignored');
  const idRole = roles.find((r) => r.type === 'id');
  const slots = new Map<QuestionRole, Question>();
  const questions: Question[] = [];
  const reused = new Set<Question>();
  const usedOrders = new Set(existingQ.map((q) => q.order));
  let nextOrder = 0;
  for (const role of roles) {
    const reuse = existingQ.find((q) => !reused.has(q) && q.label === role.label && q.text === role.text);
    if (reuse) {
      reused.add(reuse);
      slots.set(role, reuse);
      continue;
    }
    while (usedOrders.has(nextOrder)) nextOrder++;
    if (nextOrder >= seqStride) {
      throw new ImportError(
        'different-survey',
        `"${options.fileName}" has a column "${role.label}" that the survey it is appended to does not have; import it as a separate source.`,
      );
    }
    usedOrders.add(nextOrder);
    const q: Question = { id: newId(), createdAt: now, updatedAt: now, sourceId: options.sourceId, label: role.label, text: role.text, type: role.type, order: nextOrder };
    questions.push(q);
    slots.set(role, q);
  }

  const report: SurveyImportReport = {
    vendor: options.vendor,
    explanation: layout.explanation,
    headerRowCount: layout.headerRowCount,
    rowsRead: 0,
    participants: 0,
    units: 0,
    alreadyImported: 0,
    warnings: [...layout.warnings],
    rowsNotImported: [],
  };
  const seenIds = new Map<string, number>();
  const warnedNps = new Set<QuestionRole>();

  function addRow(tr: TableRow, out: SurveyChunk): void {
    if (tr.row <= layout.headerRowCount) return;
    report.rowsRead++;
    const where = rowRef(tr.row, tr.line);
    const dataRow = tr.row - layout.headerRowCount;
    const cells = tr.cells;
    if (cells.every((c) => c.trim() === '')) {
      report.rowsNotImported.push({ row: tr.row, reason: 'blank row' });
      return;
    }
    if (cells.length < width) {
      report.warnings.push({ row: tr.row, line: tr.line, message: `${cap(where)} has ${cells.length} cells but the header has ${width}; the missing cells were read as empty.` });
    } else if (cells.length > width) {
      const extra = cells.slice(width).filter((c) => c.trim() !== '');
      if (extra.length > 0) {
        const shown = extra.map((c) => `"${clip(c, 60)}"`).join(', ');
        report.warnings.push({
          row: tr.row,
          line: tr.line,
          message: `${cap(where)} has ${cells.length} cells but the header has ${width}; the extra ${extra.length === 1 ? 'cell' : 'cells'} ${shown} ${extra.length === 1 ? 'was' : 'were'} not imported (an unquoted delimiter inside an answer?).`,
        });
      }
    }
    const cell = (i: number): string => (cells[i] ?? '').trim();

    const externalId = idRole ? cell(idRole.columns[0]!) || undefined : undefined;
    if (externalId && options.existingParticipantsByExternalId?.has(externalId)) {
      report.alreadyImported++;
      report.rowsNotImported.push({ row: tr.row, reason: `respondent ${externalId} was imported before` });
      return;
    }
    if (externalId) {
      const first = seenIds.get(externalId);
      if (first !== undefined) {
        report.warnings.push({ row: tr.row, line: tr.line, message: `${cap(where)} repeats respondent id ${externalId} from row ${first}; imported as a separate participant.` });
      } else seenIds.set(externalId, tr.row);
    }

    const attributes: Record<string, string | number> = {};
    const answers: { role: QuestionRole; text: string }[] = [];
    for (const role of analysed) {
      if (role.type === 'open') {
        const text = role.columns.map(cell).filter((t) => t !== '').join('\n');
        if (text !== '') answers.push({ role, text });
        continue;
      }
      if (role.type === 'multi') {
        const picked = pickedOptions(role, cell);
        if (picked !== '') attributes[role.label] = picked;
        continue;
      }
      const v = cell(role.columns[0]!);
      if (v === '') continue;
      const value = closedValue(role.type, v);
      attributes[role.label] = value;
      if (role.type === 'nps' && typeof value === 'string' && !warnedNps.has(role)) {
        warnedNps.add(role);
        report.warnings.push({ row: tr.row, line: tr.line, message: `${cap(where)}: "${clip(v, 40)}" in ${role.label} is not a 0–10 score; kept as text.` });
      }
    }

    if (answers.length === 0 && Object.keys(attributes).length === 0) {
      report.rowsNotImported.push({ row: tr.row, reason: 'no answers (only ignored or id columns are filled)' });
      return;
    }
    const index = respondentIndex++;
    source.respondentCount = respondentIndex;
    const participant: Participant = {
      id: respondentId(options.sourceId, index),
      createdAt: now,
      updatedAt: now,
      name: externalId ?? `Respondent at row ${tr.row}`,
      ...(externalId ? { externalId } : {}),
      role: 'participant',
      attributes,
      sourceIds: [options.sourceId],
    };
    out.participants.push(participant);
    if (ignored.length > 0) {
      const values: Record<number, string> = {};
      for (const role of ignored) {
        const v = keptValue(role, cell);
        if (v !== '') values[slots.get(role)!.order] = v;
      }
      (out.kept ??= []).push({ index, row: dataRow, values });
    }
    report.participants++;
    for (const a of answers) {
      const question = slots.get(a.role)!;
      const seq = surveySeq(index, seqStride, question.order);
      out.units.push({
        id: unitId(options.sourceId, seq),
        createdAt: now,
        updatedAt: now,
        sourceId: options.sourceId,
        participantId: participant.id,
        questionId: question.id,
        seq,
        text: a.text,
        row: dataRow,
      });
      report.units++;
    }
  }

  return {
    source,
    questions,
    keptSlots: ignored.map((r) => slots.get(r)!.order),
    addRows(rows) {
      const out: SurveyChunk = { participants: [], units: [] };
      for (const r of rows) addRow(r, out);
      return out;
    },
    finish() {
      return report;
    },
  };
}

/** The ticked options of a multi-choice question, joined with MULTI_SEPARATOR ('' when none). */
function pickedOptions(role: QuestionRole, cell: (i: number) => string): string {
  return role.columns
    .map((c, i) => {
      const v = cell(c);
      if (v === '') return '';
      return TRUTHY.has(v.toLowerCase()) ? (role.options?.[i] ?? v) : v;
    })
    .filter((v) => v !== '' && v !== '0')
    .join(MULTI_SEPARATOR);
}

/**
 * The one string an ignored question is kept as: its cell; for a question spanning several columns, the
 * ticked options as a multi-choice answer would read them (when it has options), else the cells joined by
 * line breaks as an open answer would. Re-deriving the question as any other type starts from this value.
 */
export function keptValue(role: QuestionRole, cell: (i: number) => string): string {
  if (role.columns.length === 1) return cell(role.columns[0]!);
  if (role.options !== undefined) return pickedOptions(role, cell);
  return role.columns.map(cell).filter((t) => t !== '').join('\n');
}

/**
 * A closed answer as stored in the participant's attributes: NPS as a 0–10 number (text when it is not a
 * score), numeric ratings as numbers, everything else as exported.
 */
export function closedValue(type: QuestionType, v: string): string | number {
  if (type === 'nps') {
    const m = /^(\d{1,2})\b/.exec(v);
    const n = m ? Number(m[1]) : NaN;
    return n >= 0 && n <= 10 ? n : v;
  }
  if (type === 'rating' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

/** All rows at once (small files, the CLI, tests). */
export function buildSurveyRecords(rows: readonly TableRow[], layout: SurveyLayout, roles: readonly QuestionRole[], options: SurveyBuildOptions): SurveyRecords {
  const builder = createSurveyBuilder(layout, roles, options);
  const chunk = builder.addRows(rows);
  return { source: builder.source, questions: builder.questions, ...chunk, report: builder.finish() };
}

/** The source in the workspace with the same content hash, if any: importing the file again would duplicate it. */
export function findDuplicateSource<S extends Pick<Source, 'id' | 'contentHash'>>(contentHash: string, sources: readonly S[]): S | undefined {
  return sources.find((s) => s.contentHash === contentHash);
}

/**
 * The content hash a source imported from one sheet of a workbook records: the file's hash and the sheet, so
 * each sheet of a workbook can be imported once (re-importing that sheet is the duplicate, not its siblings).
 */
export function sheetContentHash(fileHash: string, sheet: string): string {
  return `${fileHash}#sheet=${sheet}`;
}

/**
 * The existing source a workbook sheet duplicates: one recorded with that sheet's hash, or (imported before
 * hashes named the sheet) one with the bare file hash, which was always its first sheet.
 */
export function findDuplicateSheet<S extends Pick<Source, 'id' | 'contentHash'>>(fileHash: string, sheet: string, firstSheet: string | undefined, sources: readonly S[]): S | undefined {
  return findDuplicateSource(sheetContentHash(fileHash, sheet), sources) ?? (sheet === firstSheet ? findDuplicateSource(fileHash, sources) : undefined);
}

/**
 * Is this export a newer download of an existing survey? Same vendor and the same columns (labels and
 * texts of every role, ignored and id ones included; order and types ignored). Then import with
 * existingParticipantsByExternalId/existingQuestions/seqStride/firstRespondentIndex (see ExistingSurvey).
 */
export function isSameSurvey(
  existing: { vendor: string; questions: readonly Pick<Question, 'label' | 'text'>[] },
  incoming: { vendor: string; roles: readonly QuestionRole[] },
): boolean {
  if (existing.vendor !== incoming.vendor) return false;
  const key = (q: Pick<Question, 'label' | 'text'>): string => `${q.label}\u0000${q.text}`;
  const a = existing.questions.map(key).sort();
  const b = incoming.roles.map(key).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/** An existing survey source a newer export is appended to. */
export interface ExistingSurvey {
  /** Must carry seqStride and respondentCount (sources imported before the id convention cannot be appended to). */
  source: Source;
  questions: readonly Question[];
  /** The source's respondents by their respondent id: their rows are skipped. */
  participantsByExternalId: ReadonlyMap<string, { id: string }>;
}

/**
 * The survey source in `tables` that this export is a newer download of, if any: same vendor and columns
 * (isSameSurvey), appendable (seqStride and respondentCount known), and a respondent id column to tell new
 * respondents from those imported before.
 */
export function findExistingSurvey(
  tables: { sources: readonly Source[]; questions: readonly Question[]; participants: readonly Participant[] },
  incoming: { layout: Pick<SurveyLayout, 'vendor'>; roles: readonly QuestionRole[] },
): ExistingSurvey | undefined {
  if (!incoming.roles.some((r) => r.type === 'id')) return undefined;
  for (const source of tables.sources) {
    if (source.kind !== 'survey' || source.seqStride === undefined || source.respondentCount === undefined) continue;
    const questions = tables.questions.filter((q) => q.sourceId === source.id);
    if (!isSameSurvey({ vendor: source.vendor, questions }, { vendor: incoming.layout.vendor, roles: incoming.roles })) continue;
    const participantsByExternalId = new Map<string, { id: string }>();
    for (const p of tables.participants) {
      if (p.externalId !== undefined && p.sourceIds.includes(source.id)) participantsByExternalId.set(p.externalId, { id: p.id });
    }
    return { source, questions, participantsByExternalId };
  }
  return undefined;
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}

function clip(s: string, n: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
