/**
 * The workspace file (`.loupe`): a zip holding `manifest.json` and one newline-delimited JSON entry per table
 * (`tables/<name>.ndjson`, in TABLES order), one record per line — except:
 *   - from format v2, units are stored as blocks of up to 256 units, column-wise (workspace-units.ts);
 *   - from format v3, survey respondents and bulk taggings are stored as column-wise blocks too, in
 *     `blocks/respondents.ndjson` and `blocks/taggings.ndjson` (workspace-blocks.ts); `tables/participants`
 *     and `tables/taggings` then hold only the other records (interview participants, single taggings).
 * Older formats are still read; `formatVersion: 1` or `2` still writes them (tests, tools that read only those).
 *
 * Why a zip of NDJSON: a user (or support) can open it with any unzip tool and read it; a bad record is
 * reported by entry and line; tables stream in pieces, so a million units never become one giant string.
 * Why fflate: pure JS, runs unchanged in node, workers and the renderer, synchronously (CLI, tests) or with its
 * large entries deflated in workers while the next piece is being written (the app's save, zip-entry.ts).
 * Why SHA-256 per entry in the manifest: fflate does not verify the zip's CRCs, and a silently damaged
 * workspace is the worst outcome for a research tool; the same hash later serves import re-detection.
 *
 * Persisted: the entry names, manifest keys and `FORMAT_NAME` are the format. Changing them needs a
 * FORMAT_VERSION bump and a reader for the old version.
 */
import { unzipSync, Zip, ZipDeflate, zipSync, type ZipInputFile, type Zippable } from 'fflate';
import { z } from 'zod';
import { TABLES, emptyTables, type TableName, type TableRecords, type Unit, type WorkspaceSnapshot } from './model';
import { describeIssue, recordSchemas, workspaceMetaSchema } from './schemas';
import { sha256Hex } from './sha256';
import { hasConventionalId } from './unit-id';
import { checkRespondentColumns, checkTaggingColumns, respondentColumnsOf, taggingColumnsOf, type RespondentColumns, type TaggingColumns } from './workspace-blocks';
import { decodeFileBlock, forEachFileBlock, type FileUnitBlock } from './workspace-units';
import { rawZipEntries } from './zip-raw';
import { concatBytes, inProcessEntryEncoder, sha256HexAsync, type EncodedEntry, type EntryEncoder, type EntryEncoderFactory } from './zip-entry';

export const FORMAT_NAME = 'loupe-workspace';
/** 3: respondents and bulk taggings as column-wise blocks too. 2: units as column-wise blocks. 1: one record per line. */
export const FORMAT_VERSION = 3;
export type FormatVersion = 1 | 2 | 3;
/**
 * Deflate level of the table entries. On a million survey answers 6 (zlib's default) took ~1.5× the time of 1 for
 * an entry ~30% smaller; the whole file stays well under the 40% of the raw export it may take, and has to be
 * written in seconds.
 */
const LEVEL = 1;
export const MANIFEST_ENTRY = 'manifest.json';

/**
 * Tables appended to format v1 after its first release: files written before them lack the entry (and its
 * count), which reads as an empty table. Readers that predate a table skip its entry.
 */
export const OPTIONAL_TABLES: ReadonlySet<TableName> = new Set<TableName>(['comments']);

export function tableEntry(table: TableName): string {
  return `tables/${table}.ndjson`;
}

/**
 * Format v3: units are written in parts of about this much NDJSON — `tables/units.ndjson`, then
 * `tables/units.2.ndjson`, `.3` … (listed in the manifest, read in that order) — so that a save's workers deflate
 * the parts side by side instead of one worker deflating 140 MB while the main thread waits for it (24 MB parts
 * gave 3.6–3.8 s first saves of a 1M-answer survey where 48 MB gave 4.0–4.3 s).
 */
export const UNIT_PART_BYTES = 24 * 1024 * 1024;

export function unitPartEntry(part: number): string {
  return part <= 1 ? tableEntry('units') : `tables/units.${part}.ndjson`;
}

/** Format v3: the tables with a second entry of column-wise blocks, and its path. */
export const BLOCK_ENTRIES = { participants: 'blocks/respondents.ndjson', taggings: 'blocks/taggings.ndjson' } as const satisfies Partial<Record<TableName, string>>;
type BlockTable = keyof typeof BLOCK_ENTRIES;

function hasBlockEntry(table: TableName): table is BlockTable {
  return table in BLOCK_ENTRIES;
}

export type WorkspaceFileErrorCode = 'not-a-workspace' | 'corrupt' | 'truncated' | 'newer-version' | 'invalid-record';

/** A workspace file that cannot be opened. `message` is written for the user: what is wrong and where. */
export class WorkspaceFileError extends Error {
  override readonly name = 'WorkspaceFileError';
  constructor(
    readonly code: WorkspaceFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const entryInfoSchema = z.object({
  path: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

// Only the fields needed to decide whether this reader can open the file; checked before anything else.
const manifestHeaderSchema = z.looseObject({ format: z.string(), formatVersion: z.number() });

const manifestSchema = z.looseObject({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.number().int(),
  appVersion: z.string(),
  workspace: workspaceMetaSchema,
  counts: z.partialRecord(z.enum(TABLES), z.number().int().nonnegative()),
  entries: z.array(entryInfoSchema),
});

export type WorkspaceManifest = z.infer<typeof manifestSchema>;

/** Bytes per NDJSON piece while encoding: big enough to be fast, small enough to never build a huge string. */
const CHUNK_CHARS = 1 << 20;

export interface EncodeOptions {
  appVersion: string;
  /** Defaults to FORMAT_VERSION. */
  formatVersion?: FormatVersion;
  /** Further entries written after the tables (e.g. lineage.json), outside the manifest's checksums. */
  extraEntries?: Readonly<Record<string, Uint8Array>>;
  /**
   * The units as ready file blocks (format ≥ 2), e.g. straight from the app's storage blocks, instead of
   * `snapshot.tables.units` (which must then be empty): a save of a million units builds no Unit object.
   */
  unitBlocks?: readonly FileUnitBlock[];
  /**
   * Respondents and bulk taggings as ready blocks (format 3), e.g. the app's storage blocks (keys beyond the
   * block's columns are not written). `snapshot.tables.participants` / `.taggings` then hold only the others.
   */
  respondentBlocks?: readonly RespondentColumns[];
  taggingBlocks?: readonly TaggingColumns[];
  /** Units per entry part, in NDJSON bytes (format 3; default UNIT_PART_BYTES; tests make it small). */
  unitPartBytes?: number;
}

/** Where an entry's bytes go while it is written: pieces of ~1 MB, the last one flagged `final`. */
interface EntrySink {
  push(chunk: Uint8Array, final: boolean): void;
}

interface FileHead {
  manifest: Pick<WorkspaceManifest, 'format' | 'formatVersion' | 'appVersion' | 'workspace' | 'counts'>;
  mtime: Date;
}

/** Encodes synchronously (node, tests, the CLI). The app uses encodeWorkspaceAsync, which keeps the main thread freer. */
export function encodeWorkspace(snapshot: WorkspaceSnapshot, opts: EncodeOptions): Uint8Array {
  const parts: { path: string; bytes: Uint8Array }[] = [];
  const plan = planEntries(snapshot, opts);
  const open = (path: string): EntrySink => {
    const pieces: Uint8Array[] = [];
    return {
      push(chunk, final) {
        pieces.push(chunk);
        if (final) parts.push({ path, bytes: concatBytes(pieces) });
      },
    };
  };
  for (const entry of plan.entries) {
    const out = ndjsonWriter(open, entry.path, entry.parts === true ? plan.partBytes : Infinity);
    entry.write(out);
    out.end();
  }
  const head = plan.head;
  const entries = parts.map((p) => ({ path: p.path, bytes: p.bytes.length, sha256: sha256Hex(p.bytes) }));
  // The manifest goes first so tools that stream the zip can read it before the tables.
  const ordered: Zippable = { [MANIFEST_ENTRY]: [manifestBytes(head, entries), { level: 6, mtime: head.mtime }] };
  for (const p of parts) ordered[p.path] = [p.bytes, { level: LEVEL, mtime: head.mtime }];
  for (const [path, data] of extraEntriesOf(opts.extraEntries, ordered)) ordered[path] = [data, { level: 6, mtime: head.mtime }];
  return zipSync(ordered);
}

/**
 * The units, handed over while the file is being written: `emit` each page of blocks as it is read (e.g. page by
 * page from storage, so reading, writing JSON and deflating overlap). Resolves when every page was emitted.
 */
export type UnitBlockSource = (emit: (blocks: readonly FileUnitBlock[]) => void) => Promise<void>;

export interface EncodeAsyncOptions extends Omit<EncodeOptions, 'unitBlocks' | 'extraEntries'> {
  unitBlocks?: readonly FileUnitBlock[] | UnitBlockSource;
  /** The units as a previous file's entries, copied as they are (reusableUnitParts; format 3, no other units given). */
  unitParts?: ReusedUnitParts;
  /** Deflates and sums an entry written in several pieces, e.g. in a worker (default: on this thread). */
  entryEncoder?: EntryEncoderFactory;
}

/** What is left of an encoding once every entry is written: checksums, the manifest, further entries, the bytes. */
export type FinishEncoding = (extraEntries?: Readonly<Record<string, Uint8Array>>) => Promise<Uint8Array>;

/**
 * What encodeWorkspace writes (the same entries, checksums and manifest; the zip's framing differs: entries carry
 * data descriptors), with the heavy parts where `entryEncoder` puts them — the app's save: a worker per large
 * entry, deflating and summing each piece while the next is written.
 */
export async function encodeWorkspaceAsync(snapshot: WorkspaceSnapshot, opts: EncodeOptions & Pick<EncodeAsyncOptions, 'entryEncoder'>): Promise<Uint8Array> {
  const finish = await writeWorkspaceEntries(snapshot, opts);
  return finish(opts.extraEntries);
}

/**
 * encodeWorkspaceAsync in two steps. The first writes every entry; until it resolves, the only awaits are the unit
 * source's, so a caller can run it inside a storage read transaction that the source reads from. The second
 * (the function it resolves to) waits for the entries' encoders and zips them with the manifest.
 */
export async function writeWorkspaceEntries(snapshot: WorkspaceSnapshot, opts: EncodeAsyncOptions): Promise<FinishEncoding> {
  const encoded: { path: string; entry: Promise<EncodedEntry> }[] = [];
  const plan = planEntries(snapshot, opts);
  const unfinished = new Set<EntryEncoder>();
  const open = (path: string): EntrySink => {
    let encoder: EntryEncoder | undefined;
    return {
      push(chunk, final) {
        // One piece in all: too small to be worth a worker.
        if (encoder === undefined) unfinished.add((encoder = (final ? inProcessEntryEncoder : (opts.entryEncoder ?? inProcessEntryEncoder))(path, LEVEL)));
        encoder.push(chunk, final);
        if (final) {
          unfinished.delete(encoder);
          encoded.push({ path, entry: encoder.done });
        }
      },
    };
  };
  try {
    for (const { path, write, parts, reused } of plan.entries) {
      if (reused !== undefined) {
        for (const part of reused) encoded.push({ path: part.path, entry: Promise.resolve(part.entry) });
        continue;
      }
      const writer = ndjsonWriter(open, path, parts === true ? plan.partBytes : Infinity);
      const pending = write(writer);
      if (pending !== undefined) await pending;
      writer.end();
    }
  } catch (error) {
    // A read or a record failed part-way: the entries still being deflated are dropped with their workers.
    for (const encoder of unfinished) encoder.abort?.();
    throw error;
  }
  const { head } = plan;
  return async (extraEntries) => {
    const entries = await Promise.all(encoded.map((e) => e.entry));
    const manifest = manifestBytes(
      head,
      entries.map((e, i) => ({ path: encoded[i]!.path, bytes: e.size, sha256: e.sha256 })),
    );
    const out: Uint8Array[] = [];
    let failed: Error | null = null;
    const zip = new Zip((error, chunk) => {
      if (error !== null) failed = error;
      else out.push(chunk);
    });
    // The manifest goes first (see encodeWorkspace).
    const first = new ZipDeflate(MANIFEST_ENTRY, { level: 6 });
    first.mtime = head.mtime;
    zip.add(first);
    first.push(manifest, true);
    entries.forEach((e, i) => addDeflated(zip, encoded[i]!.path, e, head.mtime));
    for (const [path, data] of extraEntriesOf(extraEntries, Object.fromEntries([MANIFEST_ENTRY, ...encoded.map((e) => e.path)].map((p) => [p, true])))) {
      const extra = new ZipDeflate(path, { level: 6 });
      extra.mtime = head.mtime;
      zip.add(extra);
      extra.push(data, true);
    }
    zip.end();
    // Every entry was complete when added, so fflate has written the whole archive by now.
    if (failed !== null) throw failed;
    return concatBytes(out);
  };
}

/** Adds an entry deflated elsewhere: its method, CRC and sizes as fflate's ZipInputFile needs them. */
function addDeflated(zip: Zip, filename: string, entry: EncodedEntry, mtime: Date): void {
  const file: ZipInputFile = { filename, size: entry.size, crc: entry.crc, compression: 8, mtime };
  zip.add(file);
  file.ondata!(null, entry.compressed as Uint8Array<ArrayBuffer>, true);
}

interface EntryPlan {
  /** What the manifest says besides the entries (units counted as the source emits them). */
  head: FileHead;
  /** Every entry in file order (TABLES order, a format 3 block entry after its table's); `parts`: may continue in further entries. */
  entries: { path: string; write: (out: NdjsonWriter) => void | Promise<void>; parts?: boolean; reused?: ReusedUnitParts['parts'] }[];
  partBytes: number;
}

function planEntries(snapshot: WorkspaceSnapshot, opts: EncodeAsyncOptions): EntryPlan {
  const counts = countRecords(snapshot.tables);
  const formatVersion = opts.formatVersion ?? FORMAT_VERSION;
  const given = opts.unitBlocks;
  if (given !== undefined && (formatVersion < 2 || snapshot.tables.units.length > 0)) throw new Error('encodeWorkspace: unitBlocks need format 2 and no units in the snapshot');
  const reused = opts.unitParts;
  if (reused !== undefined && (formatVersion !== FORMAT_VERSION || snapshot.tables.units.length > 0 || given !== undefined)) {
    throw new Error(`encodeWorkspace: unitParts need format ${FORMAT_VERSION} and no other units`);
  }
  if (reused !== undefined) counts.units = reused.units;
  if ((opts.respondentBlocks !== undefined || opts.taggingBlocks !== undefined) && formatVersion < 3) {
    throw new Error('encodeWorkspace: respondentBlocks and taggingBlocks need format 3');
  }
  // Format 3: the blocks given, or the snapshot's records packed into blocks; the rest stay records.
  const split = {
    participants: formatVersion < 3 ? undefined : opts.respondentBlocks !== undefined ? { blocks: opts.respondentBlocks, rest: snapshot.tables.participants } : respondentColumnsOf(snapshot.tables.participants),
    taggings: formatVersion < 3 ? undefined : opts.taggingBlocks !== undefined ? { blocks: opts.taggingBlocks, rest: snapshot.tables.taggings } : taggingColumnsOf(snapshot.tables.taggings),
  };
  if (opts.respondentBlocks !== undefined) counts.participants += opts.respondentBlocks.reduce((n, b) => n + b.index.length, 0);
  if (opts.taggingBlocks !== undefined) counts.taggings += opts.taggingBlocks.reduce((n, b) => n + b.n.length, 0);

  const writeUnits = (out: NdjsonWriter): void | Promise<void> => {
    if (given === undefined) {
      if (formatVersion >= 2) forEachFileBlock(snapshot.tables.units, (block) => out.line(block));
      else for (const u of snapshot.tables.units) out.line(u);
      return;
    }
    counts.units = 0;
    const emit = (blocks: readonly FileUnitBlock[]): void => {
      for (const block of blocks) {
        if (block.seq.length === 0) continue;
        counts.units += block.seq.length;
        out.line(block);
      }
    };
    if (typeof given === 'function') return given(emit);
    emit(given);
  };

  const entries: EntryPlan['entries'] = [];
  for (const table of TABLES) {
    if (table === 'units') {
      entries.push({ path: tableEntry(table), write: writeUnits, parts: formatVersion >= 3, ...(reused === undefined ? {} : { reused: reused.parts }) });
      continue;
    }
    const blocks = table === 'participants' ? split.participants : table === 'taggings' ? split.taggings : undefined;
    entries.push({ path: tableEntry(table), write: (out) => void (blocks?.rest ?? snapshot.tables[table]).forEach((record) => out.line(record)) });
    if (blocks !== undefined && hasBlockEntry(table)) {
      entries.push({
        path: BLOCK_ENTRIES[table],
        write: (out) => (table === 'participants' ? writeRespondentLines(out, split.participants!.blocks) : writeTaggingLines(out, split.taggings!.blocks)),
      });
    }
  }

  return {
    head: {
      manifest: {
        format: FORMAT_NAME,
        formatVersion,
        appVersion: opts.appVersion,
        workspace: {
          id: snapshot.meta.id,
          name: snapshot.meta.name,
          createdAt: snapshot.meta.createdAt,
          updatedAt: snapshot.meta.updatedAt,
        },
        counts,
      },
      mtime: zipTime(snapshot.meta.updatedAt),
    },
    entries,
    partBytes: opts.unitPartBytes ?? UNIT_PART_BYTES,
  };
}

function manifestBytes(head: FileHead, entries: WorkspaceManifest['entries']): Uint8Array {
  const manifest: WorkspaceManifest = { ...head.manifest, entries };
  return new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n');
}

/** The caller's further entries, refused when one would replace a workspace entry. */
function extraEntriesOf(extra: Readonly<Record<string, Uint8Array>> | undefined, taken: Readonly<Record<string, unknown>>): [string, Uint8Array][] {
  const out = Object.entries(extra ?? {});
  for (const [path] of out) if (path in taken) throw new Error(`encodeWorkspace: ${path} is a workspace entry`);
  return out;
}

export function countRecords(tables: WorkspaceSnapshot['tables']): Record<TableName, number> {
  return {
    sources: tables.sources.length,
    participants: tables.participants.length,
    questions: tables.questions.length,
    units: tables.units.length,
    tags: tables.tags.length,
    highlights: tables.highlights.length,
    taggings: tables.taggings.length,
    clusterings: tables.clusterings.length,
    insights: tables.insights.length,
    reports: tables.reports.length,
    comments: tables.comments.length,
  };
}

/** A file's unit entries as stored (deflated, with their CRC, size and checksum), for a file with the same units. */
export interface ReusedUnitParts {
  parts: { path: string; entry: EncodedEntry }[];
  units: number;
}

/**
 * The unit entries of a file this version wrote (format FORMAT_VERSION), ready to be copied into a new file
 * without being inflated, parsed, written or deflated again — for a save whose units are known to be exactly that
 * file's (db/units-version.ts). Null when the file is of another format or anything about its entries is not as
 * this version writes them; the caller then encodes the units itself.
 */
export function reusableUnitParts(bytes: Uint8Array): ReusedUnitParts | null {
  let manifest: WorkspaceManifest;
  let paths: string[];
  try {
    manifest = readManifest(bytes);
    paths = unitParts(manifest);
  } catch {
    return null;
  }
  const units = manifest.counts.units;
  if (manifest.formatVersion !== FORMAT_VERSION || units === undefined) return null;
  const raw = rawZipEntries(bytes, paths);
  if (raw === null) return null;
  const parts: ReusedUnitParts['parts'] = [];
  for (const path of paths) {
    const entry = raw.get(path)!;
    const info = manifest.entries.find((e) => e.path === path);
    if (info === undefined || entry.method !== 8 || entry.size !== info.bytes) return null;
    parts.push({ path, entry: { compressed: entry.data, crc: entry.crc, size: entry.size, sha256: info.sha256 } });
  }
  return { parts, units };
}

/** Reads only the manifest: cheap, for showing what a file holds before opening it. */
export function readManifest(bytes: Uint8Array): WorkspaceManifest {
  const entries = unzipEntries(bytes, (name) => name === MANIFEST_ENTRY);
  return parseManifest(entries[MANIFEST_ENTRY]);
}

/** Decodes and checks a whole file synchronously (node, tests, the CLI). The app uses decodeWorkspaceAsync. */
export function decodeWorkspace(bytes: Uint8Array): WorkspaceSnapshot {
  const files = unzipEntries(bytes, () => true);
  const manifest = parseManifest(files[MANIFEST_ENTRY]);
  const checked = entriesToCheck(files, manifest);
  for (const { path, data, info } of checked) if (sha256Hex(data) !== info.sha256) throw checksumError(path);
  return decodeTables(files, manifest);
}

/** decodeWorkspace with the checksums computed by the platform's crypto (WebCrypto) where there is one. */
export async function decodeWorkspaceAsync(bytes: Uint8Array): Promise<WorkspaceSnapshot> {
  const files = unzipEntries(bytes, () => true);
  const manifest = parseManifest(files[MANIFEST_ENTRY]);
  const checked = entriesToCheck(files, manifest);
  const hashes = await Promise.all(checked.map((c) => sha256HexAsync(c.data)));
  checked.forEach(({ path, info }, i) => {
    if (hashes[i] !== info.sha256) throw checksumError(path);
  });
  return decodeTables(files, manifest);
}

/** The entries the file must hold (per its format version), with their bytes and manifest info; sizes checked. */
function entriesToCheck(files: Record<string, Uint8Array>, manifest: WorkspaceManifest): { path: string; data: Uint8Array; info: WorkspaceManifest['entries'][number] }[] {
  const out: { path: string; data: Uint8Array; info: WorkspaceManifest['entries'][number] }[] = [];
  for (const table of TABLES) {
    const paths = [tableEntry(table), ...(table === 'units' ? unitParts(manifest).slice(1) : []), ...(manifest.formatVersion >= 3 && hasBlockEntry(table) ? [BLOCK_ENTRIES[table]] : [])];
    for (const path of paths) {
      const data = files[path];
      if (data === undefined && OPTIONAL_TABLES.has(table) && manifest.counts[table] === undefined) continue;
      if (data === undefined) throw new WorkspaceFileError('corrupt', `The workspace file is damaged: ${path} is missing.`);
      const info = manifest.entries.find((e) => e.path === path);
      if (info === undefined) throw new WorkspaceFileError('corrupt', `The workspace file is damaged: manifest.json has no checksum for ${path}.`);
      if (data.length !== info.bytes) throw checksumError(path);
      out.push({ path, data, info });
    }
  }
  return out;
}

function checksumError(path: string): WorkspaceFileError {
  return new WorkspaceFileError('corrupt', `The workspace file is damaged: ${path} does not match its checksum (the file was changed or partly overwritten).`);
}

/** Parses and checks every table of a file whose entries are known to be present and intact. */
function decodeTables(files: Record<string, Uint8Array>, manifest: WorkspaceManifest): WorkspaceSnapshot {
  const tables = emptyTables();
  for (const table of TABLES) {
    const path = tableEntry(table);
    const data = files[path];
    if (data === undefined) continue; // an optional table the file predates (entriesToCheck)
    const seen = new Set<string>();
    if (table === 'units' && manifest.formatVersion >= 2) for (const part of unitParts(manifest)) decodeUnitBlocks(part, files[part]!, tables.units, seen);
    else decodeTable(table, data, tables, seen);
    if (manifest.formatVersion >= 3 && hasBlockEntry(table)) decodeBlocks(table, files[BLOCK_ENTRIES[table]]!, tables, seen);
    const expected = manifest.counts[table] ?? 0;
    if (tables[table].length !== expected) {
      throw new WorkspaceFileError('corrupt', `The workspace file is damaged: ${path} holds ${tables[table].length} records, manifest.json says ${expected}.`);
    }
  }
  return { meta: manifest.workspace, tables };
}

/** One NDJSON line's value, or the error naming the entry and line that is not JSON. */
function parseLine(entryName: string, line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new WorkspaceFileError('invalid-record', `The workspace file is damaged: ${entryName} line ${lineNo} is not valid JSON.`);
  }
}

/** Format v3's block entry of a table: each line a block, its records appended after the table's own. */
function decodeBlocks(table: BlockTable, data: Uint8Array, into: WorkspaceSnapshot['tables'], seen: Set<string>): void {
  const entryName = BLOCK_ENTRIES[table].slice('blocks/'.length);
  forEachLine(entryName, data, (line, lineNo) => {
    const value = parseLine(entryName, line, lineNo);
    const records = table === 'participants' ? checkRespondentColumns(value) : checkTaggingColumns(value);
    if (typeof records === 'string') throw new WorkspaceFileError('invalid-record', `The workspace file has an invalid record: ${entryName} line ${lineNo}: ${records}.`);
    const out: { id: string }[] = into[table];
    for (const r of records) {
      if (seen.has(r.id)) throw new WorkspaceFileError('invalid-record', `The workspace file has an invalid record: ${entryName} line ${lineNo}: id ${r.id} is used twice.`);
      seen.add(r.id);
      out.push(r);
    }
  });
}

function decodeTable<K extends TableName>(table: K, data: Uint8Array, into: WorkspaceSnapshot['tables'], seen: Set<string>): void {
  const schema = recordSchemas[table];
  const out: TableRecords[K][] = into[table];
  const entryName = `${table}.ndjson`;
  forEachLine(entryName, data, (line, lineNo) => {
    const value = parseLine(entryName, line, lineNo);
    const result = schema.safeParse(value);
    if (!result.success) {
      const first = result.error.issues[0];
      const what = first === undefined ? 'invalid record' : describeIssue(first, value);
      throw new WorkspaceFileError('invalid-record', `The workspace file has an invalid record: ${entryName} line ${lineNo}: ${what}.`);
    }
    const rule = recordRule(table, result.data);
    if (rule !== undefined) {
      throw new WorkspaceFileError('invalid-record', `The workspace file has an invalid record: ${entryName} line ${lineNo}: ${rule}.`);
    }
    if (seen.has(result.data.id)) {
      throw new WorkspaceFileError('invalid-record', `The workspace file has an invalid record: ${entryName} line ${lineNo}: id ${result.data.id} is used twice.`);
    }
    seen.add(result.data.id);
    out.push(result.data);
  });
}

/** The units entry and its further parts (format 3), in order; a gap in their numbers is a damaged file. */
function unitParts(manifest: WorkspaceManifest): string[] {
  const out = [unitPartEntry(1)];
  if (manifest.formatVersion < 3) return out;
  const listed = new Set(manifest.entries.map((e) => e.path));
  const numbers = manifest.entries.map((e) => /^tables\/units\.(\d+)\.ndjson$/.exec(e.path)?.[1]).filter((n): n is string => n !== undefined);
  for (let part = 2; part <= numbers.length + 1; part++) {
    if (!listed.has(unitPartEntry(part))) throw new WorkspaceFileError('corrupt', `The workspace file is damaged: ${unitPartEntry(part)} is missing.`);
    out.push(unitPartEntry(part));
  }
  return out;
}

function decodeUnitBlocks(path: string, data: Uint8Array, out: Unit[], seen: Set<string>): void {
  const entryName = path.slice('tables/'.length);
  forEachLine(entryName, data, (line, lineNo) => {
    const value = parseLine(entryName, line, lineNo);
    const units = decodeFileBlock(value);
    if (typeof units === 'string') throw new WorkspaceFileError('invalid-record', `The workspace file has an invalid record: ${entryName} line ${lineNo}: ${units}.`);
    for (const u of units) {
      if (seen.has(u.id)) throw new WorkspaceFileError('invalid-record', `The workspace file has an invalid record: ${entryName} line ${lineNo}: unit ${u.id} is stored twice.`);
      seen.add(u.id);
      out.push(u);
    }
  });
}

/** Rules beyond the record schema, checked while decoding: a description of the first one broken, if any. */
function recordRule(table: TableName, record: TableRecords[TableName]): string | undefined {
  if (table !== 'units' || !('seq' in record) || !('sourceId' in record)) return undefined;
  // The storage layer finds a unit by its id alone (unit-id.ts), so the id must be its address.
  if (!hasConventionalId(record)) {
    return `unit id must be "<sourceId>:<seq>" (expected ${JSON.stringify(`${record.sourceId}:${record.seq}`)}, found ${JSON.stringify(record.id)})`;
  }
  return undefined;
}

/** Calls `fn` for each non-empty line (1-based numbers), decoding the bytes piecewise at newline boundaries. */
function forEachLine(entryName: string, data: Uint8Array, fn: (line: string, lineNo: number) => void): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lineNo = 0;
  let pos = 0;
  while (pos < data.length) {
    let end = Math.min(pos + CHUNK_CHARS, data.length);
    if (end < data.length) {
      const nl = data.lastIndexOf(0x0a, end - 1);
      // A single line longer than the chunk: extend to its end rather than split a character.
      end = nl >= pos ? nl + 1 : nextNewline(data, end);
    }
    let text: string;
    try {
      text = decoder.decode(data.subarray(pos, end));
    } catch {
      throw new WorkspaceFileError('corrupt', `The workspace file is damaged: ${entryName} near line ${lineNo + 1} is not valid UTF-8 text.`);
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) {
      lineNo++;
      if (line.trim() !== '') fn(line, lineNo);
    }
    pos = end;
  }
}

function nextNewline(data: Uint8Array, from: number): number {
  const nl = data.indexOf(0x0a, from);
  return nl === -1 ? data.length : nl + 1;
}

/** Respondent blocks as lines: only the block's columns (a storage block's own keys stay out of the file). */
function writeRespondentLines(out: NdjsonWriter, blocks: readonly RespondentColumns[]): void {
  for (const b of blocks) {
    if (b.index.length === 0) continue;
    const line: RespondentColumns = { sourceId: b.sourceId, dict: b.dict, index: b.index, name: b.name, externalId: b.externalId, role: b.role, createdAt: b.createdAt, updatedAt: b.updatedAt, attrKeys: b.attrKeys, attrs: b.attrs };
    if (b.sourceIds !== undefined) line.sourceIds = b.sourceIds;
    if (b.extra !== undefined) line.extra = b.extra;
    out.line(line);
  }
}

function writeTaggingLines(out: NdjsonWriter, blocks: readonly TaggingColumns[]): void {
  for (const b of blocks) {
    if (b.n.length === 0) continue;
    const line: TaggingColumns = { batch: b.batch, dict: b.dict, n: b.n, unitId: b.unitId, tagId: b.tagId, coder: b.coder, createdAt: b.createdAt, updatedAt: b.updatedAt };
    if (b.highlightId !== undefined) line.highlightId = b.highlightId;
    if (b.extra !== undefined) line.extra = b.extra;
    out.line(line);
  }
}

interface NdjsonWriter {
  line: (value: object) => void;
  /** Sends what is left as the entry's final piece (possibly empty). */
  end: () => void;
}

/**
 * One JSON value per line, sent in pieces of ~CHUNK_CHARS: a million records never become one string. Once a part
 * holds `partBytes`, the next line starts the next part (`tables/x.ndjson` → `tables/x.2.ndjson` …), opened only
 * when a line comes for it.
 */
function ndjsonWriter(open: (path: string) => EntrySink, path: string, partBytes: number): NdjsonWriter {
  const encoder = new TextEncoder();
  let part = 1;
  let sink: EntrySink | undefined = open(path);
  let sinkBytes = 0;
  let buffer: string[] = [];
  let bufferChars = 0;
  const flush = (final: boolean): void => {
    if (buffer.length === 0 && (!final || sink === undefined)) return;
    if (sink === undefined) {
      part++;
      sink = open(partPath(path, part));
    }
    const bytes = utf8(encoder, buffer.join(''));
    // Counted before the push: a sink may transfer the bytes to a worker (they read as empty afterwards).
    sinkBytes += bytes.length;
    sink.push(bytes, final);
    buffer = [];
    bufferChars = 0;
    if (!final && sinkBytes >= partBytes) {
      sink.push(new Uint8Array(0), true);
      sink = undefined;
      sinkBytes = 0;
    }
  };
  return {
    line(value) {
      const line = JSON.stringify(value) + '\n';
      buffer.push(line);
      bufferChars += line.length;
      if (bufferChars >= CHUNK_CHARS) flush(false);
    },
    end() {
      flush(true);
    },
  };
}

/**
 * UTF-8 bytes of `text`, into a buffer of its length (exactly right when it is ASCII, as NDJSON of most workspaces
 * is), the rest, if any, after. In Chromium this is 2–4× faster than `encode()` (a profile of a 1M-unit save spent
 * ~1 s of the main thread in it).
 */
function utf8(encoder: TextEncoder, text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  const { read, written } = encoder.encodeInto(text, out);
  if (read === text.length) return written === out.length ? out : out.subarray(0, written);
  // encodeInto stops at a code point boundary when the buffer is full.
  const rest = encoder.encode(text.slice(read));
  const all = new Uint8Array(written + rest.length);
  all.set(out.subarray(0, written));
  all.set(rest, written);
  return all;
}

function partPath(path: string, part: number): string {
  return part <= 1 ? path : path.replace(/\.ndjson$/, `.${part}.ndjson`);
}

function parseManifest(data: Uint8Array | undefined): WorkspaceManifest {
  if (data === undefined) {
    throw new WorkspaceFileError('not-a-workspace', 'This file is not a Loupe workspace (it is a zip archive, but has no manifest.json).');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch {
    throw new WorkspaceFileError('corrupt', 'The workspace file is damaged: manifest.json is not valid JSON.');
  }
  const header = manifestHeaderSchema.safeParse(json);
  if (!header.success || header.data.format !== FORMAT_NAME) {
    throw new WorkspaceFileError('not-a-workspace', 'This file is not a Loupe workspace (its manifest.json does not name the loupe-workspace format).');
  }
  const version = header.data.formatVersion;
  if (version > FORMAT_VERSION) {
    throw new WorkspaceFileError(
      'newer-version',
      `This workspace was saved by a newer Loupe (format ${version}); this version reads format ${FORMAT_VERSION}. Update Loupe to open it.`,
    );
  }
  if (version !== 1 && version !== 2 && version !== 3) {
    throw new WorkspaceFileError('corrupt', `The workspace file is damaged: manifest.json has an unknown format version (${version}).`);
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const what = first === undefined ? 'invalid' : describeIssue(first, json);
    throw new WorkspaceFileError('corrupt', `The workspace file is damaged: manifest.json: ${what}.`);
  }
  return result.data;
}

const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const END_OF_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];

function unzipEntries(bytes: Uint8Array, keep: (name: string) => boolean): Record<string, Uint8Array> {
  if (!startsWith(bytes, LOCAL_HEADER) && !startsWith(bytes, END_OF_DIRECTORY)) {
    throw new WorkspaceFileError('not-a-workspace', 'This file is not a Loupe workspace (it is not a zip archive).');
  }
  // A zip ends with its directory; a copy cut short (interrupted download or sync) has none.
  if (!hasEndOfDirectory(bytes)) {
    throw new WorkspaceFileError('truncated', 'The workspace file is incomplete: it ends early, as if a copy or download was interrupted.');
  }
  try {
    return unzipSync(bytes, { filter: (file) => keep(file.name) });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new WorkspaceFileError('corrupt', `The workspace file is damaged: its zip data cannot be read (${detail}).`);
  }
}

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

function hasEndOfDirectory(bytes: Uint8Array): boolean {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}

/** Zip entry time: the workspace's updatedAt, so the same snapshot always gives the same bytes. */
function zipTime(iso: string): Date {
  const d = new Date(iso);
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < 1981 || year > 2099 ? new Date(Date.UTC(2026, 0, 1)) : d;
}
