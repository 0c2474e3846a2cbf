/**
 * The workspace file (`.loupe`): a zip holding `manifest.json` and one newline-delimited JSON entry per table
 * (`tables/<name>.ndjson`, in TABLES order), one record per line — except units from format v2 on, which are
 * stored as blocks of up to 256 units, column-wise (workspace-units.ts). Format v1 files (one unit per line)
 * are still read; `formatVersion: 1` still writes them (tests, and tools that read only v1).
 *
 * Why a zip of NDJSON: a user (or support) can open it with any unzip tool and read it; a bad record is
 * reported by entry and line; tables stream in pieces, so a million units never become one giant string.
 * Why fflate: pure JS, synchronous, and runs unchanged in node, workers and the renderer.
 * Why SHA-256 per entry in the manifest: fflate does not verify the zip's CRCs, and a silently damaged
 * workspace is the worst outcome for a research tool; the same hash later serves import re-detection.
 *
 * Persisted: the entry names, manifest keys and `FORMAT_NAME` are the format. Changing them needs a
 * FORMAT_VERSION bump and a reader for the old version.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { TABLES, emptyTables, type TableName, type TableRecords, type Unit, type WorkspaceSnapshot } from './model';
import { describeIssue, recordSchemas, workspaceMetaSchema } from './schemas';
import { sha256Hex } from './sha256';
import { hasConventionalId } from './unit-id';
import { decodeFileBlock, forEachFileBlock, type FileUnitBlock } from './workspace-units';

export const FORMAT_NAME = 'loupe-workspace';
/** 2: units as column-wise blocks. 1: one unit per line. */
export const FORMAT_VERSION = 2;
export type FormatVersion = 1 | 2;
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
}

export function encodeWorkspace(snapshot: WorkspaceSnapshot, opts: EncodeOptions): Uint8Array {
  const files: Zippable = {};
  const entries: WorkspaceManifest['entries'] = [];
  const counts = countRecords(snapshot.tables);
  const mtime = zipTime(snapshot.meta.updatedAt);
  const formatVersion = opts.formatVersion ?? FORMAT_VERSION;
  const given = opts.unitBlocks;
  if (given !== undefined) {
    if (formatVersion < 2 || snapshot.tables.units.length > 0) throw new Error('encodeWorkspace: unitBlocks need format 2 and no units in the snapshot');
    counts.units = given.reduce((n, b) => n + b.seq.length, 0);
  }

  for (const table of TABLES) {
    const bytes =
      table === 'units' && given !== undefined
        ? encodeGivenBlocks(given)
        : table === 'units' && formatVersion >= 2
          ? encodeUnitBlocks(snapshot.tables.units)
          : encodeNdjson(snapshot.tables[table]);
    const path = tableEntry(table);
    files[path] = [bytes, { level: LEVEL, mtime }];
    entries.push({ path, bytes: bytes.length, sha256: sha256Hex(bytes) });
  }

  const manifest = {
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
    entries,
  } satisfies WorkspaceManifest;

  // The manifest goes first so tools that stream the zip can read it before the tables.
  const ordered: Zippable = { [MANIFEST_ENTRY]: [new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'), { level: 6, mtime }] };
  for (const [path, value] of Object.entries(files)) ordered[path] = value;
  for (const [path, data] of Object.entries(opts.extraEntries ?? {})) {
    if (path === MANIFEST_ENTRY || path in files) throw new Error(`encodeWorkspace: ${path} is a workspace entry`);
    ordered[path] = [data, { level: 6, mtime }];
  }
  return zipSync(ordered);
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

/** Reads only the manifest: cheap, for showing what a file holds before opening it. */
export function readManifest(bytes: Uint8Array): WorkspaceManifest {
  const entries = unzipEntries(bytes, (name) => name === MANIFEST_ENTRY);
  return parseManifest(entries[MANIFEST_ENTRY]);
}

export function decodeWorkspace(bytes: Uint8Array): WorkspaceSnapshot {
  const files = unzipEntries(bytes, () => true);
  const manifest = parseManifest(files[MANIFEST_ENTRY]);
  const tables = emptyTables();

  for (const table of TABLES) {
    const path = tableEntry(table);
    const data = files[path];
    if (data === undefined && OPTIONAL_TABLES.has(table) && manifest.counts[table] === undefined) continue;
    if (data === undefined) throw new WorkspaceFileError('corrupt', `The workspace file is damaged: ${path} is missing.`);
    const info = manifest.entries.find((e) => e.path === path);
    if (info === undefined) throw new WorkspaceFileError('corrupt', `The workspace file is damaged: manifest.json has no checksum for ${path}.`);
    if (data.length !== info.bytes || sha256Hex(data) !== info.sha256) {
      throw new WorkspaceFileError(
        'corrupt',
        `The workspace file is damaged: ${path} does not match its checksum (the file was changed or partly overwritten).`,
      );
    }
    if (table === 'units' && manifest.formatVersion >= 2) decodeUnitBlocks(data, tables.units);
    else decodeTable(table, data, tables);
    const expected = manifest.counts[table] ?? 0;
    if (tables[table].length !== expected) {
      throw new WorkspaceFileError('corrupt', `The workspace file is damaged: ${path} holds ${tables[table].length} records, manifest.json says ${expected}.`);
    }
  }

  return { meta: manifest.workspace, tables };
}

function decodeTable<K extends TableName>(table: K, data: Uint8Array, into: WorkspaceSnapshot['tables']): void {
  const schema = recordSchemas[table];
  const out: TableRecords[K][] = into[table];
  const seen = new Set<string>();
  const entryName = `${table}.ndjson`;
  forEachLine(entryName, data, (line, lineNo) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new WorkspaceFileError('invalid-record', `The workspace file is damaged: ${entryName} line ${lineNo} is not valid JSON.`);
    }
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

function decodeUnitBlocks(data: Uint8Array, out: Unit[]): void {
  const seen = new Set<string>();
  const entryName = 'units.ndjson';
  forEachLine(entryName, data, (line, lineNo) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new WorkspaceFileError('invalid-record', `The workspace file is damaged: ${entryName} line ${lineNo} is not valid JSON.`);
    }
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

function encodeNdjson(records: readonly object[]): Uint8Array {
  const out = ndjsonWriter();
  for (const record of records) out.line(record);
  return out.bytes();
}

function encodeUnitBlocks(units: readonly Unit[]): Uint8Array {
  const out = ndjsonWriter();
  forEachFileBlock(units, (block) => out.line(block));
  return out.bytes();
}

function encodeGivenBlocks(blocks: readonly FileUnitBlock[]): Uint8Array {
  const out = ndjsonWriter();
  for (const block of blocks) if (block.seq.length > 0) out.line(block);
  return out.bytes();
}

function ndjsonWriter(): { line: (value: object) => void; bytes: () => Uint8Array } {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  let buffer: string[] = [];
  let bufferChars = 0;
  const flush = (): void => {
    if (buffer.length === 0) return;
    pieces.push(encoder.encode(buffer.join('')));
    buffer = [];
    bufferChars = 0;
  };
  return {
    line(value) {
      const line = JSON.stringify(value) + '\n';
      buffer.push(line);
      bufferChars += line.length;
      if (bufferChars >= CHUNK_CHARS) flush();
    },
    bytes() {
      flush();
      return concatBytes(pieces);
    },
  };
}

export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of pieces) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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
  if (version !== 1 && version !== 2) {
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
