/**
 * Changing survey question roles after import (the import worker runs this; see workers/import-service.ts).
 *
 * checkRetype() says what a change would do without writing: answers that stop being units and the coding
 * on them, or why it cannot be done. commitRetype() re-derives the source's units, respondents' attributes
 * and kept cells (core import/retype.ts) in ONE strict-durability transaction, so a crash or a cancel leaves
 * the old state or the new one, never a mix. Every question owns a seq slot, so units that stay keep their
 * ids (and their taggings); highlights, taggings and comments on units that go away are deleted in the same
 * transaction and returned, and clusterings lose those members: passing them back as `restore` with the
 * inverse changes is the undo.
 */
import type { Clustering, Comment, Highlight, Question, QuestionType, Source, Tagging, Unit } from '../../../core/model';
import { derivationOf, planRoleChanges, retypeRespondent, surveyUnit, withAttributes, type RoleChange } from '../../../core/import/retype';
import { nowIso } from '../../../core/ids';
import { parseUnitId } from '../../../core/unit-id';
import { CELL_SPAN, countUnitBlock, decodeCellBlock, decodeRespondentBlock, decodeUnitBlock, encodeCellBlock, encodeRespondentBlock, encodeUnitBlock, type KeptRow } from './blocks';
import { registryDb, workspaceDb } from './connections';
import { holdLock } from './locks';
import { WorkspaceDb, type SourceMeta, type UnitBlock } from './schema';

export interface RetypeRequest {
  workspaceId: string;
  sourceId: string;
  changes: { questionId: string; type: QuestionType }[];
}

/** What a role change would do (nothing written). */
export interface RetypeCheck {
  /** The changes that do something (no-ops dropped). */
  changes: RoleChange[];
  /** Why it cannot be done, for the user. */
  blocked?: string;
  /** Answers that stop being units (leaving open text). */
  unitsRemoved: number;
  /** Of those, units that carry taggings or highlights, and the coding records that go with them. */
  codedUnitsRemoved: number;
  taggings: number;
  highlights: number;
  comments: number;
}

/** Coding removed with the units (and the clusterings as they were): what an undo puts back. */
export interface RemovedCoding {
  highlights: Highlight[];
  taggings: Tagging[];
  comments: Comment[];
  clusterings: Clustering[];
}

export interface RetypeResult {
  changes: RoleChange[];
  unitsAdded: number;
  unitsRemoved: number;
  respondentsChanged: number;
  removed: RemovedCoding;
}

export interface RetypeHooks {
  /** Respondents processed so far, of total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between blocks; true aborts the transaction (nothing changes). */
  cancelled?: () => boolean;
  /** Coding to put back in the same transaction (an undo). */
  restore?: RemovedCoding;
}

/** A role change that cannot be made; the message is for the user. Nothing was written. */
export class RetypeError extends Error {
  override readonly name = 'RetypeError';
}

export class RetypeCancelled extends Error {
  override readonly name = 'RetypeCancelled';
}

interface Loaded {
  source: Source;
  meta: SourceMeta;
  questions: Question[];
  changes: RoleChange[];
}

async function load(db: WorkspaceDb, request: RetypeRequest): Promise<Loaded | { blocked: string; changes: RoleChange[] }> {
  const source = await db.sources.get(request.sourceId);
  const meta = await db.sourceMeta.get(request.sourceId);
  if (source === undefined || meta === undefined) return { blocked: 'This survey is no longer in the workspace.', changes: [] };
  if (source.kind !== 'survey' || source.seqStride === undefined) return { blocked: 'Only survey questions have roles.', changes: [] };
  if (meta.status !== 'ready' || meta.staging !== undefined) return { blocked: 'An import into this survey is still running; change roles once it has finished.', changes: [] };
  const questions = await db.questions.where('sourceId').equals(source.id).toArray();
  const planned = planRoleChanges(questions, request.changes);
  if ('error' in planned) return { blocked: planned.error, changes: [] };
  const fromIgnored = planned.filter((c) => derivationOf(c.from) === 'kept');
  if (fromIgnored.length > 0) {
    // Respondents whose value is known, per slot: every respondent, or the column was not kept.
    const known = new Map<number, number>(fromIgnored.map((c) => [c.order, 0]));
    await db.surveyCells.where(':id').between([source.id, 0], [source.id, Infinity], true, true).each((b) => {
      for (const s of b.covers) if (known.has(s)) known.set(s, known.get(s)! + b.index.length);
    });
    const missing = fromIgnored.filter((c) => known.get(c.order)! < meta.respondents);
    if (missing.length > 0) {
      const names = missing.map((c) => `“${c.label}”`).join(', ');
      return {
        blocked: `${names} ${missing.length === 1 ? 'was' : 'were'} ignored at import, and this survey was imported before Loupe kept ignored columns, so ${missing.length === 1 ? 'its answers are' : 'their answers are'} not in the workspace. Re-import the file to use ${missing.length === 1 ? 'it' : 'them'}.`,
        changes: planned,
      };
    }
  }
  return { source, meta, questions, changes: planned };
}

/** Coding records on the units the changes remove (every unit of a question leaving open text). */
async function codingOnRemoved(db: WorkspaceDb, source: Source, changes: readonly RoleChange[]): Promise<RemovedCoding & { units: Set<string> }> {
  const leaving = new Set(changes.filter((c) => c.from === 'open' && c.to !== 'open').map((c) => c.order));
  const stride = source.seqStride ?? 1;
  const goes = (unitId: string): boolean => {
    const at = parseUnitId(unitId);
    return at !== null && at.sourceId === source.id && leaving.has(at.seq % stride);
  };
  const out = { highlights: [] as Highlight[], taggings: [] as Tagging[], comments: [] as Comment[], clusterings: [] as Clustering[], units: new Set<string>() };
  if (leaving.size === 0) return out;
  const prefix = `${source.id}:`;
  out.taggings = (await db.taggings.where('unitId').between(prefix, `${prefix}\uffff`, true, true).toArray()).filter((t) => goes(t.unitId));
  out.highlights = (await db.highlights.where('unitId').between(prefix, `${prefix}\uffff`, true, true).toArray()).filter((h) => goes(h.unitId));
  for (const r of [...out.taggings, ...out.highlights]) out.units.add(r.unitId);
  const highlightIds = new Set(out.highlights.map((h) => h.id));
  out.comments = (await db.comments.toArray()).filter((c) => (c.targetTable === 'units' && goes(c.targetId)) || (c.targetTable === 'highlights' && highlightIds.has(c.targetId)));
  out.clusterings = (await db.clusterings.toArray()).filter((k) => k.clusters.some((c) => c.unitIds.some(goes)));
  return out;
}

export async function checkRetype(request: RetypeRequest): Promise<RetypeCheck> {
  const db = workspaceDb(request.workspaceId);
  const loaded = await load(db, request);
  const empty = { unitsRemoved: 0, codedUnitsRemoved: 0, taggings: 0, highlights: 0, comments: 0 };
  if ('blocked' in loaded) return { changes: loaded.changes, blocked: loaded.blocked, ...empty };
  const { source, meta, changes } = loaded;
  const coding = await codingOnRemoved(db, source, changes);
  const unitsRemoved = changes.filter((c) => c.from === 'open').reduce((n, c) => n + (meta.questionCounts[c.questionId] ?? 0), 0);
  return { changes, unitsRemoved, codedUnitsRemoved: coding.units.size, taggings: coding.taggings.length, highlights: coding.highlights.length, comments: coding.comments.length };
}

/** Re-derives the source under the new roles, all or nothing (see the module comment). */
export async function commitRetype(request: RetypeRequest, hooks: RetypeHooks = {}): Promise<RetypeResult> {
  const { workspaceId, sourceId } = request;
  // Fail fast rather than wait for a running import's lock (checked again inside the transaction).
  if ((await workspaceDb(workspaceId).sourceMeta.get(sourceId))?.staging !== undefined) {
    throw new RetypeError('An import into this survey is still running; change roles once it has finished.');
  }
  const release = await holdLock(`loupe-import:${workspaceId}:${sourceId}`);
  const strict = new WorkspaceDb(workspaceId, { durability: 'strict' });
  try {
    const tables = [strict.sources, strict.questions, strict.unitBlocks, strict.respondentBlocks, strict.surveyCells, strict.sourceMeta, strict.taggings, strict.highlights, strict.comments, strict.clusterings, strict.lineageState];
    const result = await strict.transaction('rw', tables, async () => {
      const loaded = await load(strict, request);
      if ('blocked' in loaded) throw new RetypeError(loaded.blocked);
      return rederive(strict, loaded, hooks);
    });
    await noteRetyped(workspaceId, result, hooks.restore);
    return result;
  } finally {
    strict.close();
    release();
  }
}

interface CellSlot {
  rows: Map<number, KeptRow>;
  covers: Set<number>;
  dirty: boolean;
}

interface UnitSlot {
  units: Map<number, Unit>;
  before: UnitBlock | undefined;
  dirty: boolean;
}

async function rederive(db: WorkspaceDb, { source, meta: committed, questions, changes }: Loaded, hooks: RetypeHooks): Promise<RetypeResult> {
  const now = nowIso();
  const sourceId = source.id;
  const stride = source.seqStride!;
  const meta: SourceMeta = structuredClone(committed);
  const byOrder = new Map(questions.map((q) => [q.order, q]));
  const result: RetypeResult = { changes, unitsAdded: 0, unitsRemoved: 0, respondentsChanged: 0, removed: { highlights: [], taggings: [], comments: [], clusterings: [] } };

  const unitCache = new Map<number, UnitSlot>();
  const cellCache = new Map<number, CellSlot>();
  // Questions becoming 'ignored' are kept for every respondent from now on.
  const toKept = changes.filter((c) => derivationOf(c.to) === 'kept').map((c) => c.order);
  // Only IndexedDB requests may be awaited inside the transaction (an await on anything else lets it
  // commit early), so cached blocks are looked up synchronously and only a load is awaited.
  async function loadUnitBlock(block: number): Promise<UnitSlot> {
    let slot = unitCache.get(block);
    if (slot === undefined) {
      const before = block < meta.blockCounts.length ? await db.unitBlocks.get([sourceId, block]) : undefined;
      slot = { units: new Map((before === undefined ? [] : decodeUnitBlock(before)).map((u) => [u.seq, u])), before, dirty: false };
      unitCache.set(block, slot);
    }
    return slot;
  }
  async function loadCellBlock(block: number): Promise<CellSlot> {
    let slot = cellCache.get(block);
    if (slot === undefined) {
      const stored = await db.surveyCells.get([sourceId, block]);
      const covers = new Set(stored?.covers ?? []);
      const dirty = toKept.some((o) => !covers.has(o));
      for (const o of toKept) covers.add(o);
      slot = { rows: new Map((stored === undefined ? [] : decodeCellBlock(stored)).map((r) => [r.index, r])), covers, dirty };
      cellCache.set(block, slot);
    }
    return slot;
  }
  async function flushUnits(below: number): Promise<void> {
    for (const [block, slot] of [...unitCache].sort((a, b) => a[0] - b[0])) {
      if (block >= below) continue;
      unitCache.delete(block);
      if (!slot.dirty) continue;
      const next = encodeUnitBlock(sourceId, block, [...slot.units.values()]);
      countUnitBlock(meta, next, slot.before);
      if (next.seq.length === 0) await db.unitBlocks.delete([sourceId, block]);
      else await db.unitBlocks.put(next);
    }
  }
  async function flushCells(below: number): Promise<void> {
    for (const [block, slot] of cellCache) {
      if (block >= below) continue;
      cellCache.delete(block);
      if (slot.dirty) await db.surveyCells.put(encodeCellBlock(sourceId, block, [...slot.rows.values()], slot.covers));
    }
  }

  const respondentBlocks = committed.respondentBlocks;
  let done = 0;
  for (let rb = 0; rb < respondentBlocks; rb++) {
    if (hooks.cancelled?.() === true) throw new RetypeCancelled('Cancelled: the survey is unchanged.');
    const stored = await db.respondentBlocks.get([sourceId, rb]);
    if (stored !== undefined) {
      const people = decodeRespondentBlock(stored);
      let changedHere = false;
      for (let i = 0; i < people.length; i++) {
        const p = people[i]!;
        const index = stored.index[i]!;
        const cells = cellCache.get(Math.floor(index / CELL_SPAN)) ?? (await loadCellBlock(Math.floor(index / CELL_SPAN)));
        const keptRow = cells.rows.get(index);
        const units = new Map<number, string>();
        let row: number | undefined = keptRow?.row ?? undefined;
        for (const c of changes) {
          if (c.from !== 'open') continue;
          const seq = index * stride + c.order;
          const u = (unitCache.get(Math.floor(seq / meta.unitSpan)) ?? (await loadUnitBlock(Math.floor(seq / meta.unitSpan)))).units.get(seq);
          if (u === undefined) continue;
          units.set(c.order, u.text);
          row ??= u.row;
        }
        const answers = { attributes: { ...p.attributes }, units, kept: keptRow === undefined ? undefined : new Map(keptRow.values) };
        const out = retypeRespondent(answers, changes);
        // No kept row (nothing was ignored at import): a unit the respondent already has knows the data row.
        if (row === undefined && (out.added.length > 0 || answers.kept !== undefined)) {
          const base = index * stride;
          const slot = unitCache.get(Math.floor(base / meta.unitSpan)) ?? (await loadUnitBlock(Math.floor(base / meta.unitSpan)));
          for (let o = 0; o < stride && row === undefined; o++) row = slot.units.get(base + o)?.row;
        }
        for (const order of out.removed) {
          const seq = index * stride + order;
          const slot = unitCache.get(Math.floor(seq / meta.unitSpan)) ?? (await loadUnitBlock(Math.floor(seq / meta.unitSpan)));
          slot.units.delete(seq);
          slot.dirty = true;
          result.unitsRemoved++;
        }
        for (const order of out.added) {
          const question = byOrder.get(order)!;
          const unit = surveyUnit(sourceId, stride, index, question, answers.units.get(order)!, row, now);
          const slot = unitCache.get(Math.floor(unit.seq / meta.unitSpan)) ?? (await loadUnitBlock(Math.floor(unit.seq / meta.unitSpan)));
          slot.units.set(unit.seq, unit);
          slot.dirty = true;
          result.unitsAdded++;
        }
        if (keptRow === undefined && toKept.length > 0) answers.kept ??= new Map();
        if (answers.kept !== undefined && (keptRow === undefined || !sameValues(answers.kept, keptRow.values))) {
          cells.rows.set(index, { index, row: row ?? null, values: answers.kept });
          cells.dirty = true;
        }
        const next = withAttributes(p, answers.attributes, now);
        if (next !== p) {
          people[i] = next;
          changedHere = true;
          result.respondentsChanged++;
        }
      }
      if (changedHere) await db.respondentBlocks.put(encodeRespondentBlock(sourceId, rb, people));
      done += people.length;
    }
    hooks.onProgress?.(done, committed.respondents);
    // Respondents arrive in index order: blocks wholly before the next respondent block are complete.
    const nextIndex = (rb + 1) * committed.respondentSpan;
    await flushUnits(Math.floor((nextIndex * stride) / meta.unitSpan));
    await flushCells(Math.floor(nextIndex / CELL_SPAN));
  }
  await flushUnits(Infinity);
  await flushCells(Infinity);

  // Coding on units that went away goes with them (returned for an undo); an undo's records come back.
  const coding = changes.some((c) => c.from === 'open') ? await codingOnRemoved(db, source, changes) : { highlights: [], taggings: [], comments: [], clusterings: [], units: new Set<string>() };
  result.removed = { highlights: coding.highlights, taggings: coding.taggings, comments: coding.comments, clusterings: coding.clusterings };
  if (coding.taggings.length > 0) await db.taggings.bulkDelete(coding.taggings.map((t) => t.id));
  if (coding.highlights.length > 0) await db.highlights.bulkDelete(coding.highlights.map((h) => h.id));
  if (coding.comments.length > 0) await db.comments.bulkDelete(coding.comments.map((c) => c.id));
  for (const k of coding.clusterings) {
    await db.clusterings.put({ ...k, updatedAt: now, clusters: k.clusters.map((c) => ({ ...c, unitIds: c.unitIds.filter((id) => !isLeaving(id, sourceId, stride, changes)) })) });
  }
  if (hooks.restore !== undefined) {
    await db.highlights.bulkPut(hooks.restore.highlights);
    await db.taggings.bulkPut(hooks.restore.taggings);
    await db.comments.bulkPut(hooks.restore.comments);
    await db.clusterings.bulkPut(hooks.restore.clusterings);
  }

  for (const c of changes) {
    const q = questions.find((x) => x.id === c.questionId)!;
    await db.questions.put({ ...q, type: c.to, updatedAt: now });
  }
  await db.sources.put({ ...source, updatedAt: now });
  meta.revision = (meta.revision ?? 0) + 1;
  await db.sourceMeta.put(meta);
  return result;
}

function isLeaving(unitId: string, sourceId: string, stride: number, changes: readonly RoleChange[]): boolean {
  const at = parseUnitId(unitId);
  return at !== null && at.sourceId === sourceId && changes.some((c) => c.from === 'open' && c.to !== 'open' && c.order === at.seq % stride);
}

function sameValues(a: ReadonlyMap<number, string>, b: ReadonlyMap<number, string> | undefined): boolean {
  if (b === undefined) return a.size === 0;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** Registry counts are a cache beside the workspace database; the workspace now differs from its file. */
async function noteRetyped(workspaceId: string, r: RetypeResult, restored: RemovedCoding | undefined): Promise<void> {
  const registry = registryDb();
  await registry.transaction('rw', registry.workspaces, async () => {
    const entry = await registry.workspaces.get(workspaceId);
    if (entry === undefined) return;
    const counts = { ...entry.counts };
    counts.units = Math.max(0, counts.units + r.unitsAdded - r.unitsRemoved);
    counts.taggings = Math.max(0, counts.taggings - r.removed.taggings.length + (restored?.taggings.length ?? 0));
    counts.highlights = Math.max(0, counts.highlights - r.removed.highlights.length + (restored?.highlights.length ?? 0));
    counts.comments = Math.max(0, counts.comments - r.removed.comments.length + (restored?.comments.length ?? 0));
    await registry.workspaces.put({ ...entry, counts, dirty: true, updatedAt: nowIso() });
  });
}
