/**
 * Every IndexedDB schema version Loupe has shipped, in one place, and the Dexie database classes.
 *
 * Persisted: database names, table names and index specs below live in users' browsers. Changing one needs a
 * new `version(n)` with an upgrade, never an edit of an old entry; keep every version declared so any old
 * database can still be opened. test/db/migrations.test.ts builds each old shape and opens it with the current one.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { TableName, TableRecords } from '../../../core/model';

/** Persisted: the registry database's name. */
export const REGISTRY_DB_NAME = 'loupe-registry';
/** Persisted: one database per workspace. */
export function workspaceDbName(workspaceId: string): string {
  return `loupe-ws-${workspaceId}`;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
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

export type WorkspaceTables = { [K in TableName]: Table<TableRecords[K], string> };

export class WorkspaceDb extends Dexie {
  declare sources: Table<TableRecords['sources'], string>;
  declare participants: Table<TableRecords['participants'], string>;
  declare questions: Table<TableRecords['questions'], string>;
  declare units: Table<TableRecords['units'], string>;
  declare tags: Table<TableRecords['tags'], string>;
  declare highlights: Table<TableRecords['highlights'], string>;
  declare taggings: Table<TableRecords['taggings'], string>;
  declare clusterings: Table<TableRecords['clusterings'], string>;
  declare insights: Table<TableRecords['insights'], string>;
  declare reports: Table<TableRecords['reports'], string>;
  constructor(readonly workspaceId: string) {
    super(workspaceDbName(workspaceId));
    declareVersions(this, WORKSPACE_VERSIONS);
  }
}

/** Every table by name, typed, for code that walks all of them in TABLES order. */
export function tablesOf(db: WorkspaceDb): WorkspaceTables {
  return {
    sources: db.sources,
    participants: db.participants,
    questions: db.questions,
    units: db.units,
    tags: db.tags,
    highlights: db.highlights,
    taggings: db.taggings,
    clusterings: db.clusterings,
    insights: db.insights,
    reports: db.reports,
  };
}
