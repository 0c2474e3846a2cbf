/**
 * A workspace's records: whole-workspace import/export (for `.loupe` files) and the paged reads the sections
 * show. Plain functions over the per-workspace Dexie database; counts live in the registry.
 *
 * Units and survey respondents are stored in blocks (schema.ts, blocks.ts); these functions hide that and
 * speak model records. Readers see only what imports committed: a source's meta bounds every block read.
 */
import Dexie, { type Table } from 'dexie';
import { TABLES, type Highlight, type Participant, type Question, type Source, type Unit, type WorkspaceSnapshot } from '../../../core/model';
import { newId, nowIso } from '../../../core/ids';
import type { Clustering, EvidenceLink, Insight, Report, Tag, Tagging } from '../../../core/model';
import { describeIssue, recordSchemas } from '../../../core/schemas';
import { parseRespondentId, parseUnitId } from '../../../core/unit-id';
import { countRecords, reusableUnitParts, writeWorkspaceEntries, type FinishEncoding, type ReusedUnitParts } from '../../../core/workspace-file';
import { scoreSentiment } from '../../../core/sentiment';
import type { FileUnitBlock } from '../../../core/workspace-units';
import { blockSentiment, decodeRespondentBlock, decodeUnitBlock, findRespondent, findSeq, layoutRecords, respondentAt, unitAt } from './blocks';
import { registryDb, workspaceDb } from './connections';
import { allTables, lineageTables, RECORD_TABLES, type LineageState, type RecordTableName, type RespondentBlock, type SourceMeta, type TaggingBlock, type UnitBlock, type WorkspaceDb, type WorkspaceEntry } from './schema';
import { addTaggings, countTaggingsByTag, readAllTaggings } from './tagging-blocks';
import { UNITS_VERSION_KEY, keepUnitsVersion } from './units-version';
import { getWorkspace } from './workspaces';
import { workerEntryEncoder } from '../workers/zip-entry-client';

/** A snapshot that cannot be stored; the message names the table and record. Nothing was written. */
export class SnapshotImportError extends Error {
  override readonly name = 'SnapshotImportError';
}

/** Importing a workspace whose id already exists, without saying what to do about the local copy. */
export class WorkspaceExistsError extends Error {
  override readonly name = 'WorkspaceExistsError';
  constructor(readonly existing: WorkspaceEntry) {
    super(`A workspace named “${existing.name}” with the same id is already on this computer.`);
  }
}

export interface ImportOptions {
  /** Store under a new workspace id (the records keep theirs: each workspace is its own database). */
  asCopy?: boolean;
  /** Overwrite the local workspace with the same id. Without it (or asCopy) an existing id is an error. */
  replace?: boolean;
  /** The file it came from, recorded as saved (not dirty). */
  file?: { name: string; path: string | null };
  /** Mark as changed since the last save. Defaults to true unless it came from a file. */
  dirty?: boolean;
  /** Runs inside the import's transaction (which also covers lineageTables), e.g. to record the file's lineage with the records. */
  within?: (db: WorkspaceDb) => Promise<void>;
  /**
   * The snapshot comes straight from decodeWorkspace, which checked every record against the same schemas and
   * unit-id rules: skip the second check (seconds at a million units) and record `approxBytes` as the size.
   */
  decoded?: { approxBytes: number };
}

/**
 * Stores a whole snapshot in ONE transaction: either every record lands or none does (and a replaced
 * workspace keeps its old records). Records are validated first, so a bad file fails with a clear message.
 */
export async function importSnapshot(snapshot: WorkspaceSnapshot, options: ImportOptions = {}): Promise<WorkspaceEntry> {
  const approxBytes = options.decoded?.approxBytes ?? validateSnapshot(snapshot);
  const existing = await getWorkspace(snapshot.meta.id);
  if (existing !== undefined && options.asCopy !== true && options.replace !== true) throw new WorkspaceExistsError(existing);

  const now = nowIso();
  const id = options.asCopy === true ? newId() : snapshot.meta.id;
  const layout = layoutRecords(snapshot.tables.sources, snapshot.tables.units, snapshot.tables.participants);
  const db = workspaceDb(id);
  await db.transaction('rw', [...allTables(db), ...lineageTables(db)], async () => {
    for (const table of allTables(db)) await table.clear();
    // bulkAdd (not bulkPut): a duplicate id is a damaged snapshot and must abort the whole transaction.
    for (const name of RECORD_TABLES) {
      if (name === 'taggings') await addTaggings(db, snapshot.tables.taggings);
      else await recordTable(db, name).bulkAdd(name === 'participants' ? layout.participants : snapshot.tables[name]);
    }
    await db.unitBlocks.bulkAdd(layout.unitBlocks);
    await db.respondentBlocks.bulkAdd(layout.respondentBlocks);
    await db.sourceMeta.bulkAdd(layout.metas);
    await options.within?.(db);
  });

  const entry: WorkspaceEntry = {
    id,
    name: options.asCopy === true ? `${snapshot.meta.name} (copy)` : snapshot.meta.name,
    createdAt: options.asCopy === true ? now : snapshot.meta.createdAt,
    updatedAt: options.asCopy === true ? now : snapshot.meta.updatedAt,
    lastOpenedAt: now,
    dirty: options.dirty ?? (options.file === undefined || options.asCopy === true),
    counts: countRecords(snapshot.tables),
    approxBytes,
  };
  if (options.file !== undefined && options.asCopy !== true) {
    entry.fileName = options.file.name;
    entry.savedAt = now;
    if (options.file.path !== null) entry.filePath = options.file.path;
  }
  await registryDb().workspaces.put(entry);
  return entry;
}

function recordTable(db: WorkspaceDb, name: RecordTableName): Table<object, string> {
  return db.table(name);
}

/** Checks every record against the model's schemas; returns the approximate size in bytes. */
function validateSnapshot(snapshot: WorkspaceSnapshot): number {
  let bytes = 0;
  for (const name of TABLES) {
    const schema = recordSchemas[name];
    const records: unknown[] = snapshot.tables[name];
    records.forEach((record, index) => {
      const result = schema.safeParse(record);
      if (!result.success) {
        const issue = result.error.issues[0];
        const why = issue === undefined ? 'it is not valid' : describeIssue(issue, record);
        throw new SnapshotImportError(`Record ${index + 1} of ${name} cannot be stored: ${why}.`);
      }
      bytes += JSON.stringify(record).length;
    });
  }
  const seen = new Set<string>();
  snapshot.tables.units.forEach((u, index) => {
    // Units are found by id alone (core/unit-id.ts): the id must be the unit's address.
    if (u.id !== `${u.sourceId}:${u.seq}`) {
      throw new SnapshotImportError(`Record ${index + 1} of units cannot be stored: its id must be "${u.sourceId}:${u.seq}", found "${u.id}".`);
    }
    if (seen.has(u.id)) throw new SnapshotImportError(`Record ${index + 1} of units cannot be stored: id ${u.id} is used twice.`);
    seen.add(u.id);
  });
  return bytes;
}

/** The whole workspace as a snapshot (one read transaction, so the copy is consistent). */
export async function exportSnapshot(workspaceId: string): Promise<WorkspaceSnapshot> {
  const entry = await getWorkspace(workspaceId);
  if (entry === undefined) throw new Error(`No workspace ${workspaceId}`);
  const db = workspaceDb(workspaceId);
  return db.transaction('r', allTables(db), async () => {
    const metas = (await db.sourceMeta.toArray()).filter((m) => m.status === 'ready');
    const units: Unit[] = [];
    const respondents: Participant[] = [];
    for (const meta of metas) {
      for (const b of await committedUnitBlocks(db, meta)) units.push(...decodeUnitBlock(b));
      const rb = await db.respondentBlocks.where(':id').between([meta.sourceId, 0], [meta.sourceId, meta.respondentBlocks], true, false).toArray();
      for (const b of rb) respondents.push(...decodeRespondentBlock(b));
    }
    return {
      meta: { id: entry.id, name: entry.name, createdAt: entry.createdAt, updatedAt: entry.updatedAt },
      tables: {
        sources: await db.sources.toArray(),
        participants: [...(await db.participants.toArray()), ...respondents],
        questions: await db.questions.toArray(),
        units,
        tags: await db.tags.toArray(),
        highlights: await db.highlights.toArray(),
        taggings: await readAllTaggings(db),
        clusterings: await db.clusterings.toArray(),
        insights: await db.insights.toArray(),
        reports: await db.reports.toArray(),
        comments: await db.comments.toArray(),
      },
    };
  });
}

/** A save being written (encodeForSave): what lineage needs to know, and the rest of the encoding. */
export interface SaveEncoding {
  /** Every table; `units` empty, `participants` and `taggings` only the records not kept in blocks. */
  snapshot: WorkspaceSnapshot;
  respondentBlocks: RespondentBlock[];
  taggingBlocks: TaggingBlock[];
  /** The seqs of the saved units, per source, one list per block. */
  unitSeqs: Map<string, number[][]>;
  /** The units version read with the units (units-version.ts); undefined when none is kept yet. */
  unitsVersion: string | undefined;
  /** True when the units are the head file's entries, copied (nothing was read or encoded for them). */
  reusedUnits: boolean;
  /** Checksums, manifest and the further entries given (lineage.json): the file's bytes. */
  finish: FinishEncoding;
}

/** Unit blocks read per request while a save streams them into the file (~4 MB of text). */
export const SAVE_PAGE_BLOCKS = 128;

/**
 * Writes the whole workspace into a file being encoded, in ONE read transaction (a consistent copy). What storage
 * keeps in blocks stays in them: each committed unit block becomes one file block (both hold ≤ 256 units of one
 * source, in seq order), respondent and tagging blocks go as stored — no record is built for a million units,
 * 250k respondents or 200k bulk taggings. Unit blocks are read a page at a time, the next page's read under way
 * while this one is written, and deflated in workers meanwhile (core writeWorkspaceEntries).
 */
export async function encodeForSave(workspaceId: string, appVersion: string, head?: HeadUnits): Promise<SaveEncoding> {
  const entry = await getWorkspace(workspaceId);
  if (entry === undefined) throw new Error(`No workspace ${workspaceId}`);
  const db = workspaceDb(workspaceId);
  return db.transaction('r', [...allTables(db), db.lineageState], async () => {
    const [allMetas, [state, versionRecord]] = await Promise.all([db.sourceMeta.toArray(), db.lineageState.bulkGet(['state', UNITS_VERSION_KEY])]);
    const metas = allMetas.filter((m) => m.status === 'ready');
    const unitsVersion = versionRecord?.key === UNITS_VERSION_KEY ? versionRecord.version : undefined;
    const reused = head === undefined || state?.key !== 'state' ? null : headUnitParts(head, state, unitsVersion, metas);
    // Pages of unit blocks by block number (block numbers may have gaps): [from, from + SAVE_PAGE_BLOCKS).
    const readPage = (meta: SourceMeta, from: number) =>
      db.unitBlocks.where(':id').between([meta.sourceId, from], [meta.sourceId, Math.min(meta.blockCounts.length, from + SAVE_PAGE_BLOCKS)], true, false).toArray();
    // Every small read asked for at once, and the first page of units too: storage works through them while this
    // thread takes in the answers one by one.
    const firstPage = metas.length > 0 && reused === null ? readPage(metas[0]!, 0) : undefined;
    const [respondentLists, sources, participants, questions, tags, highlights, taggings, clusterings, insights, reports, comments, taggingBlocks] = await Promise.all([
      Promise.all(metas.map((meta) => db.respondentBlocks.where(':id').between([meta.sourceId, 0], [meta.sourceId, meta.respondentBlocks], true, false).toArray())),
      db.sources.toArray(),
      db.participants.toArray(),
      db.questions.toArray(),
      db.tags.toArray(),
      db.highlights.toArray(),
      db.taggings.toArray(),
      db.clusterings.toArray(),
      db.insights.toArray(),
      db.reports.toArray(),
      db.comments.toArray(),
      db.taggingBlocks.toArray(),
    ]);
    const respondentBlocks = respondentLists.flat().filter((b) => b.index.length > 0);
    const snapshot: WorkspaceSnapshot = {
      meta: { id: entry.id, name: entry.name, createdAt: entry.createdAt, updatedAt: entry.updatedAt },
      tables: { sources, participants, questions, units: [], tags, highlights, taggings, clusterings, insights, reports, comments },
    };
    if (reused !== null) {
      const finish = await writeWorkspaceEntries(snapshot, { appVersion, entryEncoder: workerEntryEncoder, respondentBlocks, taggingBlocks, unitParts: reused });
      return { snapshot, respondentBlocks, taggingBlocks, unitSeqs: head!.unitSeqs, unitsVersion, reusedUnits: true, finish };
    }
    const unitSeqs = new Map<string, number[][]>();
    const finish = await writeWorkspaceEntries(snapshot, {
      appVersion,
      entryEncoder: workerEntryEncoder,
      respondentBlocks,
      taggingBlocks,
      unitBlocks: async (emit) => {
        for (const [m, meta] of metas.entries()) {
          const seqs: number[][] = [];
          unitSeqs.set(meta.sourceId, seqs);
          const end = meta.blockCounts.length;
          let next = m === 0 && firstPage !== undefined ? firstPage : readPage(meta, 0);
          for (let from = 0; from < end; from += SAVE_PAGE_BLOCKS) {
            const page = await next;
            // Ask for the next page before writing this one: storage reads it meanwhile.
            if (from + SAVE_PAGE_BLOCKS < end) next = readPage(meta, from + SAVE_PAGE_BLOCKS);
            const blocks = page.filter((b) => b.seq.length > 0);
            for (const b of blocks) seqs.push(b.seq);
            emit(blocks.map(fileBlockOf));
          }
        }
      },
    });
    return { snapshot, respondentBlocks, taggingBlocks, unitSeqs, unitsVersion, reusedUnits: false, finish };
  });
}

/** The head's file and its units' seqs (from lineage's in-memory index), offered to a save for reuse. */
export interface HeadUnits {
  saveId: string;
  bytes: Uint8Array;
  unitSeqs: Map<string, number[][]>;
}

/**
 * The head file's unit entries when the stored units are exactly that file's: the head is still `head`, it was
 * saved with the units version that is current now (no unit written since), its entries are as this version
 * writes them, and the counts agree with storage's. Otherwise null (the units are encoded from storage).
 */
function headUnitParts(head: HeadUnits, state: LineageState, unitsVersion: string | undefined, metas: readonly SourceMeta[]): ReusedUnitParts | null {
  if (state.head !== head.saveId || state.unitsVersion === undefined || state.unitsVersion !== unitsVersion) return null;
  const parts = reusableUnitParts(head.bytes);
  if (parts === null) return null;
  let total = 0;
  for (const meta of metas) {
    let seqs = 0;
    for (const list of head.unitSeqs.get(meta.sourceId) ?? []) seqs += list.length;
    if (seqs !== meta.units) return null;
    total += seqs;
  }
  return total === parts.units ? parts : null;
}

/** A storage block as a file block (workspace-units.ts): the same columns, without the storage keys. */
function fileBlockOf(b: UnitBlock): FileUnitBlock {
  const out: FileUnitBlock = { sourceId: b.sourceId, seq: b.seq, text: b.text, dict: b.dict, participant: b.participant, question: b.question, createdAt: b.createdAt, updatedAt: b.updatedAt };
  if (b.speaker !== undefined) out.speaker = b.speaker;
  if (b.section !== undefined) out.section = b.section;
  if (b.startSec !== undefined) out.startSec = b.startSec;
  if (b.row !== undefined) out.row = b.row;
  if (b.extra !== undefined) out.extra = b.extra;
  return out;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

export interface PageRequest {
  /** Exclusive lower bound on `seq` (keyset paging). */
  after?: number;
  /** Skip this many items first (cheap at any depth: blocks carry their counts). Ignored when `after` is given. */
  offset?: number;
  limit: number;
}

/** A source's committed storage layout and counts; undefined for unknown or still-importing sources. */
export async function sourceMeta(workspaceId: string, sourceId: string): Promise<SourceMeta | undefined> {
  return readyMeta(workspaceDb(workspaceId), sourceId);
}

async function readyMeta(db: WorkspaceDb, sourceId: string): Promise<SourceMeta | undefined> {
  const meta = await db.sourceMeta.get(sourceId);
  return meta?.status === 'ready' ? meta : undefined;
}

async function committedUnitBlocks(db: WorkspaceDb, meta: SourceMeta, from = 0, limit = Infinity): Promise<UnitBlock[]> {
  const range = db.unitBlocks.where(':id').between([meta.sourceId, from], [meta.sourceId, meta.blockCounts.length], true, false);
  return Number.isFinite(limit) ? range.limit(limit).toArray() : range.toArray();
}

export async function listSources(workspaceId: string): Promise<Source[]> {
  const sources = await workspaceDb(workspaceId).sources.toArray();
  return sources.sort((a, b) => (b.date ?? b.createdAt).localeCompare(a.date ?? a.createdAt));
}

export async function getSource(workspaceId: string, sourceId: string): Promise<Source | undefined> {
  return workspaceDb(workspaceId).sources.get(sourceId);
}

/** Units and participants per source, from the counts the repositories keep (no records are walked). */
export async function sourceStats(workspaceId: string, sourceIds: string[]): Promise<Map<string, { units: number; participants: number }>> {
  const db = workspaceDb(workspaceId);
  const stats = new Map<string, { units: number; participants: number }>();
  const metas = await db.sourceMeta.bulkGet(sourceIds);
  for (const [i, id] of sourceIds.entries()) {
    const meta = metas[i];
    const ready = meta?.status === 'ready' ? meta : undefined;
    const others = await db.participants.where('sourceIds').equals(id).count();
    stats.set(id, { units: ready?.units ?? 0, participants: (ready?.respondents ?? 0) + others });
  }
  return stats;
}

/** Average committed units per block, to size block reads for a page. */
function blocksFor(meta: SourceMeta, items: number): number {
  const perBlock = meta.units / Math.max(1, meta.blockCounts.length);
  return Math.min(256, Math.max(1, Math.ceil(items / Math.max(1, perBlock)) + 1));
}

/** A source's units in order, one page at a time (keyset with `after`, or by `offset`). */
export async function listSourceUnits(workspaceId: string, sourceId: string, page: PageRequest): Promise<Page<Unit>> {
  const db = workspaceDb(workspaceId);
  if (page.limit <= 0) return { items: [], next: null };
  const firstPage = page.after === undefined && (page.offset ?? 0) === 0;
  // The first page (what a section shows on open) reads its blocks alongside the meta: one round trip.
  const [meta, head] = await Promise.all([
    readyMeta(db, sourceId),
    firstPage ? db.unitBlocks.where(':id').between([sourceId, 0], [sourceId, Infinity], true, true).limit(Math.min(64, Math.ceil(page.limit / 16) + 1)).toArray() : [],
  ]);
  if (meta === undefined) return { items: [], next: null };
  let block = 0;
  let skip = 0;
  let after = -1;
  if (page.after !== undefined) {
    after = page.after;
    block = Math.floor((after + 1) / meta.unitSpan);
  } else if (page.offset !== undefined && page.offset > 0) {
    // Per-block counts locate the offset without reading the blocks before it.
    let left = page.offset;
    while (block < meta.blockCounts.length && left >= (meta.blockCounts[block] ?? 0)) left -= meta.blockCounts[block++] ?? 0;
    skip = left;
  }
  const items: Unit[] = [];
  let blocks = head.filter((b) => b.block < meta.blockCounts.length);
  while (items.length < page.limit && block < meta.blockCounts.length) {
    if (blocks.length === 0) blocks = await committedUnitBlocks(db, meta, block, blocksFor(meta, page.limit - items.length + skip));
    if (blocks.length === 0) break;
    for (const b of blocks) {
      for (let i = 0; i < b.seq.length && items.length < page.limit; i++) {
        if (b.seq[i]! <= after) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        items.push(unitAt(b, i));
      }
    }
    block = blocks[blocks.length - 1]!.block + 1;
    blocks = [];
  }
  return { items, next: items.length === page.limit ? (items[items.length - 1]?.seq ?? null) : null };
}

/**
 * Every committed unit of a source, block by block (search, clustering, export of one source): `onUnits`
 * gets them in seq order, a few thousand at a time.
 */
export async function forEachSourceUnit(workspaceId: string, sourceId: string, onUnits: (units: Unit[]) => void | Promise<void>): Promise<void> {
  const db = workspaceDb(workspaceId);
  const meta = await readyMeta(db, sourceId);
  if (meta === undefined) return;
  let block = 0;
  while (block < meta.blockCounts.length) {
    const blocks = await committedUnitBlocks(db, meta, block, 64);
    if (blocks.length === 0) break;
    await onUnits(blocks.flatMap(decodeUnitBlock));
    block = blocks[blocks.length - 1]!.block + 1;
  }
}

export async function listQuestions(workspaceId: string, sourceId?: string): Promise<Question[]> {
  const table = workspaceDb(workspaceId).questions;
  const questions = sourceId === undefined ? await table.toArray() : await table.where('sourceId').equals(sourceId).toArray();
  return questions.sort((a, b) => a.order - b.order);
}

/** Answers to one question in source order, one page at a time (blocks found through their question keys). */
export async function listAnswers(workspaceId: string, questionId: string, page: PageRequest): Promise<Page<Unit>> {
  const db = workspaceDb(workspaceId);
  const question = await db.questions.get(questionId);
  const meta = question === undefined ? undefined : await readyMeta(db, question.sourceId);
  if (meta === undefined || page.limit <= 0) return { items: [], next: null };
  const after = page.after ?? -1;
  let skip = page.after === undefined ? (page.offset ?? 0) : 0;
  let block = Math.floor((after + 1) / meta.unitSpan);
  const end = meta.blockCounts.length;
  const items: Unit[] = [];
  const share = (meta.questionCounts[questionId] ?? 0) / Math.max(1, meta.units);
  while (items.length < page.limit && block < end) {
    const want = blocksFor(meta, Math.ceil((page.limit - items.length + skip) / Math.max(share, 0.01)));
    const blocks = await db.unitBlocks.where('qk').between([questionId, block], [questionId, end], true, false).limit(want).toArray();
    if (blocks.length === 0) break;
    for (const b of blocks) {
      const q = b.dict.indexOf(questionId);
      for (let i = 0; i < b.seq.length && items.length < page.limit; i++) {
        if (b.question[i] !== q || b.seq[i]! <= after) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        items.push(unitAt(b, i));
      }
    }
    block = blocks[blocks.length - 1]!.block + 1;
  }
  return { items, next: items.length === page.limit ? (items[items.length - 1]?.seq ?? null) : null };
}

/** Number of answers to one question: kept with the source's stats, never counted on read. */
export async function countAnswers(workspaceId: string, questionId: string): Promise<number> {
  const db = workspaceDb(workspaceId);
  const question = await db.questions.get(questionId);
  const meta = question === undefined ? undefined : await readyMeta(db, question.sourceId);
  return meta?.questionCounts[questionId] ?? 0;
}

/** One participant's units in source order: a respondent's answers sit in one block; speakers are indexed. */
export async function listParticipantUnits(workspaceId: string, participantId: string): Promise<Unit[]> {
  const db = workspaceDb(workspaceId);
  const respondent = parseRespondentId(participantId);
  const units: Unit[] = [];
  if (respondent !== null) {
    const source = await db.sources.get(respondent.sourceId);
    const meta = await readyMeta(db, respondent.sourceId);
    if (source?.seqStride !== undefined && meta !== undefined) {
      const first = respondent.index * source.seqStride;
      const from = Math.floor(first / meta.unitSpan);
      const to = Math.min(meta.blockCounts.length, Math.floor((first + source.seqStride - 1) / meta.unitSpan) + 1);
      const blocks = await db.unitBlocks.where(':id').between([meta.sourceId, from], [meta.sourceId, to], true, false).toArray();
      for (const b of blocks) units.push(...pick(b, participantId));
      return units;
    }
  }
  const blocks = await db.unitBlocks.where('pk').between([participantId, Dexie.minKey], [participantId, Dexie.maxKey]).toArray();
  const metas = new Map<string, SourceMeta | undefined>();
  for (const b of blocks) {
    if (!metas.has(b.sourceId)) metas.set(b.sourceId, await readyMeta(db, b.sourceId));
    const meta = metas.get(b.sourceId);
    if (meta !== undefined && b.block < meta.blockCounts.length) units.push(...pick(b, participantId));
  }
  return units;
}

function pick(b: UnitBlock, participantId: string): Unit[] {
  const p = b.dict.indexOf(participantId);
  const out: Unit[] = [];
  if (p < 0) return out;
  for (let i = 0; i < b.seq.length; i++) if (b.participant[i] === p) out.push(unitAt(b, i));
  return out;
}

/** A source's participants: survey respondents in import order (offset paging), then anyone else. */
export async function listSourceParticipants(workspaceId: string, sourceId: string, page: { offset?: number; limit: number }): Promise<Participant[]> {
  const db = workspaceDb(workspaceId);
  const meta = await readyMeta(db, sourceId);
  const offset = page.offset ?? 0;
  const out: Participant[] = [];
  if (meta !== undefined && meta.respondentBlocks > 0) {
    // Respondent blocks are full except the last (indexes are dense), so the offset maps to a block directly.
    let block = Math.floor(offset / meta.respondentSpan);
    let skip = offset - block * meta.respondentSpan;
    while (out.length < page.limit && block < meta.respondentBlocks) {
      const blocks = await db.respondentBlocks.where(':id').between([sourceId, block], [sourceId, meta.respondentBlocks], true, false).limit(8).toArray();
      if (blocks.length === 0) break;
      for (const b of blocks) {
        for (let i = skip; i < b.index.length && out.length < page.limit; i++) out.push(respondentAt(b, i));
        skip = 0;
      }
      block = blocks[blocks.length - 1]!.block + 1;
    }
  }
  if (out.length < page.limit) {
    const rest = Math.max(0, offset - (meta?.respondents ?? 0));
    out.push(...(await db.participants.where('sourceIds').equals(sourceId).offset(rest).limit(page.limit - out.length).toArray()));
  }
  return out;
}

export async function getParticipants(workspaceId: string, ids: string[]): Promise<Map<string, Participant>> {
  const db = workspaceDb(workspaceId);
  const unique = [...new Set(ids)];
  const map = new Map<string, Participant>();
  const plain: string[] = [];
  const wanted = new Map<string, { sourceId: string; block: number; index: number }[]>();
  const metas = new Map<string, SourceMeta | undefined>();
  for (const id of unique) {
    const at = parseRespondentId(id);
    if (at === null) {
      plain.push(id);
      continue;
    }
    if (!metas.has(at.sourceId)) metas.set(at.sourceId, await readyMeta(db, at.sourceId));
    const meta = metas.get(at.sourceId);
    if (meta === undefined) {
      plain.push(id);
      continue;
    }
    const block = Math.floor(at.index / meta.respondentSpan);
    if (block >= meta.respondentBlocks) continue;
    const key = `${at.sourceId}\u0000${block}`;
    const list = wanted.get(key);
    if (list === undefined) wanted.set(key, [{ ...at, block }]);
    else list.push({ ...at, block });
  }
  const keys = [...wanted.values()].map((l): [string, number] => [l[0]!.sourceId, l[0]!.block]);
  const blocks = await db.respondentBlocks.bulkGet(keys);
  for (const [k, list] of [...wanted.values()].entries()) {
    const b = blocks[k];
    if (b === undefined) continue;
    for (const at of list) {
      const i = findRespondent(b, at.index);
      if (i >= 0) map.set(`${at.sourceId}:p${at.index}`, respondentAt(b, i));
    }
  }
  for (const p of await db.participants.bulkGet(plain)) if (p !== undefined) map.set(p.id, p);
  return map;
}

/** Units by id: each id names its source and seq, so its block is found without a per-unit index. */
export async function getUnits(workspaceId: string, ids: string[]): Promise<Map<string, Unit>> {
  const db = workspaceDb(workspaceId);
  const map = new Map<string, Unit>();
  const metas = new Map<string, SourceMeta | undefined>();
  const wanted = new Map<string, { sourceId: string; block: number; seqs: number[] }>();
  for (const id of new Set(ids)) {
    const at = parseUnitId(id);
    if (at === null) continue;
    if (!metas.has(at.sourceId)) metas.set(at.sourceId, await readyMeta(db, at.sourceId));
    const meta = metas.get(at.sourceId);
    if (meta === undefined) continue;
    const block = Math.floor(at.seq / meta.unitSpan);
    if (block >= meta.blockCounts.length) continue;
    const key = `${at.sourceId}\u0000${block}`;
    const entry = wanted.get(key);
    if (entry === undefined) wanted.set(key, { sourceId: at.sourceId, block, seqs: [at.seq] });
    else entry.seqs.push(at.seq);
  }
  const entries = [...wanted.values()];
  const blocks = await db.unitBlocks.bulkGet(entries.map((e): [string, number] => [e.sourceId, e.block]));
  entries.forEach((e, k) => {
    const b = blocks[k];
    if (b === undefined) return;
    for (const seq of e.seqs) {
      const i = findSeq(b, seq);
      if (i >= 0) map.set(`${e.sourceId}:${seq}`, unitAt(b, i));
    }
  });
  return map;
}

export async function getHighlights(workspaceId: string, ids: string[]): Promise<Map<string, Highlight>> {
  const found = await workspaceDb(workspaceId).highlights.bulkGet([...new Set(ids)]);
  const map = new Map<string, Highlight>();
  for (const h of found) if (h !== undefined) map.set(h.id, h);
  return map;
}

export async function listTags(workspaceId: string) {
  const tags = await workspaceDb(workspaceId).tags.toArray();
  return tags.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** Taggings per tag id: the tagId index keys of single taggings, the tag columns of bulk-tagging blocks. */
export async function taggingCountsByTag(workspaceId: string): Promise<Map<string, number>> {
  const db = workspaceDb(workspaceId);
  return db.transaction('r', [db.taggings, db.taggingBlocks], () => countTaggingsByTag(db));
}

export async function listClusterings(workspaceId: string) {
  const rows = await workspaceDb(workspaceId).clusterings.toArray();
  return rows.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function listInsights(workspaceId: string) {
  const rows = await workspaceDb(workspaceId).insights.toArray();
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function listReports(workspaceId: string) {
  const rows = await workspaceDb(workspaceId).reports.toArray();
  return rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** External (export) respondent ids of a source's committed respondents → their participant ids (newer-export imports). */
export async function respondentExternalIds(workspaceId: string, sourceId: string): Promise<Map<string, { id: string }>> {
  const db = workspaceDb(workspaceId);
  const meta = await readyMeta(db, sourceId);
  const map = new Map<string, { id: string }>();
  if (meta === undefined) return map;
  await db.respondentBlocks
    .where(':id')
    .between([sourceId, 0], [sourceId, meta.respondentBlocks], true, false)
    .each((b) => {
      b.externalId.forEach((ext, i) => {
        if (ext !== null) map.set(ext, { id: `${sourceId}:p${b.index[i]!}` });
      });
    });
  for (const p of await db.participants.where('sourceIds').equals(sourceId).toArray()) if (p.externalId !== undefined) map.set(p.externalId, { id: p.id });
  return map;
}

// ——— Analysis reads, insights and reports (features/insights, features/charts, features/reports) ———

/** What analysis needs from imports: changes only when a source is imported or removed. */
export interface AnalysisSourceTables {
  sources: Source[];
  participants: Participant[];
  questions: Question[];
  units: Unit[];
  /** Unit id → sentiment score (−1 … 1), for every unit. */
  sentiment: Map<string, number>;
}

/** Every committed source, participant (survey respondents included), question and unit; units streamed block by block. */
export async function loadAnalysisSources(workspaceId: string): Promise<AnalysisSourceTables> {
  const db = workspaceDb(workspaceId);
  const metas = (await db.sourceMeta.toArray()).filter((m) => m.status === 'ready');
  const ready = new Set(metas.map((m) => m.sourceId));
  const sources = (await db.sources.toArray()).filter((s) => ready.has(s.id));
  const units: Unit[] = [];
  const sentiment = new Map<string, number>();
  const participants: Participant[] = [...(await db.participants.toArray())];
  for (const meta of metas) {
    await forEachUnitBlock(workspaceId, meta.sourceId, (blocks) => {
      for (const b of blocks) {
        // Stored scores when the block has them; a block the unit index has not backfilled yet is scored here.
        const scores = blockSentiment(b);
        for (let i = 0; i < b.seq.length; i++) {
          const unit = unitAt(b, i);
          units.push(unit);
          sentiment.set(unit.id, scores?.[i] ?? scoreSentiment(unit.text).score);
        }
      }
    });
    const rb = await db.respondentBlocks.where(':id').between([meta.sourceId, 0], [meta.sourceId, meta.respondentBlocks], true, false).toArray();
    for (const b of rb) participants.push(...decodeRespondentBlock(b));
  }
  return { sources, participants, questions: await db.questions.toArray(), units, sentiment };
}

/** What coding changes: tags, highlights, taggings and clusterings, read in one transaction. */
export async function loadAnalysisCoding(workspaceId: string): Promise<{ tags: Tag[]; highlights: Highlight[]; taggings: Tagging[]; clusterings: Clustering[] }> {
  const db = workspaceDb(workspaceId);
  return db.transaction('r', [db.tags, db.highlights, db.taggings, db.taggingBlocks, db.clusterings], async () => ({
    tags: await db.tags.toArray(),
    highlights: await db.highlights.toArray(),
    taggings: await readAllTaggings(db),
    clusterings: await db.clusterings.toArray(),
  }));
}

/** Marks the workspace changed and moves its cached insight/report counts (the registry is another database). */
async function noteRecordsChanged(workspaceId: string, delta: Partial<Record<'insights' | 'reports', number>>): Promise<void> {
  const registry = registryDb();
  await registry.transaction('rw', registry.workspaces, async () => {
    const entry = await registry.workspaces.get(workspaceId);
    if (entry === undefined) return;
    const counts = { ...entry.counts, insights: Math.max(0, entry.counts.insights + (delta.insights ?? 0)), reports: Math.max(0, entry.counts.reports + (delta.reports ?? 0)) };
    await registry.workspaces.put({ ...entry, counts, dirty: true, updatedAt: nowIso() });
  });
}

export async function getInsight(workspaceId: string, id: string): Promise<Insight | undefined> {
  return workspaceDb(workspaceId).insights.get(id);
}

export type InsightFields = Pick<Insight, 'title' | 'statement' | 'tagIds' | 'evidence'>;

export async function createInsight(workspaceId: string, fields: InsightFields): Promise<Insight> {
  const now = nowIso();
  const insight: Insight = { id: newId(), createdAt: now, updatedAt: now, ...fields };
  await workspaceDb(workspaceId).insights.add(insight);
  await noteRecordsChanged(workspaceId, { insights: 1 });
  return insight;
}

export async function updateInsight(workspaceId: string, id: string, changes: Partial<InsightFields>): Promise<void> {
  const db = workspaceDb(workspaceId);
  const changed = await db.insights.update(id, { ...changes, updatedAt: nowIso() });
  if (changed === 0) throw new Error(`No insight ${id}`);
  await noteRecordsChanged(workspaceId, {});
}

/** Adds evidence links an insight does not have yet (same kind and ref); returns how many were new. */
export async function addInsightEvidence(workspaceId: string, id: string, links: readonly EvidenceLink[]): Promise<number> {
  const db = workspaceDb(workspaceId);
  const added = await db.transaction('rw', db.insights, async () => {
    const insight = await db.insights.get(id);
    if (insight === undefined) throw new Error(`No insight ${id}`);
    const has = new Set(insight.evidence.map((e) => `${e.kind}\u0000${e.refId}`));
    const fresh = links.filter((l) => !has.has(`${l.kind}\u0000${l.refId}`) && has.add(`${l.kind}\u0000${l.refId}`));
    if (fresh.length > 0) await db.insights.put({ ...insight, evidence: [...insight.evidence, ...fresh], updatedAt: nowIso() });
    return fresh.length;
  });
  if (added > 0) await noteRecordsChanged(workspaceId, {});
  return added;
}

export async function deleteInsight(workspaceId: string, id: string): Promise<void> {
  const db = workspaceDb(workspaceId);
  const existed = (await db.insights.get(id)) !== undefined;
  await db.insights.delete(id);
  if (existed) await noteRecordsChanged(workspaceId, { insights: -1 });
}

export async function getReport(workspaceId: string, id: string): Promise<Report | undefined> {
  return workspaceDb(workspaceId).reports.get(id);
}

export type ReportFields = Pick<Report, 'title' | 'template' | 'summary' | 'sections'>;

export async function createReport(workspaceId: string, fields: ReportFields): Promise<Report> {
  const now = nowIso();
  const report: Report = { id: newId(), createdAt: now, updatedAt: now, ...fields };
  await workspaceDb(workspaceId).reports.add(report);
  await noteRecordsChanged(workspaceId, { reports: 1 });
  return report;
}

export async function updateReport(workspaceId: string, id: string, changes: Partial<ReportFields>): Promise<void> {
  const changed = await workspaceDb(workspaceId).reports.update(id, { ...changes, updatedAt: nowIso() });
  if (changed === 0) throw new Error(`No report ${id}`);
  await noteRecordsChanged(workspaceId, {});
}

export async function deleteReport(workspaceId: string, id: string): Promise<void> {
  const db = workspaceDb(workspaceId);
  const existed = (await db.reports.get(id)) !== undefined;
  await db.reports.delete(id);
  if (existed) await noteRecordsChanged(workspaceId, { reports: -1 });
}

/**
 * Every committed unit block of a source, raw and column-wise, a batch at a time (the search index reads a
 * million units without building a Unit object for each).
 */
export async function forEachUnitBlock(workspaceId: string, sourceId: string, onBlocks: (blocks: UnitBlock[]) => void | Promise<void>): Promise<void> {
  const db = workspaceDb(workspaceId);
  const meta = await readyMeta(db, sourceId);
  if (meta === undefined) return;
  let block = 0;
  while (block < meta.blockCounts.length) {
    const blocks = await committedUnitBlocks(db, meta, block, 256);
    if (blocks.length === 0) break;
    await onBlocks(blocks);
    block = blocks[blocks.length - 1]!.block + 1;
  }
}

/** Ready sources with their committed unit counts (from the stored stats: nothing is walked). */
export async function readySourceCounts(workspaceId: string): Promise<Map<string, number>> {
  const metas = await workspaceDb(workspaceId).sourceMeta.toArray();
  return new Map(metas.filter((m) => m.status === 'ready').map((m) => [m.sourceId, m.units]));
}

/**
 * Stores sentiment columns scored from blocks read earlier (the unit index's backfill, search-service.ts). A block
 * that changed since it was read (a newer export merged into it, a snapshot replaced the workspace) or that has
 * current scores already is left alone. Scores are a cache of the text, not content: the workspace stays as
 * saved (not dirty). Returns how many blocks were written.
 */
export async function storeUnitSentiment(workspaceId: string, scored: readonly UnitBlock[]): Promise<number> {
  if (scored.length === 0) return 0;
  const db = workspaceDb(workspaceId);
  return db.transaction('rw', db.unitBlocks, async () => {
    // Scores are no content of a file: the units version stays (a save may still copy the head's units).
    keepUnitsVersion();
    const current = await db.unitBlocks.bulkGet(scored.map((b): [string, number] => [b.sourceId, b.block]));
    const out: UnitBlock[] = [];
    current.forEach((b, k) => {
      const s = scored[k]!;
      if (b === undefined || blockSentiment(b) !== null || s.sentiment === undefined || !sameTexts(b.text, s.text)) return;
      out.push({ ...b, sentiment: s.sentiment, ...(s.sentimentVersion !== undefined ? { sentimentVersion: s.sentimentVersion } : {}) });
    });
    if (out.length > 0) await db.unitBlocks.bulkPut(out);
    return out.length;
  });
}

function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Ready sources with their revision (bumped by a role change that rewrote them in place). */
export async function readySourceRevisions(workspaceId: string): Promise<Map<string, number>> {
  const metas = await workspaceDb(workspaceId).sourceMeta.toArray();
  return new Map(metas.filter((m) => m.status === 'ready').map((m) => [m.sourceId, m.revision ?? 0]));
}
