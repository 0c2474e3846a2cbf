/**
 * The working copy's place in its workspace's history (core/merge/lineage): which save it descends from, the
 * saved states a later three-way merge can use as its base, and tombstones noted since the last save.
 *
 * A saved state is the `.loupe` file as written or read (lineage.json included). We keep a few: the head
 * (last save, opened file or merge), the workspace's own file (what "Discard changes" reloads) and the most
 * recent others (e.g. the other researcher's file a merge took in, so their next file merges against it).
 */
import { findCommonAncestor, LINEAGE_ENTRY, lineageEntry, LineageError, pruneTombstones, readLineage, recordSave, writeLineage, type Lineage, type Tombstone } from '../../../core/merge/lineage';
import { mergeWorkspaces, type MergeInput, type MergeResult, type Side } from '../../../core/merge/merge';
import { newId, nowIso } from '../../../core/ids';
import { batchTaggingId } from '../../../core/coding/batch-id';
import { emptyTables, type Participant, type Tagging, type WorkspaceSnapshot } from '../../../core/model';
import { parseUnitId } from '../../../core/unit-id';
import type { RespondentColumns, TaggingColumns } from '../../../core/workspace-blocks';
import { sha256Hex } from '../../../core/sha256';
import { decodeWorkspaceAsync, encodeWorkspaceAsync, readManifest } from '../../../core/workspace-file';
import { registryDb, workspaceDb } from './connections';
import { heldForHead, holdForHead } from './head-memory';
import type { LineageState, WorkspaceDb } from './schema';
import { UNITS_VERSION_KEY, type UnitsVersion } from './units-version';
import { encodeForSave, exportSnapshot, importSnapshot } from './workspace-data';
import { getWorkspace } from './workspaces';

/** Saved states kept per workspace (the head and the file's own state are always kept). */
export const MAX_SAVED_STATES = 4;

/**
 * Records that the tag `fromId` was merged into `intoId` (codebook merge). The next save writes a tombstone
 * naming the survivor, so another researcher's codings of `fromId` follow it when the files are merged.
 */
export async function noteTagMerged(workspaceId: string, fromId: string, intoId: string): Promise<void> {
  const tombstone: Tombstone = { table: 'tags', id: fromId, deletedAt: nowIso(), mergedInto: intoId };
  await workspaceDb(workspaceId).tombstones.put(tombstone);
}

export async function getLineageState(workspaceId: string): Promise<Omit<LineageState, 'key' | 'unitsVersion'>> {
  const state = await stateOf(workspaceDb(workspaceId));
  return { ...(state?.head === undefined ? {} : { head: state.head }), ...(state?.fileHead === undefined ? {} : { fileHead: state.fileHead }) };
}

/** lineageState's 'state' record (the table also holds the units version). */
async function stateOf(db: WorkspaceDb): Promise<LineageState | undefined> {
  const record = await db.lineageState.get('state');
  return record?.key === 'state' ? record : undefined;
}

/** The units version now (units-version.ts); undefined while no unit was written since versions were kept. */
export function unitsVersionOf(record: LineageState | UnitsVersion | undefined): string | undefined {
  return record?.key === UNITS_VERSION_KEY ? record.version : undefined;
}

/** The bytes of a saved state, if this computer still has them. */
export async function savedStateBytes(workspaceId: string, saveId: string): Promise<Uint8Array | undefined> {
  return (await workspaceDb(workspaceId).savedStates.get(saveId))?.bytes;
}

/**
 * The lineage of file bytes, or one derived from their content when the file has none (older files, other
 * tools): two people who open the same lineage-less file then still share an ancestor. Damaged lineage is
 * treated like none, and said.
 */
export function lineageOfFile(bytes: Uint8Array): { lineage: Lineage; bytes: Uint8Array; warning?: string } {
  let warning: string | undefined;
  try {
    const lineage = readLineage(bytes);
    if (lineage !== undefined) return { lineage, bytes };
  } catch (error) {
    if (!(error instanceof LineageError)) throw error;
    warning = error.message;
  }
  const manifest = readManifest(bytes);
  const lineage = recordSave({ meta: manifest.workspace, tables: emptyTables() }, { saveId: `file-${sha256Hex(bytes).slice(0, 32)}`, at: manifest.workspace.updatedAt });
  return { lineage: { ...lineage, tombstones: [] }, bytes: writeLineage(bytes, lineage), ...(warning === undefined ? {} : { warning }) };
}

// ——— What the next save needs of the head, kept in memory ———

/**
 * What a save needs of the previous save (its head) to find what was deleted since: every record id (tags
 * whole and taggings with their tag, for inferMerges), units as seq lists per source. Kept in memory per
 * workspace for its head, so a save does not inflate and parse the whole previous file (seconds at a million
 * units); when it is missing (after a restart) the head's bytes are decoded as before.
 */
interface SavedIndex {
  /** Units empty; other records may hold only their id (taggings: id and tagId; tags: whole). */
  snapshot: WorkspaceSnapshot;
  unitSeqs: Map<string, number[][]>;
}

function rememberHead(workspaceId: string, saveId: string, index: SavedIndex | undefined): void {
  holdForHead(workspaceId, saveId, index);
}

/** The ids a later save compares against, from a snapshot without units and its units' seqs. */
function indexOf(snapshot: WorkspaceSnapshot, unitSeqs: Map<string, number[][]>): SavedIndex {
  const idOnly = <T extends { id: string }>(records: readonly T[]): T[] => records.map((r) => ({ id: r.id }) as T);
  const t = snapshot.tables;
  return {
    snapshot: {
      meta: snapshot.meta,
      tables: {
        sources: idOnly(t.sources),
        participants: idOnly(t.participants),
        questions: idOnly(t.questions),
        units: [],
        tags: t.tags,
        highlights: idOnly(t.highlights),
        taggings: t.taggings.map((x) => ({ id: x.id, tagId: x.tagId }) as Tagging),
        clusterings: idOnly(t.clusterings),
        insights: idOnly(t.insights),
        reports: idOnly(t.reports),
        comments: idOnly(t.comments),
      },
    },
    unitSeqs,
  };
}

/** A full snapshot (a decoded file) → its index. */
function indexOfSnapshot(snapshot: WorkspaceSnapshot): SavedIndex {
  const seqs = new Map<string, number[]>();
  for (const u of snapshot.tables.units) {
    const list = seqs.get(u.sourceId);
    if (list === undefined) seqs.set(u.sourceId, [u.seq]);
    else list.push(u.seq);
  }
  return indexOf({ meta: snapshot.meta, tables: { ...snapshot.tables, units: [] } }, new Map([...seqs].map(([k, v]) => [k, [v]])));
}

/** The lists one after another (a loop: a generator step per unit cost ~0.5 s at a million units). */
function flat(lists: readonly number[][]): number[] {
  let n = 0;
  for (const l of lists) n += l.length;
  const out = new Array<number>(n);
  let i = 0;
  for (const l of lists) for (let k = 0; k < l.length; k++) out[i++] = l[k]!;
  return out;
}

function sameSeqs(a: readonly number[][], b: readonly number[][]): boolean {
  // Usually the same blocks: compared list by list, without copying.
  if (a.length === b.length && a.every((list, i) => list.length === b[i]!.length)) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      const y = b[i]!;
      for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
    }
    return true;
  }
  const x = flat(a);
  const y = flat(b);
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  return true;
}

/** The seqs of `before` that `after` lacks: a merge walk when both ascend (as stored blocks give them), else a set. */
function missing(before: readonly number[], after: readonly number[]): number[] {
  const out: number[] = [];
  if (ascending(before) && ascending(after)) {
    let j = 0;
    for (const seq of before) {
      while (j < after.length && after[j]! < seq) j++;
      if (j >= after.length || after[j] !== seq) out.push(seq);
    }
    return out;
  }
  const alive = new Set(after);
  for (const seq of before) if (!alive.has(seq)) out.push(seq);
  return out;
}

function ascending(seqs: readonly number[]): boolean {
  for (let i = 1; i < seqs.length; i++) if (seqs[i]! <= seqs[i - 1]!) return false;
  return true;
}

/** Tombstones for units of `before` missing from `after`. */
function unitTombstones(before: Map<string, number[][]>, after: Map<string, number[][]>, at: string): Tombstone[] {
  const out: Tombstone[] = [];
  for (const [sourceId, lists] of before) {
    const now = after.get(sourceId) ?? [];
    if (sameSeqs(lists, now)) continue;
    for (const seq of missing(flat(lists), flat(now))) out.push({ table: 'units', id: `${sourceId}:${seq}`, deletedAt: at });
  }
  return out;
}

/** For importSnapshot's `within`: remember the opened file as the working copy's head (and as its file, unless a copy). */
export function recordOpened(
  fileBytes: Uint8Array,
  options: { ownFile: boolean; snapshot?: WorkspaceSnapshot },
): { within: (db: WorkspaceDb) => Promise<void>; warning?: string } {
  const { lineage, bytes, warning } = lineageOfFile(fileBytes);
  return {
    within: async (db) => {
      await db.savedStates.put({ saveId: lineage.head, at: nowIso(), bytes });
      const unitsVersion = await unitsJustWritten(db);
      await db.lineageState.put({ key: 'state', head: lineage.head, ...(options.ownFile ? { fileHead: lineage.head } : {}), ...unitsVersion });
      await db.tombstones.clear();
      // The decoded file is at hand: keep what the next save compares against (valid while this is the head).
      rememberHead(db.workspaceId, lineage.head, options.snapshot === undefined ? undefined : indexOfSnapshot(options.snapshot));
    },
    ...(warning === undefined ? {} : { warning }),
  };
}

/**
 * For importSnapshot's `within`, whose transaction has just stored the units of the file that becomes the head:
 * the units version those writes set, recorded with the head so that the next save can copy that file's units.
 */
async function unitsJustWritten(db: WorkspaceDb): Promise<{ unitsVersion?: string }> {
  const version = unitsVersionOf(await db.lineageState.get(UNITS_VERSION_KEY));
  return version === undefined ? {} : { unitsVersion: version };
}

/** The head's stored file (when there is one) and the tombstones noted since it. */
async function readHead(workspaceId: string): Promise<{ head?: string; bytes?: Uint8Array; pending: Tombstone[] }> {
  const db = workspaceDb(workspaceId);
  const state = await getLineageState(workspaceId);
  const pending = await db.tombstones.toArray();
  if (state.head === undefined) return { pending };
  const bytes = await savedStateBytes(workspaceId, state.head);
  return bytes === undefined ? { head: state.head, pending } : { head: state.head, bytes, pending };
}

/** A head whose file is not stored: its history starts at it. */
function headOnly(head: string): Lineage {
  return { head, saves: [{ saveId: head, parentSaveIds: [], at: nowIso() }], tombstones: [] };
}

/** Like workingLineage, but the head's content as a SavedIndex (from memory when it is there). */
async function headForSave(workspaceId: string): Promise<{ lineage?: Lineage; previous?: SavedIndex; head?: { saveId: string; bytes: Uint8Array }; pending: Tombstone[] }> {
  const { head, bytes, pending } = await readHead(workspaceId);
  if (head === undefined) return { pending };
  if (bytes === undefined) return { lineage: headOnly(head), pending };
  const previous = heldForHead<SavedIndex>(workspaceId, head) ?? indexOfSnapshot(await decodeWorkspaceAsync(bytes));
  return { lineage: lineageOfFile(bytes).lineage, previous, head: { saveId: head, bytes }, pending };
}

/** The working copy's lineage: its head's history plus what was noted since (tag merges). */
async function workingLineage(workspaceId: string): Promise<{ lineage?: Lineage; previous?: WorkspaceSnapshot; pending: Tombstone[] }> {
  const { head, bytes, pending } = await readHead(workspaceId);
  if (head === undefined) return { pending };
  if (bytes === undefined) return { lineage: headOnly(head), pending };
  return { lineage: lineageOfFile(bytes).lineage, previous: await decodeWorkspaceAsync(bytes), pending };
}

export interface PreparedSave {
  bytes: Uint8Array;
  lineage: Lineage;
  /** What the save after this one compares against (kept in memory by commitSave). */
  index?: SavedIndex;
  /** The units version read with the units (undefined: none kept yet); commitSave records it if still current. */
  unitsVersion: string | undefined;
  /** Whether the units were copied from the head's file (its entries) rather than encoded. */
  reusedUnits: boolean;
  /**
   * Where the time went (bench:workspace prints it): the head's file and ids; every table read and written into
   * entries (deflated in workers meanwhile); lineage; the workers drained, checksums, manifest and zip.
   */
  phases: { headMs: number; encodeMs: number; lineageMs: number; finishMs: number };
}

/**
 * The file bytes for a save of the working copy, lineage.json included. Nothing is recorded until commitSave.
 * Units go from the storage blocks to the file's blocks without becoming Unit objects (encodeForSave), and the
 * deletions since the head are found from the head's ids (headForSave), not by decoding its file.
 */
export async function prepareSave(workspaceId: string, appVersion: string): Promise<PreparedSave> {
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const { lineage: prev, previous, head, pending } = await headForSave(workspaceId);
  const headMs = lap();
  const reuse = head !== undefined && previous !== undefined ? { ...head, unitSeqs: previous.unitSeqs } : undefined;
  const { snapshot: stored, respondentBlocks, taggingBlocks, unitSeqs, unitsVersion, reusedUnits, finish } = await encodeForSave(workspaceId, appVersion, reuse);
  const encodeMs = lap();
  const snapshot = withBlockIds(stored, respondentBlocks, taggingBlocks);
  const mergedInto = new Map(pending.flatMap((t) => (t.mergedInto === undefined ? [] : [[t.id, t.mergedInto] as const])));
  const at = nowIso();
  // recordSave sees every table but units (empty on both sides); units are compared by seq lists here.
  const recorded = recordSave(snapshot, {
    at,
    ...(prev !== undefined ? { previous: { snapshot: previous?.snapshot ?? snapshot, lineage: prev } } : {}),
    mergedInto,
  });
  const goneUnits = previous === undefined ? [] : unitTombstones(previous.unitSeqs, unitSeqs, at);
  const lineage: Lineage = { ...recorded, tombstones: pruneTombstones([...recorded.tombstones, ...goneUnits, ...pending], snapshot).filter(unitIsGone(unitSeqs)) };
  const index = indexOf(snapshot, unitSeqs);
  const lineageMs = lap();
  const bytes = await finish({ [LINEAGE_ENTRY]: lineageEntry(lineage) });
  return { bytes, lineage, index, unitsVersion, reusedUnits, phases: { headMs, encodeMs, lineageMs, finishMs: lap() } };
}

/**
 * The snapshot with the records kept in blocks added as what lineage compares (recordSave, indexOf): respondents
 * by id, bulk taggings by id and tag — not whole records, which a save never needs.
 */
function withBlockIds(snapshot: WorkspaceSnapshot, respondents: readonly RespondentColumns[], taggings: readonly TaggingColumns[]): WorkspaceSnapshot {
  const participants = [...snapshot.tables.participants];
  for (const b of respondents) for (const index of b.index) participants.push({ id: `${b.sourceId}:p${index}` } as Participant);
  const all = [...snapshot.tables.taggings];
  for (const b of taggings) b.n.forEach((n, i) => all.push({ id: batchTaggingId(b.batch, n), tagId: b.dict[b.tagId[i]!]! } as Tagging));
  return { meta: snapshot.meta, tables: { ...snapshot.tables, participants, taggings: all } };
}

/** Keeps a tombstone unless it names a unit that exists (pruneTombstones cannot see units the snapshot does not hold). */
function unitIsGone(unitSeqs: Map<string, number[][]>): (t: Tombstone) => boolean {
  const alive = new Map<string, Set<number>>();
  return (t) => {
    if (t.table !== 'units') return true;
    const at = parseUnitId(t.id);
    if (at === null) return true;
    let set = alive.get(at.sourceId);
    if (set === undefined) alive.set(at.sourceId, (set = new Set(flat(unitSeqs.get(at.sourceId) ?? []))));
    return !set.has(at.seq);
  };
}

/** After the bytes were written: they become the head (and the workspace's file state when `ownFile`). */
export async function commitSave(workspaceId: string, save: PreparedSave, options: { ownFile: boolean }): Promise<void> {
  const db = workspaceDb(workspaceId);
  await db.transaction('rw', [db.savedStates, db.lineageState, db.tombstones], async () => {
    const [state, versionRecord] = await db.lineageState.bulkGet(['state', UNITS_VERSION_KEY]);
    await db.savedStates.put({ saveId: save.lineage.head, at: nowIso(), bytes: save.bytes });
    const fileHead = options.ownFile ? save.lineage.head : state?.key === 'state' ? state.fileHead : undefined;
    // The saved units are the stored ones only if no unit was written since the save read them (same version;
    // none at all: no unit was written since versions were kept, so one is started here).
    const current = unitsVersionOf(versionRecord);
    let marked: string | undefined;
    if (current === save.unitsVersion) {
      marked = current ?? newId();
      if (current === undefined) await db.lineageState.put({ key: UNITS_VERSION_KEY, version: marked });
    }
    await db.lineageState.put({ key: 'state', head: save.lineage.head, ...(fileHead === undefined ? {} : { fileHead }), ...(marked === undefined ? {} : { unitsVersion: marked }) });
    await db.tombstones.clear();
    await pruneSavedStates(db, [save.lineage.head, fileHead]);
  });
  rememberHead(workspaceId, save.lineage.head, save.index);
}

async function pruneSavedStates(db: WorkspaceDb, keep: (string | undefined)[]): Promise<void> {
  const pinned = new Set(keep.filter((k): k is string => k !== undefined));
  const all = await db.savedStates.orderBy('at').reverse().primaryKeys();
  const others = all.filter((id) => !pinned.has(id));
  const room = Math.max(0, MAX_SAVED_STATES - pinned.size);
  await db.savedStates.bulkDelete(others.slice(room));
}

// ——— Merging a file into the working copy ———

export interface MergePlan {
  workspaceId: string;
  fileName: string;
  base: MergeInput;
  mine: MergeInput;
  theirs: MergeInput;
  /** The file's bytes with its (possibly derived) lineage: kept as a saved state once merged. */
  theirsBytes: Uint8Array;
  /** Whether the merge runs against the two copies' common ancestor (false: an empty base). */
  baseKnown: boolean;
  /** For the user: what the merge compares against, and any history problem. */
  notes: string[];
}

export async function planMerge(workspaceId: string, file: { name: string; bytes: Uint8Array }, theirs: WorkspaceSnapshot): Promise<MergePlan> {
  const fromFile = lineageOfFile(file.bytes);
  const mineSnapshot = await exportSnapshot(workspaceId);
  const { lineage: mineLineage, pending } = await workingLineage(workspaceId);
  const mine: MergeInput = { snapshot: mineSnapshot, lineage: mineLineage === undefined ? undefined : { ...mineLineage, tombstones: [...mineLineage.tombstones, ...pending] } };
  const notes: string[] = [];
  if (fromFile.warning !== undefined) notes.push(fromFile.warning);
  const ancestor = mineLineage === undefined ? undefined : findCommonAncestor(mineLineage, fromFile.lineage);
  const baseBytes = ancestor === undefined ? undefined : await savedStateBytes(workspaceId, ancestor);
  let base: MergeInput;
  if (ancestor !== undefined && baseBytes !== undefined) {
    base = { snapshot: await decodeWorkspaceAsync(baseBytes), lineage: lineageOfFile(baseBytes).lineage };
    const at = [...fromFile.lineage.saves, ...(mineLineage?.saves ?? [])].find((s) => s.saveId === ancestor)?.at;
    notes.unshift(`Compared with the version both copies share${at === undefined ? '' : ` (saved ${new Date(at).toLocaleString()})`}.`);
  } else {
    base = { snapshot: { meta: mineSnapshot.meta, tables: emptyTables() } };
    notes.unshift(
      ancestor === undefined
        ? 'No common ancestor is known: these copies share no recorded save. Merged against an empty base, so every record that differs between them is listed as a conflict.'
        : 'The version both copies share is no longer on this computer. Merged against an empty base, so every record that differs between them is listed as a conflict.',
    );
  }
  return { workspaceId, fileName: file.name, base, mine, theirs: { snapshot: theirs, lineage: fromFile.lineage }, theirsBytes: fromFile.bytes, baseKnown: baseBytes !== undefined, notes };
}

export function previewMerge(plan: MergePlan, resolutions: Readonly<Record<string, Side>>): MergeResult {
  return mergeWorkspaces(plan.base, plan.mine, plan.theirs, { resolutions });
}

/**
 * Replaces the working copy with the merge result in ONE transaction (records, the merge's lineage, and the
 * file's state as a future base). The workspace stays linked to its own file and is marked unsaved.
 */
export async function applyMerge(plan: MergePlan, resolutions: Readonly<Record<string, Side>>, appVersion: string): Promise<MergeResult> {
  const result = previewMerge(plan, resolutions);
  const before = await getWorkspace(plan.workspaceId);
  const mergedBytes = await encodeWorkspaceAsync(result.snapshot, { appVersion, extraEntries: { [LINEAGE_ENTRY]: lineageEntry(result.lineage) } });
  const theirsHead = plan.theirs.lineage?.head;
  await importSnapshot(result.snapshot, {
    replace: true,
    dirty: true,
    within: async (db) => {
      const state = await stateOf(db);
      if (theirsHead !== undefined) await db.savedStates.put({ saveId: theirsHead, at: nowIso(), bytes: plan.theirsBytes });
      await db.savedStates.put({ saveId: result.lineage.head, at: nowIso(), bytes: mergedBytes });
      const unitsVersion = await unitsJustWritten(db);
      await db.lineageState.put({ key: 'state', head: result.lineage.head, ...(state?.fileHead === undefined ? {} : { fileHead: state.fileHead }), ...unitsVersion });
      await db.tombstones.clear();
      await pruneSavedStates(db, [result.lineage.head, state?.fileHead, theirsHead]);
    },
  });
  if (before !== undefined) {
    const keep: { fileName?: string; filePath?: string; savedAt?: string } = {};
    if (before.fileName !== undefined) keep.fileName = before.fileName;
    if (before.filePath !== undefined) keep.filePath = before.filePath;
    if (before.savedAt !== undefined) keep.savedAt = before.savedAt;
    await registryDb().workspaces.update(plan.workspaceId, keep);
  }
  return result;
}

/** "Discard changes": the workspace as its file last had it, or undefined when that state is not on this computer. */
export async function reloadFromFile(workspaceId: string): Promise<boolean> {
  const state = await getLineageState(workspaceId);
  const entry = await getWorkspace(workspaceId);
  const bytes = state.fileHead === undefined ? undefined : await savedStateBytes(workspaceId, state.fileHead);
  if (bytes === undefined || entry === undefined) return false;
  const snapshot = await decodeWorkspaceAsync(bytes);
  const opened = recordOpened(bytes, { ownFile: true, snapshot });
  await importSnapshot(snapshot, { replace: true, file: { name: entry.fileName ?? 'workspace.loupe', path: entry.filePath ?? null }, within: opened.within });
  return true;
}
