/**
 * The contract between the UI and the unit-index worker (comlink). The worker holds every committed unit's
 * text, source, question and participant in compact arrays plus a full-text index (core/search), and
 * answers the Responses grid's filter/sort/search queries and the top bar's search. The UI keeps only the
 * rows on screen. Both sides import these types; neither imports the other's implementation.
 */
import type { TagMembershipChange } from '../../../core/coding';
import type { SourceKind } from '../../../core/model';
import type { SentimentLabel } from '../../../core/sentiment';

export type IndexState = 'idle' | 'indexing' | 'ready' | 'error';

export interface IndexStatus {
  state: IndexState;
  /** Units indexed so far / expected (from the sources' stored counts). */
  units: number;
  total: number;
  /** When state is 'error': what to tell the user. */
  message?: string;
  /** Milliseconds the last full index build took. */
  buildMs?: number;
  /** Units whose sentiment this build scored and stored (blocks written before sentiment was kept: the backfill). */
  scored?: number;
}

/** Keep (include) or drop (exclude) these units: tag filters, computed by the UI from its taggings. */
export interface UnitFilter {
  mode: 'include' | 'exclude';
  unitIds: readonly string[];
}

/**
 * A tag filter the worker answers from its own copy of tag membership (see tagMembership), so switching the
 * filter sends a tag id rather than every unit it covers.
 */
export type TagQuery = { kind: 'tag'; tagId: string } | { kind: 'untagged' };

/** Moves the worker's copy of tag membership: from scratch (reset) or by the changes since the last update. */
export interface TagMembershipUpdate {
  reset: boolean;
  changes: readonly TagMembershipChange[];
}

export interface AttributeFilter {
  key: string;
  /** Values as text (numbers are compared by their text). */
  values: readonly string[];
}

export type GridSortColumn = 'participant' | 'answer' | 'question' | 'sentiment' | `attr:${string}`;

export interface GridQuery {
  /** Open questions whose answers are rows, in this order. */
  questionIds: readonly string[];
  text?: string;
  attributes?: readonly AttributeFilter[];
  units?: UnitFilter;
  /** Keep answers whose sentiment is one of these (absent or empty: all). */
  sentiment?: readonly SentimentLabel[];
  tag?: TagQuery;
  sort?: { column: GridSortColumn; desc: boolean };
}

export interface GridResult {
  /** Pass to gridRows/gridUnitIds; only the latest query's result is kept. */
  queryId: number;
  total: number;
  ms: number;
}

export interface GridRow {
  /** Position in the query's result. */
  pos: number;
  unitId: string;
  text: string;
  questionId: string;
  participantId?: string;
  participantName: string;
  attributes: Record<string, string | number>;
  /** Sentiment score, −1 … 1 (core/sentiment: ±0.05 and within is neutral). */
  sentiment: number;
}

export interface AttributeColumn {
  key: string;
  /** Distinct values, sorted (capped at a few hundred for the filter menu). */
  values: string[];
}

export interface SearchQuery {
  text: string;
  sourceIds?: readonly string[];
  attributes?: readonly AttributeFilter[];
  units?: UnitFilter;
  tag?: TagQuery;
  /** Hits returned (the total is always counted). Default 100. */
  limit?: number;
}

export interface SearchHit {
  unitId: string;
  sourceId: string;
  sourceTitle: string;
  sourceKind: SourceKind;
  text: string;
  questionId?: string;
  speaker?: string;
  startSec?: number;
  participantName?: string;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  ms: number;
}

export interface SearchWorkerApi {
  /** Starts indexing a workspace (replacing any other); resolves when the index is complete. */
  open(workspaceId: string, onStatus?: (status: IndexStatus) => void): Promise<IndexStatus>;
  /** Indexes sources committed since (an import), or rebuilds when one went away. */
  sync(): Promise<IndexStatus>;
  status(): Promise<IndexStatus>;
  gridQuery(query: GridQuery): Promise<GridResult>;
  gridRows(queryId: number, from: number, to: number): Promise<GridRow[]>;
  /** Unit ids at result positions [start, end) of each range (selection → bulk tag). */
  gridUnitIds(queryId: number, ranges: readonly (readonly [number, number])[]): Promise<string[]>;
  /** Result position of a unit in the latest grid query, or -1. */
  gridPosition(queryId: number, unitId: string): Promise<number>;
  attributeColumns(questionIds: readonly string[]): Promise<AttributeColumn[]>;
  /** Keeps the worker's copy of which units carry which tag (for `tag` filters) current. */
  tagMembership(update: TagMembershipUpdate): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
}

/** The index is not built yet: the grid pages straight from IndexedDB meanwhile. */
export class IndexNotReadyError extends Error {
  override readonly name = 'IndexNotReadyError';
  constructor() {
    super('The search index is still being built. Try again in a moment.');
  }
}
