/**
 * How an import writes a workspace, all or nothing. Blocks are STAGED beyond the source's committed range
 * in large batched transactions (several in flight, so the parser never waits for IndexedDB), and nothing
 * a reader looks at changes until commit(): one strict-durability transaction that writes the source, its
 * new questions and speakers, the merged boundary blocks and the source's stats. abort() deletes what was
 * staged; if the thread dies instead, recovery.ts does it on the next open (the import's Web Lock tells a
 * dead import from a running one).
 *
 * A newer export of a survey appends after the committed range. The committed block that new units or
 * respondents share (the source's last, partly filled block) is merged in memory and written only by the
 * commit, so readers never see a half-appended block.
 */
import type { Participant, Question, Source } from '../../../core/model';
import { countRespondentBlock, countUnitBlock, decodeCellBlock, decodeRespondentBlock, encodeCellBlock, encodeRespondentBlock, mergeUnitBlock, newSourceMeta, type KeptRow } from './blocks';
import { registryDb, workspaceDb } from './connections';
import { holdLock } from './locks';
import { discardStaged } from './recovery';
import { assertWritable } from './workspaces';
import { WorkspaceDb, type CellBlock, type RespondentBlock, type SourceMeta, type UnitBlock } from './schema';
import type { Unit } from '../../../core/model';

/** Staged write transactions allowed in flight before stage() waits (IndexedDB work overlaps parsing). */
const MAX_IN_FLIGHT = 3;

export interface BeginImport {
  workspaceId: string;
  sourceId: string;
  jobId: string;
  /** A new source: its block spans. Appending to an existing source uses that source's. */
  spans?: { unitSpan: number; respondentSpan: number };
}

export interface StagedImport {
  readonly sourceId: string;
  /** Stats including what is staged (committed by commit()). */
  readonly meta: SourceMeta;
  readonly unitSpan: number;
  readonly respondentSpan: number;
  /** Queue blocks for writing; resolves when there is room for more. Throws the first write error. */
  stage(units: readonly UnitBlock[], respondents: readonly RespondentBlock[], cells?: readonly CellBlock[]): Promise<void>;
  /** Units/respondents falling into committed blocks (appends): merged now, written by commit(). */
  mergeUnits(block: number, units: readonly Unit[]): Promise<void>;
  mergeRespondents(block: number, respondents: readonly Participant[]): Promise<void>;
  /** `covers`: the slots the new rows' values are known for (the import's ignored questions). */
  mergeCells(block: number, rows: readonly KeptRow[], covers: readonly number[]): Promise<void>;
  /** First block numbers that are staged (below them, blocks are committed and must be merged). */
  readonly firstStagedUnitBlock: number;
  readonly firstStagedRespondentBlock: number;
  readonly firstStagedCellBlock: number;
  commit(records: { source: Source; questions: readonly Question[]; participants: readonly Participant[] }): Promise<void>;
  abort(): Promise<void>;
}

export class ImportConflictError extends Error {
  override readonly name = 'ImportConflictError';
}

export async function beginImport(request: BeginImport): Promise<StagedImport> {
  // Reading mode (db/reading-mode.ts): checked in storage, since this runs in the import worker.
  await assertWritable(request.workspaceId);
  const { workspaceId, sourceId, jobId } = request;
  const db = workspaceDb(workspaceId);
  const lock = `loupe-import:${workspaceId}:${sourceId}`;
  const release = await holdLock(lock);
  let committed: SourceMeta | undefined;
  try {
    committed = await db.sourceMeta.get(sourceId);
    if (committed?.staging !== undefined || committed?.status === 'importing') {
      throw new ImportConflictError('Another import into this source is still running; wait for it to finish and import again.');
    }
    if (committed === undefined && request.spans === undefined) throw new Error(`No stored source ${sourceId} to append to`);
  } catch (e) {
    release();
    throw e;
  }
  const spans = committed ?? request.spans!;
  const firstUnit = committed?.blockCounts.length ?? 0;
  const firstRespondent = committed?.respondentBlocks ?? 0;
  // Kept cells: the source's last stored block (if any) may be partly filled; appends merge into it.
  const lastCells = committed === undefined ? undefined : await db.surveyCells.where(':id').between([sourceId, 0], [sourceId, Infinity], true, true).last();
  const firstCell = lastCells === undefined ? 0 : lastCells.block + 1;
  const staging = { jobId, lock, unitBlock: firstUnit, respondentBlock: firstRespondent, cellBlock: firstCell, startedAt: new Date().toISOString() };
  const base: SourceMeta = committed ?? newSourceMeta(sourceId, spans.unitSpan, spans.respondentSpan, 'importing');
  const marked: SourceMeta = { ...base, staging };
  await db.sourceMeta.put(marked);

  const meta: SourceMeta = structuredClone(marked);
  const inFlight: Promise<void>[] = [];
  let failure: unknown;
  const merged = new Map<number, UnitBlock>();
  const mergedRespondents = new Map<number, RespondentBlock>();
  const mergedCells = new Map<number, CellBlock>();
  let finished = false;

  async function drain(limit: number): Promise<void> {
    while (inFlight.length > limit) await inFlight.shift();
    if (failure !== undefined) throw failure;
  }

  return {
    sourceId,
    meta,
    unitSpan: meta.unitSpan,
    respondentSpan: meta.respondentSpan,
    firstStagedUnitBlock: firstUnit,
    firstStagedRespondentBlock: firstRespondent,
    firstStagedCellBlock: firstCell,
    async stage(units, respondents, cells = []) {
      if (failure !== undefined) throw failure;
      for (const b of units) {
        if (b.block < firstUnit) throw new Error(`Block ${b.block} is committed: merge it instead`);
        countUnitBlock(meta, b);
      }
      for (const b of respondents) {
        if (b.block < firstRespondent) throw new Error(`Respondent block ${b.block} is committed: merge it instead`);
        countRespondentBlock(meta, b);
      }
      for (const b of cells) if (b.block < firstCell) throw new Error(`Cell block ${b.block} is committed: merge it instead`);
      const write = db
        .transaction('rw', [db.unitBlocks, db.respondentBlocks, db.surveyCells, db.lineageState], async () => {
          if (units.length > 0) await db.unitBlocks.bulkPut([...units]);
          if (respondents.length > 0) await db.respondentBlocks.bulkPut([...respondents]);
          if (cells.length > 0) await db.surveyCells.bulkPut([...cells]);
        })
        .catch((e: unknown) => {
          failure ??= e;
        });
      inFlight.push(write);
      await drain(MAX_IN_FLIGHT - 1);
    },
    async mergeUnits(block, units) {
      const current = merged.get(block) ?? (await db.unitBlocks.get([sourceId, block]));
      // Re-encoding drops the sentiment column: score the merged block again (≤ 256 units, in the import worker).
      const next = mergeUnitBlock(current, sourceId, block, units); // re-encoded without scores: the unit index re-scores it
      countUnitBlock(meta, next, current);
      merged.set(block, next);
    },
    async mergeRespondents(block, respondents) {
      const current = mergedRespondents.get(block) ?? (await db.respondentBlocks.get([sourceId, block]));
      const next = encodeRespondentBlock(sourceId, block, [...(current === undefined ? [] : decodeRespondentBlock(current)), ...respondents]);
      countRespondentBlock(meta, next, current);
      mergedRespondents.set(block, next);
    },
    async mergeCells(block, rows, covers) {
      const current = mergedCells.get(block) ?? (await db.surveyCells.get([sourceId, block]));
      // A slot is covered when it is known for the block's old rows and for the new ones.
      const both = current === undefined ? covers : current.covers.filter((s) => covers.includes(s));
      mergedCells.set(block, encodeCellBlock(sourceId, block, [...(current === undefined ? [] : decodeCellBlock(current)), ...rows], both));
    },
    async commit({ source, questions, participants }) {
      await drain(0);
      const final: SourceMeta = { ...meta, status: 'ready' };
      delete final.staging;
      // Its own connection: only this transaction needs strict durability (on disk before it completes).
      const strict = new WorkspaceDb(workspaceId, { durability: 'strict' });
      let added: { sources: number; questions: number; participants: number; units: number };
      try {
        added = await strict.transaction('rw', [strict.sources, strict.questions, strict.participants, strict.unitBlocks, strict.respondentBlocks, strict.surveyCells, strict.sourceMeta, strict.lineageState], async () => {
          const before = await strict.sourceMeta.get(sourceId);
          if (before?.staging?.jobId !== jobId) throw new ImportConflictError('This import was cancelled or cleaned up before it could finish.');
          const isNew = (await strict.sources.get(sourceId)) === undefined;
          await strict.sources.put(source);
          if (questions.length > 0) await strict.questions.bulkAdd([...questions]);
          if (participants.length > 0) await strict.participants.bulkPut([...participants]);
          if (merged.size > 0) await strict.unitBlocks.bulkPut([...merged.values()]);
          if (mergedRespondents.size > 0) await strict.respondentBlocks.bulkPut([...mergedRespondents.values()]);
          if (mergedCells.size > 0) await strict.surveyCells.bulkPut([...mergedCells.values()]);
          await strict.sourceMeta.put(final);
          const committedBefore = before.status === 'ready' ? before : undefined;
          return {
            sources: isNew ? 1 : 0,
            questions: questions.length,
            participants: participants.length + final.respondents - (committedBefore?.respondents ?? 0),
            units: final.units - (committedBefore?.units ?? 0),
          };
        });
      } finally {
        strict.close();
      }
      finished = true;
      release();
      await bumpCounts(workspaceId, added);
    },
    async abort() {
      if (finished) return;
      finished = true;
      await Promise.allSettled(inFlight);
      try {
        await discardStaged(db, marked);
      } finally {
        release();
      }
    },
  };
}

/** Registry counts are a cache beside the workspace database (another database: not in the commit transaction). */
async function bumpCounts(workspaceId: string, added: { sources: number; questions: number; participants: number; units: number }): Promise<void> {
  const registry = registryDb();
  await registry.transaction('rw', registry.workspaces, async () => {
    const entry = await registry.workspaces.get(workspaceId);
    if (entry === undefined) return;
    const counts = { ...entry.counts };
    counts.sources += added.sources;
    counts.questions += added.questions;
    counts.participants += added.participants;
    counts.units += added.units;
    await registry.workspaces.put({ ...entry, counts, dirty: true, updatedAt: new Date().toISOString() });
  });
}
