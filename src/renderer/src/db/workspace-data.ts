/**
 * A workspace's records: whole-workspace import/export (for `.loupe` files) and the paged reads the sections
 * show. Plain functions over the per-workspace Dexie database; counts live in the registry.
 */
import Dexie, { type Table } from 'dexie';
import { TABLES, type TableName, type TableRecords, type Highlight, type Participant, type Question, type Source, type Unit, type WorkspaceSnapshot } from '../../../core/model';
import { newId, nowIso } from '../../../core/ids';
import { describeIssue, recordSchemas } from '../../../core/schemas';
import { countRecords } from '../../../core/workspace-file';
import { registryDb, workspaceDb } from './connections';
import { tablesOf, type WorkspaceEntry, type WorkspaceTables } from './schema';
import { getWorkspace } from './workspaces';

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
}

/**
 * Stores a whole snapshot in ONE transaction: either every record lands or none does (and a replaced
 * workspace keeps its old records). Records are validated first, so a bad file fails with a clear message.
 */
export async function importSnapshot(snapshot: WorkspaceSnapshot, options: ImportOptions = {}): Promise<WorkspaceEntry> {
  const approxBytes = validateSnapshot(snapshot);
  const existing = await getWorkspace(snapshot.meta.id);
  if (existing !== undefined && options.asCopy !== true && options.replace !== true) throw new WorkspaceExistsError(existing);

  const now = nowIso();
  const id = options.asCopy === true ? newId() : snapshot.meta.id;
  const db = workspaceDb(id);
  const tables = tablesOf(db);
  await db.transaction('rw', TABLES.map((t) => tables[t]), async () => {
    for (const name of TABLES) await replaceTable(tables, snapshot, name);
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

async function replaceTable<K extends TableName>(tables: WorkspaceTables, snapshot: WorkspaceSnapshot, name: K): Promise<void> {
  const table: Table<TableRecords[K], string> = tables[name];
  await table.clear();
  // bulkAdd (not bulkPut): a duplicate id is a damaged snapshot and must abort the whole transaction.
  await table.bulkAdd(snapshot.tables[name]);
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
  return bytes;
}

/** The whole workspace as a snapshot (one read transaction, so the copy is consistent). */
export async function exportSnapshot(workspaceId: string): Promise<WorkspaceSnapshot> {
  const entry = await getWorkspace(workspaceId);
  if (entry === undefined) throw new Error(`No workspace ${workspaceId}`);
  const db = workspaceDb(workspaceId);
  const t = tablesOf(db);
  return db.transaction('r', TABLES.map((name) => t[name]), async () => ({
    meta: { id: entry.id, name: entry.name, createdAt: entry.createdAt, updatedAt: entry.updatedAt },
    tables: {
      sources: await t.sources.toArray(),
      participants: await t.participants.toArray(),
      questions: await t.questions.toArray(),
      units: await t.units.toArray(),
      tags: await t.tags.toArray(),
      highlights: await t.highlights.toArray(),
      taggings: await t.taggings.toArray(),
      clusterings: await t.clusterings.toArray(),
      insights: await t.insights.toArray(),
      reports: await t.reports.toArray(),
    },
  }));
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  next: number | null;
}

export interface PageRequest {
  /** Exclusive lower bound on `seq` (keyset paging: cheap at any depth, unlike offset()). */
  after?: number;
  limit: number;
}

export async function listSources(workspaceId: string): Promise<Source[]> {
  const sources = await workspaceDb(workspaceId).sources.toArray();
  return sources.sort((a, b) => (b.date ?? b.createdAt).localeCompare(a.date ?? a.createdAt));
}

export async function getSource(workspaceId: string, sourceId: string): Promise<Source | undefined> {
  return workspaceDb(workspaceId).sources.get(sourceId);
}

/** Units and participants per source, counted over index ranges (keys only, never records). */
export async function sourceStats(workspaceId: string, sourceIds: string[]): Promise<Map<string, { units: number; participants: number }>> {
  const db = workspaceDb(workspaceId);
  const stats = new Map<string, { units: number; participants: number }>();
  for (const id of sourceIds) {
    const units = await db.units.where('sourceId').equals(id).count();
    const participants = await db.participants.where('sourceIds').equals(id).count();
    stats.set(id, { units, participants });
  }
  return stats;
}

/** A source's units in order, one page at a time. */
export async function listSourceUnits(workspaceId: string, sourceId: string, page: PageRequest): Promise<Page<Unit>> {
  const items = await workspaceDb(workspaceId)
    .units.where('[sourceId+seq]')
    .between([sourceId, page.after ?? -1], [sourceId, Dexie.maxKey], false, true)
    .limit(page.limit)
    .toArray();
  return { items, next: items.length === page.limit ? (items[items.length - 1]?.seq ?? null) : null };
}

export async function listQuestions(workspaceId: string, sourceId?: string): Promise<Question[]> {
  const table = workspaceDb(workspaceId).questions;
  const questions = sourceId === undefined ? await table.toArray() : await table.where('sourceId').equals(sourceId).toArray();
  return questions.sort((a, b) => a.order - b.order);
}

/** Answers to one question in source order, one page at a time. */
export async function listAnswers(workspaceId: string, questionId: string, page: PageRequest): Promise<Page<Unit>> {
  const items = await workspaceDb(workspaceId)
    .units.where('[questionId+seq]')
    .between([questionId, page.after ?? -1], [questionId, Dexie.maxKey], false, true)
    .limit(page.limit)
    .toArray();
  return { items, next: items.length === page.limit ? (items[items.length - 1]?.seq ?? null) : null };
}

/** Number of answers to one question: counts one index range, not the table. */
export async function countAnswers(workspaceId: string, questionId: string): Promise<number> {
  return workspaceDb(workspaceId).units.where('questionId').equals(questionId).count();
}

export async function getParticipants(workspaceId: string, ids: string[]): Promise<Map<string, Participant>> {
  const unique = [...new Set(ids)];
  const found = await workspaceDb(workspaceId).participants.bulkGet(unique);
  const map = new Map<string, Participant>();
  for (const p of found) if (p !== undefined) map.set(p.id, p);
  return map;
}

export async function getUnits(workspaceId: string, ids: string[]): Promise<Map<string, Unit>> {
  const found = await workspaceDb(workspaceId).units.bulkGet([...new Set(ids)]);
  const map = new Map<string, Unit>();
  for (const u of found) if (u !== undefined) map.set(u.id, u);
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

/** Taggings per tag id, read from the tagId index keys (no records are loaded). */
export async function taggingCountsByTag(workspaceId: string): Promise<Map<string, number>> {
  const keys = await workspaceDb(workspaceId).taggings.orderBy('tagId').keys();
  const counts = new Map<string, number>();
  for (const key of keys) if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
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
