/**
 * Every IndexedDB schema version Loupe has shipped, in one place, and the Dexie database classes.
 *
 * Persisted: database names, table names, index specs and the block record shapes below live in users'
 * browsers. Changing one needs a new `version(n)` with an upgrade, never an edit of an old entry; keep every
 * version declared so any old database can still be opened. test/db/migrations.test.ts builds each old shape
 * and opens it with the current one.
 *
 * v2 — why blocks: imported text never changes after import (tags, highlights and memos live in their own
 * tables), and IndexedDB in Chromium costs ~60–175 µs of browser-process CPU per record whatever its size.
 * One record per answer tops out near 15k answers/s (9k/s with the v1 indexes); ~100–250 answers per record
 * reached ~200k answers/s. So units live up to 256 to a record in `unitBlocks`, keyed [sourceId, block] with
 * block = floor(seq / unitSpan), and survey respondents the same way in `respondentBlocks`. A unit id
 * `${sourceId}:${seq}` (core/unit-id.ts) is its address: no per-unit index is needed to find it.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Participant, Question, Source, Tag, Highlight, Tagging, Clustering, Insight, Report, TableName, Comment } from '../../../core/model';
import type { Tombstone } from '../../../core/merge/lineage';
import type { RespondentColumns, TaggingColumns } from '../../../core/workspace-blocks';
import { upgradeToV2 } from './migrate-v2';
import { upgradeToV4 } from './migrate-v4';
import { unitsVersionMiddleware, type UnitsVersion } from './units-version';

/** Persisted: the registry database's name. */
export const REGISTRY_DB_NAME = 'loupe-registry';
/** Persisted: one database per workspace. */
export function workspaceDbName(workspaceId: string): string {
  return `loupe-ws-${workspaceId}`;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export type TableCounts = Record<TableName, number>;

/** One row of the registry: what the app knows about a workspace without opening its database. */
export interface WorkspaceEntry {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  lastOpenedAt: string;
  /** Where the workspace was last opened from or saved to (Electron). */
  filePath?: string;
  /** File name of that file (known in the browser too). */
  fileName?: string;
  savedAt?: string;
  /** Changes not yet written to a file. */
  dirty: boolean;
  /** Kept by the repositories: count() walks every record, so it never runs on a hot path. */
  counts: TableCounts;
  /** Rough size in bytes (JSON of every record), for the delete confirmation. */
  approxBytes: number;
}

export interface SettingEntry {
  key: string;
  value: string;
}

/**
 * Up to 256 units (≤ ~48 KB) of one source, column-wise (persisted shape, see blocks.ts). Repeated strings (participant
 * and question ids, timestamps, speakers, sections) are stored once in `dict` and referenced by index.
 */
export interface UnitBlock {
  sourceId: string;
  block: number;
  dict: string[];
  /** Ascending. */
  seq: number[];
  text: string[];
  /** Index into dict, -1 when absent. */
  participant: number[];
  question: number[];
  createdAt: number[];
  updatedAt: number[];
  /** Present only when some unit of the block has the field. */
  speaker?: number[];
  section?: number[];
  startSec?: (number | null)[];
  row?: (number | null)[];
  /** Fields this version does not know (records are loose objects): kept so a save/load round-trips them. */
  extra?: (Record<string, unknown> | null)[];
  /**
   * Sentiment per unit (−1 … 1, core/sentiment), a cache of a pure function of `text`: the import worker fills it
   * as it builds blocks; blocks written without it (older versions, `.loupe` files, merges) or with another
   * `sentimentVersion` are scored and rewritten by the unit index on the next open (workers/search-service.ts).
   * Optional fields on a record need no schema version: there is no index on them. Never in `.loupe` files.
   */
  sentiment?: number[];
  /** SENTIMENT_VERSION the `sentiment` column was computed with. */
  sentimentVersion?: number;
  /** Index keys [questionId, block], one per question answered in the block: answers by question, in order. */
  qk: [string, number][];
  /** Index keys [participantId, block] for participants whose id does not locate them (transcript speakers). */
  pk: [string, number][];
}

/**
 * Up to 256 taggings of one bulk operation (v4), column-wise (see tagging-blocks.ts): ids are `${batch}#${n}`.
 * Timestamps, tag ids and coders are stored once in `dict` and referenced by index.
 */
export interface TaggingBlock extends TaggingColumns {
  block: number;
  /** Index keys: the distinct tag ids of the block (a tag's taggings without reading every block). */
  tk: string[];
}

/** Up to a few hundred survey respondents of one source (core/workspace-blocks.ts), as the block numbered `block`. */
export interface RespondentBlock extends RespondentColumns {
  block: number;
}

/**
 * What a survey's ignored columns held (v5), up to CELL_SPAN respondents of one source per record, keyed
 * [sourceId, floor(respondentIndex / CELL_SPAN)]: a role changed after import re-derives from it (core
 * import/retype.ts). Storage only, not in `.loupe` files; sources imported before v5 have none. Facts about
 * the imported file that never change, so a snapshot import (which rebuilds the other block tables) leaves them.
 */
export interface CellBlock {
  sourceId: string;
  block: number;
  /** Respondent indexes, ascending. */
  index: number[];
  /** 1-based data row of each respondent (Unit.row), null when unknown. */
  row: (number | null)[];
  /** Question slots (Question.order) with a value in this block; values[k][i] is respondent i's value for slots[k], '' for none. */
  slots: number[];
  values: string[][];
  /**
   * Slots whose values are known for every respondent of the block ('' = an empty cell). A slot not listed
   * was not kept (a survey imported before v5 whose open question was later ignored covers only that one).
   */
  covers: number[];
}

/**
 * A saved state of the workspace (v3): the `.loupe` bytes as written to (or read from) a file, lineage.json
 * included. The base of a later three-way merge, and what "Discard changes" reloads. A few are kept (db/lineage.ts).
 */
export interface SavedState {
  saveId: string;
  at: string;
  bytes: Uint8Array;
}

/** Where the working copy stands in its lineage (v3), one record with key 'state'. */
export interface LineageState {
  key: 'state';
  /** The save the working copy descends from (last save, opened file, or merge). */
  head?: string;
  /** The save the workspace's own file holds (what "Discard changes" reloads). */
  fileHead?: string;
  /**
   * The units version (units-version.ts) current when the head was saved: while it is still current, the stored
   * units are exactly the head file's and a save copies that file's unit entries. Absent: no such promise.
   */
  unitsVersion?: string;
}

/** Persisted: SourceMeta.status values. */
export type SourceStatus = 'importing' | 'ready';

/** An import writing blocks beyond what is committed; its lock name tells whether it is still running. */
export interface Staging {
  jobId: string;
  lock: string;
  /** First unit / respondent block this import may write before its commit (everything from here is staged). */
  unitBlock: number;
  respondentBlock: number;
  /** First kept-cells block staged (v5; absent in imports staged before). */
  cellBlock?: number;
  startedAt: string;
}

/**
 * Storage bookkeeping per source, kept by the repositories in the same transactions as the blocks: block
 * spans, committed ranges and counts (IndexedDB's count() walks every record).
 */
export interface SourceMeta {
  sourceId: string;
  /** 'importing': a new source still being written; readers ignore it until the commit flips it to 'ready'. */
  status: SourceStatus;
  /** Unit seqs per block (a multiple of seqStride for surveys, so a respondent's answers share a block). */
  unitSpan: number;
  /** Respondents per respondent block. */
  respondentSpan: number;
  units: number;
  respondents: number;
  /** Committed units per unit block (index = block number): offset paging without walking records. */
  blockCounts: number[];
  /** Committed respondent blocks: respondent blocks with block < this are visible. */
  respondentBlocks: number;
  /** Committed answers per question id. */
  questionCounts: Record<string, number>;
  /** Bumped when a role change rewrites the source's units or respondents in place (the search index re-reads it). */
  revision?: number;
  staging?: Staging;
}

export const REGISTRY_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, stores: { workspaces: 'id, lastOpenedAt, name', settings: 'key' } },
];

export const WORKSPACE_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      sources: 'id, kind',
      participants: 'id, externalId, *sourceIds',
      questions: 'id, sourceId',
      units: 'id, sourceId, [sourceId+seq], questionId, [questionId+seq], participantId',
      tags: 'id, parentId',
      highlights: 'id, unitId',
      taggings: 'id, tagId, unitId, highlightId',
      clusterings: 'id',
      insights: 'id',
      reports: 'id',
    },
  },
  {
    version: 2,
    stores: {
      units: null,
      unitBlocks: '[sourceId+block], *qk, *pk',
      respondentBlocks: '[sourceId+block]',
      sourceMeta: 'sourceId',
    },
    upgrade: upgradeToV2,
  },
  {
    // v3: comments (a model table), and the sharing bookkeeping: saved states for three-way merges, the
    // lineage position, and tombstones noted since the last save (tag merges: deletions that know their survivor).
    version: 3,
    stores: {
      comments: 'id, targetId',
      savedStates: 'saveId, at',
      lineageState: 'key',
      tombstones: '[table+id]',
    },
  },
  {
    // v4: a bulk operation's taggings packed 256 to a record (tagging-blocks.ts), so a 100k-row bulk tag and
    // its undo are a few hundred records rather than 100k.
    version: 4,
    stores: {
      taggingBlocks: '[batch+block], *tk',
    },
    upgrade: upgradeToV4,
  },
  {
    // v5: the kept cells of survey columns imported as 'ignored' (CellBlock), so roles can change after import.
    version: 5,
    stores: { surveyCells: '[sourceId+block]' },
  },
  {
    // v6: no new store, a new promise: every unit-block write changes lineageState['units'] (units-version.ts),
    // and a save copies its head's unit entries while that mark is unchanged. A version without that rule could
    // change units behind the mark, so the bump keeps older versions from opening the database.
    version: 6,
    stores: {},
  },
];

export const CURRENT_WORKSPACE_VERSION = WORKSPACE_VERSIONS[WORKSPACE_VERSIONS.length - 1]?.version ?? 1;

function declareVersions(db: Dexie, versions: readonly SchemaVersion[]): void {
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade !== undefined) declared.upgrade(v.upgrade);
  }
}

export class RegistryDb extends Dexie {
  declare workspaces: Table<WorkspaceEntry, string>;
  declare settings: Table<SettingEntry, string>;
  constructor() {
    super(REGISTRY_DB_NAME);
    declareVersions(this, REGISTRY_VERSIONS);
  }
}

export interface WorkspaceDbOptions {
  /** 'strict' for connections whose transactions must be on disk when they complete (an import's commit). */
  durability?: 'strict' | 'default';
}

export class WorkspaceDb extends Dexie {
  declare sources: Table<Source, string>;
  declare participants: Table<Participant, string>;
  declare questions: Table<Question, string>;
  declare unitBlocks: Table<UnitBlock, [string, number]>;
  declare respondentBlocks: Table<RespondentBlock, [string, number]>;
  declare sourceMeta: Table<SourceMeta, string>;
  declare surveyCells: Table<CellBlock, [string, number]>;
  declare tags: Table<Tag, string>;
  declare highlights: Table<Highlight, string>;
  declare taggings: Table<Tagging, string>;
  declare taggingBlocks: Table<TaggingBlock, [string, number]>;
  declare clusterings: Table<Clustering, string>;
  declare insights: Table<Insight, string>;
  declare reports: Table<Report, string>;
  declare comments: Table<Comment, string>;
  declare savedStates: Table<SavedState, string>;
  declare lineageState: Table<LineageState | UnitsVersion, string>;
  declare tombstones: Table<Tombstone, [string, string]>;
  constructor(
    readonly workspaceId: string,
    options: WorkspaceDbOptions = {},
  ) {
    super(workspaceDbName(workspaceId), options.durability === 'strict' ? { chromeTransactionDurability: 'strict' } : {});
    declareVersions(this, WORKSPACE_VERSIONS);
    this.use(unitsVersionMiddleware);
  }
}

/** Tables holding one record per model record (everything but units, survey respondents and bulk taggings). */
export const RECORD_TABLES = ['sources', 'participants', 'questions', 'tags', 'highlights', 'taggings', 'clusterings', 'insights', 'reports', 'comments'] as const;
export type RecordTableName = (typeof RECORD_TABLES)[number];

/** The sharing bookkeeping (v3): not workspace content, so a snapshot import leaves it to db/lineage.ts. */
export function lineageTables(db: WorkspaceDb): Table[] {
  return [db.savedStates, db.lineageState, db.tombstones];
}

/** Every table of a workspace database, for transactions that must cover the whole workspace. */
export function allTables(db: WorkspaceDb): Table[] {
  return [...RECORD_TABLES.map((t) => db.table(t)), db.unitBlocks, db.respondentBlocks, db.sourceMeta, db.taggingBlocks];
}
