/**
 * The import worker's implementation of ImportWorkerApi (import-protocol.ts). It runs inside our own module
 * worker (import.worker.ts) in the app, and in-process in jsdom tests (import-client.ts): same code.
 *
 * run(): File → streaming decoder → table reader (papaparse) → survey record builder → blocks of up to 256
 * units → staged IndexedDB writes, several batched transactions in flight → one commit transaction
 * (db/import-store.ts). Cancel, a parse error or any failure discards the staged blocks: all or nothing.
 */
import type { Participant, Question, Source, Unit } from '../../../core/model';
import { newId } from '../../../core/ids';
import {
  createDecoder,
  createSurveyBuilder,
  createTableReader,
  decodeBytes,
  detectEncoding,
  docxToText,
  findDuplicateSheet,
  findDuplicateSource,
  ImportError,
  isSameSurvey,
  listSheets,
  loadWorkbook,
  looksTabular,
  parseTranscript,
  previewRows,
  readSheetRows,
  SAMPLE_ROWS,
  sheetContentHash,
  sniffContainer,
  assertTextual,
  transcriptRecords,
  type EncodingGuess,
  type QuestionRole,
  type SupportedEncoding,
  type SurveyChunk,
  type SurveyLayout,
  type TableRow,
  type RowWarning,
} from '../../../core/import';
import { createSha256, toHex } from '../../../core/sha256';
import { CELL_SPAN, chooseRespondentSpan, chooseUnitSpan, encodeCellBlock, encodeRespondentBlock, encodeUnitBlock, respondentIndexOf, type KeptRow } from '../db/blocks';
import { beginImport, type StagedImport } from '../db/import-store';
import { checkRetype, commitRetype, RetypeCancelled } from '../db/retype-store';
import type { CellBlock, RespondentBlock, UnitBlock } from '../db/schema';
import { listQuestions, listSources, respondentExternalIds, sourceMeta } from '../db/workspace-data';
import type { ImportOutcome, ImportPlan, ImportPreview, ImportProgress, ImportWorkerApi, RolesWorkerApi } from './import-protocol';

/** Bytes sniffed for encoding, container and layout in preview(). */
const PREVIEW_BYTES = 64 * 1024;

/** Knobs with production defaults; tests shrink them to see an import midway on a small file. */
export interface ImportTuning {
  /** Decoded text handed to the parser at a time (and the slice size where Blob.stream() is missing). */
  parseChunkChars: number;
  /** Units per staged write transaction (a few dozen blocks: big transactions, a few in flight). */
  unitsPerStage: number;
  /** Minimum time between progress reports. */
  progressMs: number;
}

const DEFAULT_TUNING: ImportTuning = { parseChunkChars: 1024 * 1024, unitsPerStage: 8192, progressMs: 100 };

const SURVEY_EXT = new Set(['csv', 'tsv', 'tab']);
const TRANSCRIPT_EXT = new Set(['vtt', 'srt', 'md', 'markdown', 'txt', 'text']);

type FileKind = 'xlsx' | 'docx' | 'text';

interface Job {
  cancelled: boolean;
}

class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

export function createImportService(options: Partial<ImportTuning> = {}): ImportWorkerApi & RolesWorkerApi {
  const tuning: ImportTuning = { ...DEFAULT_TUNING, ...options };
  const jobs = new Map<string, Job>();
  const hashes = new Map<string, string>();

  async function hashOf(file: File): Promise<string> {
    const key = `${file.name}\u0000${file.size}\u0000${file.lastModified}`;
    let hash = hashes.get(key);
    if (hash === undefined) {
      hash = await contentHash(file);
      hashes.set(key, hash);
    }
    return hash;
  }

  async function duplicateOf(workspaceId: string, file: File): Promise<{ hash: string; source: Source | undefined }> {
    const hash = await hashOf(file);
    return { hash, source: findDuplicateSource(hash, await listSources(workspaceId)) };
  }

  /** A workbook's sheet is its own source: its hash names the sheet, and so does the duplicate check. */
  async function duplicateSheetOf(workspaceId: string, file: File, workbook: Awaited<ReturnType<typeof loadWorkbook>>, requested: string | undefined): Promise<{ hash: string; source: Source | undefined }> {
    const fileHash = await hashOf(file);
    const first = workbook.worksheets[0]?.name;
    const sheet = requested ?? first ?? '';
    return { hash: sheetContentHash(fileHash, sheet), source: findDuplicateSheet(fileHash, sheet, first, await listSources(workspaceId)) };
  }

  return {
    async preview(request) {
      const { file, workspaceId } = request;
      const head = await readBytes(file, 0, PREVIEW_BYTES);
      if (file.size === 0) throw new ImportError('empty', `"${file.name}" is empty (0 bytes).`);
      const kind = fileKind(file.name, head);
      const workbook = kind === 'xlsx' ? await loadWorkbook(await readBytes(file, 0, file.size), file.name) : null;
      const { source: dup } = workbook === null ? await duplicateOf(workspaceId, file) : await duplicateSheetOf(workspaceId, file, workbook, request.sheet);
      const duplicate = dup === undefined ? {} : { duplicateOf: { sourceId: dup.id, title: dup.title } };

      if (kind === 'docx') {
        const { text, warnings } = await docxToText(await readBytes(file, 0, file.size), file.name);
        const parsed = parseTranscript(text, file.name);
        parsed.vendor = 'docx';
        return transcriptPreview(file, parsed, { encoding: 'docx', confidence: 1, bom: false, reason: 'Word document' }, text, [...warnings, ...parsed.warnings], duplicate);
      }
      if (workbook !== null) {
        const rows = readSheetRows(workbook, request.sheet);
        const p = previewRows(rows.slice(0, SAMPLE_ROWS + 3));
        const sheet = request.sheet ?? workbook.worksheets[0]?.name;
        return {
          kind: 'survey',
          fileName: file.name,
          bytes: file.size,
          encoding: { encoding: 'xlsx', confidence: 1, bom: false, reason: 'Excel workbook' },
          textSample: '',
          layout: p.layout,
          roles: p.roles,
          sampleRows: p.sample.slice(0, 20).map((r) => r.cells),
          sheets: listSheets(workbook),
          ...(sheet !== undefined ? { sheet } : {}),
          ...duplicate,
          ...(await updatesOf(workspaceId, p.layout, p.roles, dup)),
        };
      }
      const guess = encodingFor(head, request.encoding);
      const whole = file.size <= PREVIEW_BYTES;
      const decoder = createDecoder(guess.encoding);
      const text = decoder.decode(head) + (whole ? decoder.end() : '');
      assertTextual(file.name, head, text);
      if (text.trim() === '') throw new ImportError('empty', `"${file.name}" contains no text.`);
      if (!isSurveyText(file.name, text)) {
        const full = whole ? text : decodeBytes(await readBytes(file, 0, file.size), guess.encoding);
        const parsed = parseTranscript(full, file.name);
        return transcriptPreview(file, parsed, guess, full, parsed.warnings, duplicate);
      }
      const reader = createTableReader();
      const rows = [...reader.push(text), ...(whole ? reader.end() : [])];
      const p = previewRows(rows.slice(0, SAMPLE_ROWS + 3));
      return {
        kind: 'survey',
        fileName: file.name,
        bytes: file.size,
        encoding: guess,
        textSample: text.split('\n').slice(0, 12).join('\n'),
        layout: p.layout,
        roles: p.roles,
        sampleRows: p.sample.slice(0, 20).map((r) => r.cells),
        ...duplicate,
        ...(await updatesOf(workspaceId, p.layout, p.roles, dup)),
      };
    },

    async run(jobId, plan, onProgress) {
      const started = now();
      const job: Job = { cancelled: false };
      jobs.set(jobId, job);
      const progress = createProgress(plan.file.size, started, tuning.progressMs, onProgress);
      try {
        progress.update({ stage: 'reading' }, true);
        const head = await readBytes(plan.file, 0, PREVIEW_BYTES);
        const kind = plan.file.size === 0 ? null : fileKind(plan.file.name, head);
        const workbook = kind === 'xlsx' ? await loadWorkbook(await readBytes(plan.file, 0, plan.file.size), plan.file.name) : null;
        const { hash, source: dup } = workbook === null ? await duplicateOf(plan.workspaceId, plan.file) : await duplicateSheetOf(plan.workspaceId, plan.file, workbook, plan.sheet);
        if (dup !== undefined) {
          return outcome(started, { status: 'duplicate', sourceId: dup.id, kind: dup.kind, title: dup.title, vendor: dup.vendor, encoding: dup.encoding });
        }
        if (job.cancelled) throw new Cancelled();
        if (plan.file.size === 0) throw new ImportError('empty', `"${plan.file.name}" is empty (0 bytes).`);
        if (kind === 'docx') {
          const { text, warnings } = await docxToText(await readBytes(plan.file, 0, plan.file.size), plan.file.name);
          const parsed = parseTranscript(text, plan.file.name);
          parsed.vendor = 'docx';
          parsed.warnings.push(...warnings);
          return await importTranscript(jobId, job, plan, parsed, 'docx', hash, progress, started, tuning);
        }
        if (workbook !== null) {
          const rows = readSheetRows(workbook, plan.sheet);
          progress.update({ bytesRead: plan.file.size });
          return await importSurvey(jobId, job, plan, chunksOf(rows), 'xlsx', hash, progress, started, [], tuning);
        }
        const guess = encodingFor(head, plan.encoding);
        const headText = decodeBytes(head, guess.encoding);
        assertTextual(plan.file.name, head, headText);
        if (!isSurveyText(plan.file.name, headText)) {
          const text = decodeBytes(await readBytes(plan.file, 0, plan.file.size), guess.encoding);
          if (text.trim() === '') throw new ImportError('empty', `"${plan.file.name}" contains no text.`);
          return await importTranscript(jobId, job, plan, parseTranscript(text, plan.file.name), guess.encoding, hash, progress, started, tuning);
        }
        const reader = createTableReader();
        progress.update({ stage: 'parsing' }, true);
        return await importSurvey(jobId, job, plan, streamRows(plan.file, guess.encoding, reader, progress, job, tuning.parseChunkChars), guess.encoding, hash, progress, started, reader.warnings, tuning);
      } catch (e) {
        if (e instanceof Cancelled) {
          progress.update({ stage: 'cancelled' }, true);
          return outcome(started, { status: 'cancelled', kind: 'survey', title: titleOf(plan), vendor: '', encoding: plan.encoding ?? '' });
        }
        throw e;
      } finally {
        jobs.delete(jobId);
      }
    },

    async cancel(jobId) {
      const job = jobs.get(jobId);
      if (job !== undefined) job.cancelled = true;
    },

    checkRoles(request) {
      return checkRetype(request);
    },

    async changeRoles(jobId, request, restore, onProgress) {
      const started = now();
      const job: Job = { cancelled: false };
      jobs.set(jobId, job);
      let last = 0;
      try {
        const result = await commitRetype(request, {
          cancelled: () => job.cancelled,
          onProgress: (done, total) => {
            if (done < total && now() - last < tuning.progressMs) return;
            last = now();
            // Not awaited: the re-derivation runs inside one IndexedDB transaction, which must not wait on anything else.
            void onProgress({ done, total });
          },
          ...(restore !== undefined ? { restore } : {}),
        });
        return { status: 'changed', result, ms: Math.round(now() - started) };
      } catch (e) {
        if (e instanceof RetypeCancelled) return { status: 'cancelled', ms: Math.round(now() - started) };
        throw e;
      } finally {
        jobs.delete(jobId);
      }
    },
  };
}

type Progress = ReturnType<typeof createProgress>;

function createProgress(bytesTotal: number, started: number, intervalMs: number, onProgress: (p: ImportProgress) => void) {
  const state: ImportProgress = { stage: 'reading', bytesRead: 0, bytesTotal, rowsRead: 0, unitsWritten: 0, rowsPerSecond: 0 };
  let last = 0;
  return {
    state,
    update(change: Partial<ImportProgress>, force = false): void {
      Object.assign(state, change);
      const t = now();
      if (!force && t - last < intervalMs) return;
      last = t;
      const seconds = (t - started) / 1000;
      state.rowsPerSecond = seconds > 0 ? Math.round(state.rowsRead / seconds) : 0;
      // Fire and forget: a comlink proxy call returns a promise we do not need to wait for.
      void Promise.resolve(onProgress({ ...state })).catch(() => undefined);
    },
  };
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function titleOf(plan: ImportPlan): string {
  return plan.title?.trim() || plan.file.name.replace(/\.[^.]+$/, '');
}

function outcome(started: number, o: Pick<ImportOutcome, 'status' | 'kind' | 'title' | 'vendor' | 'encoding'> & Partial<ImportOutcome>): ImportOutcome {
  return { rowsRead: 0, participants: 0, units: 0, alreadyImported: 0, warnings: [], rowsNotImported: [], ...o, ms: Math.round(now() - started) };
}

async function importSurvey(
  jobId: string,
  job: Job,
  plan: ImportPlan,
  rows: AsyncIterable<TableRow[]>,
  encoding: string,
  contentHash: string,
  progress: Progress,
  started: number,
  readerWarnings: readonly RowWarning[],
  tuning: ImportTuning,
): Promise<ImportOutcome> {
  const iterator = rows[Symbol.asyncIterator]();
  // Enough rows to detect the layout the same way the preview did.
  const first: TableRow[] = [];
  let done = false;
  while (first.length < SAMPLE_ROWS + 3 && !done) {
    const next = await iterator.next();
    if (next.done === true) done = true;
    else first.push(...next.value);
  }
  const p = previewRows(first.slice(0, SAMPLE_ROWS + 3));
  const { layout } = p;
  if (done && !first.some((r) => r.row > layout.headerRowCount)) {
    throw new ImportError('no-data', `"${plan.file.name}" has ${layout.headerRowCount === 1 ? 'a header row' : `${layout.headerRowCount} header rows`} but no responses.`);
  }
  const chosen = new Map((plan.roles ?? []).map((r) => [r.id, r.type]));
  const roles: QuestionRole[] = p.roles.map((r) => {
    const type = chosen.get(r.id);
    return type === undefined || type === r.type ? r : { ...r, type, reason: 'chosen by the user' };
  });

  const target = await existingSurvey(plan.workspaceId, layout, roles);
  const sourceId = target?.source.id ?? newId();
  const builder = createSurveyBuilder(layout, target === undefined ? roles : rolesAs(roles, target.questions), {
    sourceId,
    fileName: plan.file.name,
    title: titleOf(plan),
    vendor: layout.vendor,
    encoding,
    contentHash,
    ...(target !== undefined
      ? {
          existingQuestions: target.questions,
          existingParticipantsByExternalId: target.externalIds,
          ...(target.source.seqStride !== undefined ? { seqStride: target.source.seqStride } : {}),
          ...(target.source.respondentCount !== undefined ? { firstRespondentIndex: target.source.respondentCount } : {}),
        }
      : {}),
  });

  const firstChunk = builder.addRows(first);
  let staged: StagedImport | undefined;
  try {
    staged = await beginImport({
      workspaceId: plan.workspaceId,
      sourceId,
      jobId,
      ...(target === undefined ? { spans: spansFor(firstChunk, builder.source.seqStride) } : {}),
    });
    const sink = createBlockSink(staged, tuning.unitsPerStage, builder.keptSlots);
    // Data rows (header rows do not count), as the report counts them.
    let rowsRead = Math.max(0, first.length - layout.headerRowCount);
    progress.update({ stage: 'writing', rowsRead });
    await sink.add(firstChunk, false);
    for (;;) {
      if (job.cancelled) throw new Cancelled();
      const next = await iterator.next();
      if (next.done === true) break;
      rowsRead += next.value.length;
      await sink.add(builder.addRows(next.value), false);
      progress.update({ rowsRead, unitsWritten: staged.meta.units });
    }
    await sink.add({ units: [], participants: [] }, true);
    if (job.cancelled) throw new Cancelled();
    const report = builder.finish();
    if (report.rowsRead === 0) {
      throw new ImportError('no-data', `"${plan.file.name}" has ${layout.headerRowCount === 1 ? 'a header row' : `${layout.headerRowCount} header rows`} but no responses.`);
    }
    const warnings = [...readerWarnings, ...report.warnings].map((w) => ({ ...(w.row > 0 ? { row: w.row } : {}), message: w.message }));
    const result = {
      kind: 'survey' as const,
      vendor: layout.vendor,
      encoding,
      rowsRead: report.rowsRead,
      participants: report.participants,
      units: report.units,
      alreadyImported: report.alreadyImported,
      warnings,
      rowsNotImported: report.rowsNotImported,
    };
    if (target !== undefined && report.participants === 0) {
      // Every respondent is here already: leave the source as it is.
      await staged.abort();
      progress.update({ stage: 'done' }, true);
      return outcome(started, { status: 'imported', sourceId, title: target.source.title, appendedTo: { sourceId, title: target.source.title }, ...result });
    }
    progress.update({ stage: 'committing', rowsRead, unitsWritten: staged.meta.units }, true);
    const stamp = new Date().toISOString();
    const source: Source =
      target === undefined
        ? { ...builder.source }
        : { ...target.source, updatedAt: stamp, respondentCount: builder.source.respondentCount ?? target.source.respondentCount ?? 0, contentHash };
    await staged.commit({ source, questions: builder.questions, participants: [] });
    progress.update({ stage: 'done', unitsWritten: staged.meta.units }, true);
    return outcome(started, {
      status: 'imported',
      sourceId,
      title: source.title,
      ...(target !== undefined ? { appendedTo: { sourceId, title: target.source.title } } : {}),
      ...result,
    });
  } catch (e) {
    await staged?.abort();
    throw e;
  }
}

async function importTranscript(
  jobId: string,
  job: Job,
  plan: ImportPlan,
  parsed: ReturnType<typeof parseTranscript>,
  encoding: string,
  contentHash: string,
  progress: Progress,
  started: number,
  tuning: ImportTuning,
): Promise<ImportOutcome> {
  const records = transcriptRecords(parsed, { fileName: plan.file.name, encoding, contentHash });
  const source: Source = { ...records.source, title: titleOf(plan) };
  const interviewers = plan.interviewers === undefined ? undefined : new Set(plan.interviewers);
  const participants = records.participants.map((p): Participant => (interviewers === undefined ? p : { ...p, role: interviewers.has(p.name) ? 'interviewer' : 'participant' }));
  const chunk = { units: records.units, participants: [] };
  const staged = await beginImport({ workspaceId: plan.workspaceId, sourceId: source.id, jobId, spans: spansFor(chunk, undefined) });
  try {
    if (job.cancelled) throw new Cancelled();
    progress.update({ stage: 'writing', bytesRead: plan.file.size, rowsRead: records.units.length });
    const sink = createBlockSink(staged, tuning.unitsPerStage);
    await sink.add(chunk, true);
    if (job.cancelled) throw new Cancelled();
    progress.update({ stage: 'committing', unitsWritten: staged.meta.units }, true);
    await staged.commit({ source, questions: [], participants });
    progress.update({ stage: 'done' }, true);
    return outcome(started, {
      status: 'imported',
      sourceId: source.id,
      kind: parsed.kind,
      title: source.title,
      vendor: parsed.vendor,
      encoding,
      rowsRead: records.units.length,
      participants: participants.length,
      units: records.units.length,
      warnings: parsed.warnings.map((message) => ({ message })),
    });
  } catch (e) {
    await staged.abort();
    throw e;
  }
}

/** Block spans for a new source from its first records. */
function spansFor(chunk: SurveyChunk, seqStride: number | undefined): { unitSpan: number; respondentSpan: number } {
  let min = Infinity;
  let max = -Infinity;
  let chars = 0;
  for (const u of chunk.units) {
    min = Math.min(min, u.seq);
    max = Math.max(max, u.seq);
    chars += u.text.length;
  }
  // Respondents without answers still take their seq slots: measure the range over respondents too.
  if (seqStride !== undefined && chunk.participants.length > 0) {
    const idx = chunk.participants.map((p) => respondentIndexOf(p)?.index ?? 0);
    min = Math.min(min, Math.min(...idx) * seqStride);
    max = Math.max(max, (Math.max(...idx) + 1) * seqStride - 1);
  }
  const sample = chunk.participants.slice(0, 200);
  const bytes = sample.reduce((n, p) => n + JSON.stringify(p.attributes).length + p.name.length + (p.externalId?.length ?? 0), 0) / Math.max(1, sample.length);
  return {
    unitSpan: chooseUnitSpan({ units: chunk.units.length, textChars: chars, seqRange: chunk.units.length === 0 ? 1 : max - min + 1, ...(seqStride !== undefined ? { seqStride } : {}) }),
    respondentSpan: chooseRespondentSpan(bytes),
  };
}

/**
 * Collects units and respondents into blocks and hands complete blocks to the store: a block is complete
 * once a later block has started (records arrive in seq / respondent order), or at the end.
 */
function createBlockSink(staged: StagedImport, unitsPerStage: number, keptSlots: readonly number[] = []) {
  const { sourceId, unitSpan, respondentSpan } = staged;
  const openUnits = new Map<number, Unit[]>();
  const openRespondents = new Map<number, Participant[]>();
  const openCells = new Map<number, KeptRow[]>();
  let unitBatch: UnitBlock[] = [];
  let respondentBatch: RespondentBlock[] = [];
  let cellBatch: CellBlock[] = [];
  let batchUnits = 0;

  async function flush(final: boolean, unitLimit: number, respondentLimit: number, cellLimit: number): Promise<void> {
    for (const [block, units] of openUnits) {
      if (!final && block >= unitLimit) continue;
      openUnits.delete(block);
      if (block < staged.firstStagedUnitBlock) await staged.mergeUnits(block, units);
      else {
        // Sentiment is scored here, off the UI thread, so a new source never needs the backfill pass.
        // Sentiment is scored by the unit index after the import lands (search-service.ts): scoring here tripled the
        // import's time (wink's tokenizer, ~10 µs an answer) while the user waits on the progress bar.
        unitBatch.push(encodeUnitBlock(sourceId, block, units));
        batchUnits += units.length;
      }
    }
    for (const [block, people] of openRespondents) {
      if (!final && block >= respondentLimit) continue;
      openRespondents.delete(block);
      if (block < staged.firstStagedRespondentBlock) await staged.mergeRespondents(block, people);
      else respondentBatch.push(encodeRespondentBlock(sourceId, block, people));
    }
    for (const [block, rows] of openCells) {
      if (!final && block >= cellLimit) continue;
      openCells.delete(block);
      if (block < staged.firstStagedCellBlock) await staged.mergeCells(block, rows, keptSlots);
      else cellBatch.push(encodeCellBlock(sourceId, block, rows, keptSlots));
    }
    if (final || batchUnits >= unitsPerStage || respondentBatch.length >= 64 || cellBatch.length >= 64) {
      if (unitBatch.length === 0 && respondentBatch.length === 0 && cellBatch.length === 0) return;
      const units = unitBatch;
      const respondents = respondentBatch;
      const cells = cellBatch;
      unitBatch = [];
      respondentBatch = [];
      cellBatch = [];
      batchUnits = 0;
      await staged.stage(units, respondents, cells);
    }
  }

  let unitLimit = 0;
  let respondentLimit = 0;
  let cellLimit = 0;
  return {
    async add(chunk: SurveyChunk, final: boolean): Promise<void> {
      for (const u of chunk.units) {
        const block = Math.floor(u.seq / unitSpan);
        const list = openUnits.get(block);
        if (list === undefined) openUnits.set(block, [u]);
        else list.push(u);
        if (block > unitLimit) unitLimit = block;
      }
      for (const p of chunk.participants) {
        const at = respondentIndexOf(p);
        if (at === null) throw new Error(`Respondent ${p.id} does not follow the respondent id convention`);
        const block = Math.floor(at.index / respondentSpan);
        const list = openRespondents.get(block);
        if (list === undefined) openRespondents.set(block, [p]);
        else list.push(p);
        if (block > respondentLimit) respondentLimit = block;
      }
      for (const k of chunk.kept ?? []) {
        const block = Math.floor(k.index / CELL_SPAN);
        const row: KeptRow = { index: k.index, row: k.row, values: new Map(Object.entries(k.values).map(([slot, v]) => [Number(slot), v])) };
        const list = openCells.get(block);
        if (list === undefined) openCells.set(block, [row]);
        else list.push(row);
        if (block > cellLimit) cellLimit = block;
      }
      await flush(final, unitLimit, respondentLimit, cellLimit);
    },
  };
}

interface TargetSurvey {
  source: Source;
  questions: Question[];
  externalIds: Map<string, { id: string }>;
}

/** A survey in the workspace this export is a newer download of (same vendor and columns, a respondent id column). */
async function existingSurvey(workspaceId: string, layout: SurveyLayout, roles: readonly QuestionRole[]): Promise<TargetSurvey | undefined> {
  if (!roles.some((r) => r.type === 'id')) return undefined;
  for (const source of await listSources(workspaceId)) {
    if (source.kind !== 'survey' || source.seqStride === undefined || source.respondentCount === undefined) continue;
    const questions = await listQuestions(workspaceId, source.id);
    if (!isSameSurvey({ vendor: source.vendor, questions }, { vendor: layout.vendor, roles })) continue;
    if ((await sourceMeta(workspaceId, source.id)) === undefined) continue;
    return { source, questions, externalIds: await respondentExternalIds(workspaceId, source.id) };
  }
  return undefined;
}

/** The workspace already decided these columns' types; a new sample must not flip them. */
function rolesAs(roles: readonly QuestionRole[], questions: readonly Question[]): QuestionRole[] {
  return roles.map((r) => {
    const q = questions.find((x) => x.label === r.label && x.text === r.text);
    return q && q.type !== r.type ? { ...r, type: q.type, reason: 'as in the survey this export is appended to' } : r;
  });
}

async function updatesOf(workspaceId: string, layout: SurveyLayout, roles: readonly QuestionRole[], duplicate: Source | undefined): Promise<Pick<Extract<ImportPreview, { kind: 'survey' }>, 'updates'>> {
  if (duplicate !== undefined) return {};
  const target = await existingSurvey(workspaceId, layout, roles);
  return target === undefined ? {} : { updates: { sourceId: target.source.id, title: target.source.title, knownRespondents: target.source.respondentCount ?? 0 } };
}

function transcriptPreview(
  file: File,
  parsed: ReturnType<typeof parseTranscript>,
  encoding: Extract<ImportPreview, { kind: 'transcript' | 'notes' }>['encoding'],
  text: string,
  warnings: string[],
  duplicate: { duplicateOf?: { sourceId: string; title: string } },
): ImportPreview {
  const counts = new Map<string, number>();
  for (const u of parsed.units) if (u.speaker !== undefined) counts.set(u.speaker, (counts.get(u.speaker) ?? 0) + 1);
  return {
    kind: parsed.kind,
    fileName: file.name,
    bytes: file.size,
    encoding,
    textSample: text.split('\n').slice(0, 12).join('\n'),
    vendor: parsed.vendor,
    speakers: parsed.speakers.map((s) => ({ name: s.name, isInterviewerGuess: s.isInterviewerGuess, utterances: counts.get(s.name) ?? 0 })),
    units: parsed.units.length,
    warnings,
    ...duplicate,
  };
}

function fileKind(fileName: string, head: Uint8Array): FileKind {
  const ext = extOf(fileName);
  const container = sniffContainer(head);
  if (ext === 'docx') return 'docx';
  if (ext === 'xlsx' || ext === 'xlsm' || (container === 'zip' && !SURVEY_EXT.has(ext) && !TRANSCRIPT_EXT.has(ext))) return 'xlsx';
  if (!SURVEY_EXT.has(ext) && !TRANSCRIPT_EXT.has(ext) && ext !== '') {
    throw new ImportError('unsupported', `Loupe cannot import "${fileName}": supported files are .csv, .tsv, .xlsx, .vtt, .srt, .txt, .md and .docx.`);
  }
  return 'text';
}

function isSurveyText(fileName: string, text: string): boolean {
  const ext = extOf(fileName);
  return SURVEY_EXT.has(ext) || ((ext === 'txt' || ext === 'text' || ext === '') && looksTabular(text));
}

function extOf(fileName: string): string {
  return (/\.([^.]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
}

function encodingFor(head: Uint8Array, chosen: SupportedEncoding | undefined): EncodingGuess {
  return chosen !== undefined ? { encoding: chosen, confidence: 1, bom: false, reason: 'chosen by the user' } : detectEncoding(head);
}

async function* chunksOf(rows: readonly TableRow[]): AsyncIterable<TableRow[]> {
  for (let i = 0; i < rows.length; i += 5000) yield rows.slice(i, i + 5000);
}

/** The file's rows as they are read and decoded (papaparse via the core table reader). */
async function* streamRows(file: File, encoding: SupportedEncoding, reader: ReturnType<typeof createTableReader>, progress: Progress, job: Job, chunkChars: number): AsyncIterable<TableRow[]> {
  const decoder = createDecoder(encoding);
  let text = '';
  let bytesRead = 0;
  for await (const bytes of readChunks(file, chunkChars)) {
    if (job.cancelled) throw new Cancelled();
    bytesRead += bytes.length;
    text += decoder.decode(bytes);
    progress.update({ bytesRead });
    if (text.length < chunkChars) continue;
    const rows = reader.push(text);
    text = '';
    if (rows.length > 0) yield rows;
  }
  text += decoder.end();
  const rows = [...reader.push(text), ...reader.end()];
  if (rows.length > 0) yield rows;
}

async function* readChunks(file: Blob, sliceBytes = 4 * 1024 * 1024): AsyncIterable<Uint8Array> {
  if (typeof file.stream === 'function') {
    const reader = file.stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  // jsdom's Blob has no stream(): read slices.
  for (let at = 0; at < file.size; at += sliceBytes) yield await readBytes(file, at, at + sliceBytes);
}

async function readBytes(file: Blob, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, Math.min(end, file.size)).arrayBuffer());
}

/** SHA-256 of the file, hex (the same hash the CLI stores): native digest when there is one, else streamed. */
async function contentHash(file: File): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle !== undefined) {
    try {
      return toHex(new Uint8Array(await subtle.digest('SHA-256', await file.arrayBuffer())));
    } catch {
      // Fall through to the portable hash (e.g. a test environment without a working digest).
    }
  }
  const sha = createSha256();
  for await (const bytes of readChunks(file)) sha.update(bytes);
  return sha.hex();
}
