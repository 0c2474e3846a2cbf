/**
 * The rows behind the Responses grid. Until the unit index is built, rows come straight from IndexedDB by
 * offset (listAnswers pages are O(1) at any depth: blocks carry their counts), so the first screen shows at
 * once; filter, sort and search wait for the index. Once it is ready every query runs in the worker and the
 * grid asks for the ~100-row pages it shows. Only the pages on screen (and near it) are held here.
 *
 * A new query (a filter, a sort, the index taking over from storage) does not empty the grid: the shown result
 * stays, marked `stale`, until the new one's count and the rows it would show where the grid is scrolled are
 * read; then the new result replaces it in one render (an empty result at once, with nothing to read).
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { scoreSentiment, type SentimentLabel } from '../../../../core/sentiment';
import { countAnswers, getParticipants, listAnswers } from '../../db/workspace-data';
import type { TagIndexView } from '../../../../core/coding';
import type { SearchIndex } from '../search/SearchIndexProvider';
import { syncTagMembership } from '../search/tag-mirror';
import type { AttributeFilter, GridQuery, GridRow, TagQuery, UnitFilter } from '../../workers/search-protocol';

export const PAGE_SIZE = 100;
const MAX_PAGES = 40;

export interface GridParams {
  questionIds: readonly string[];
  text: string;
  attributes: readonly AttributeFilter[];
  /** Only these units (a link that lists them), or null. */
  units: UnitFilter | null;
  /** Keep answers with these sentiment labels (empty: all). */
  sentiment: readonly SentimentLabel[];
  /** Answers with a tag, or untagged; the worker answers it from its copy of `tagIndex`. */
  tag: TagQuery | null;
  /** The coding service's tag index: its membership is mirrored to the worker as it changes. */
  tagIndex: TagIndexView;
  sort: GridQuery['sort'];
}

/** A number per tag index view (a new view after every tagging change), for query keys. */
const viewIds = new WeakMap<TagIndexView, number>();
let nextViewId = 1;
function viewId(view: TagIndexView): number {
  let id = viewIds.get(view);
  if (id === undefined) viewIds.set(view, (id = nextViewId++));
  return id;
}

export interface GridRows {
  /** 'direct': paging IndexedDB while the index builds (no filters); 'index': queries run in the worker. */
  mode: 'direct' | 'index';
  total: number | undefined;
  /** Identifies the shown result (selection is reset when it changes). */
  resultKey: string;
  /**
   * The shown result is another list than the one before it (filters, sort, question): it is shown from its first
   * row. False when only the way it is read changed (the unit index took over, indexing added rows): the grid
   * stays where it was.
   */
  fromTop: boolean;
  /**
   * A newer query is under way: the rows shown are the previous result's, kept on screen (no empty grid) until the
   * new result's rows in view are loaded, then replaced in one render. Positions still mean the shown rows, but
   * the worker keeps only its latest query, so nothing may be read or selected against them.
   */
  stale: boolean;
  /**
   * Stale rows that can no longer be read or selected: an index result whose query the worker has replaced. Rows
   * read straight from storage (before the index takes over) stay readable, and the same list comes back with
   * them selected, so they are not locked.
   */
  locked: boolean;
  /** What the shown result lists (filters, sort, questions), whichever way it is read. */
  listKey: string;
  /** Milliseconds the last worker query took. */
  queryMs: number | null;
  rowAt(pos: number): GridRow | undefined;
  /**
   * Calls `onPages` when pages of rows arrive. Arrivals are not React state of the view that holds the rows
   * (that would re-render the whole view, filters and detail pane, several times a frame while scrolling):
   * whoever shows rows subscribes — the grid (once a frame), a single row (`useRowAt`).
   */
  subscribe(onPages: () => void): () => void;
  /** Increments when pages arrive. */
  pagesVersion(): number;
  /** Loads the pages covering [from, to). */
  ensure(from: number, to: number): void;
  /**
   * How the grid tells which rows [from, to) it would show of a result of `total` rows (where it is scrolled):
   * a new result replaces the shown one once those are loaded. Without it, the first page.
   */
  setView(rowsInView: (total: number, fromTop: boolean) => readonly [number, number]): void;
  unitIdsOf(ranges: readonly (readonly [number, number])[]): Promise<string[]>;
  positionOf(unitId: string): Promise<number>;
}

/** One query's result and the pages of it read so far. */
interface Result {
  key: string;
  /** What is listed (workspace, filters, sort, questions), whichever way it is read. */
  what: string;
  fromTop: boolean;
  mode: GridRows['mode'];
  queryId: number;
  total: number;
  ms: number | null;
  pages: Map<number, GridRow[]>;
  loading: Set<number>;
  read(from: number, to: number): Promise<GridRow[]>;
}

const firstPage = (total: number): readonly [number, number] => [0, Math.min(total, PAGE_SIZE)];

export function useGridRows(workspaceId: string, index: SearchIndex, params: GridParams): GridRows {
  const everReady = useRef(false);
  if (index.status.state === 'ready') everReady.current = true;
  const canQuery = index.client !== null && (index.status.state === 'ready' || (index.status.state === 'indexing' && everReady.current));
  const mode: GridRows['mode'] = canQuery ? 'index' : 'direct';
  // The result on screen. A new query's result replaces it only once the rows in view are loaded.
  const [shown, setShown] = useState<Result | null>(null);
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const rowsInView = useRef<(total: number, fromTop: boolean) => readonly [number, number]>(firstPage);
  // The key of the last query sent: the worker keeps only that one.
  const sent = useRef<string | null>(null);
  const arrived = useRef(0);
  const listeners = useRef(new Set<() => void>());
  const client = index.client;

  // With a tag filter, a change of tagging (a new tag index view) is a new query.
  const membership = params.tag === null ? 0 : viewId(params.tagIndex);
  const paramsKey = JSON.stringify([params.questionIds, params.text.trim(), params.attributes, params.sentiment, params.sort, params.tag, membership]);
  // Indexing progress changes an index result (units are added), not what storage holds: rows read straight from
  // storage are not read again (and their selection not reset) at every progress report.
  const what = `${workspaceId}|${paramsKey}|${identityOf(params.units)}`;
  const key = `${what}|${identityOf(client)}|${mode}|${mode === 'index' ? index.status.units : 0}`;

  // The worker's copy of tag membership follows every tagging change (deltas, in the background), so picking a
  // tag filter later sends only the tag id. Declared before the query effect: it runs first.
  const { tagIndex } = params;
  useEffect(() => {
    if (mode === 'index' && client !== null) syncTagMembership(client, tagIndex);
  }, [mode, client, tagIndex]);

  /** Reads page `p` of `result`; tells the subscribers if that result is the one shown. */
  const loadPage = useCallback((result: Result, p: number): Promise<void> => {
    result.loading.add(p);
    return result.read(p * PAGE_SIZE, (p + 1) * PAGE_SIZE).then(
      (rows) => {
        if (!result.loading.delete(p)) return;
        result.pages.set(p, rows);
        // Keep memory flat while scrolling a million rows: drop the pages farthest from this one.
        if (result.pages.size > MAX_PAGES) {
          const far = [...result.pages.keys()].sort((a, b) => Math.abs(b - p) - Math.abs(a - p));
          for (const k of far.slice(0, result.pages.size - MAX_PAGES)) result.pages.delete(k);
        }
        if (result !== shownRef.current) return;
        arrived.current++;
        for (const listener of listeners.current) listener();
      },
      () => void result.loading.delete(p),
    );
  }, []);

  useEffect(() => {
    let live = true;
    sent.current = key;
    const begin = (r: { queryId: number; total: number; ms: number | null }, read: Result['read']): void => {
      if (!live) return;
      // Another list starts at its top; the same list read another way stays where the grid is.
      const fromTop = shownRef.current === null || shownRef.current.what !== what;
      const next: Result = { key, what, fromTop, mode, ...r, pages: new Map(), loading: new Set(), read };
      // An empty result is shown at once; otherwise the rows in view are read first, so the grid goes from the
      // old rows to the new ones in one render and is never empty in between.
      const [from, to] = next.total === 0 ? [0, 0] : rowsInView.current(next.total, fromTop);
      const wanted: Promise<void>[] = [];
      for (let p = Math.floor(from / PAGE_SIZE); p * PAGE_SIZE < Math.min(to, next.total); p++) wanted.push(loadPage(next, p));
      void Promise.all(wanted).then(() => live && setShown(next));
    };
    // A query that fails leaves nothing shown ("Loading…"), as stale rows of another query would mislead.
    const failed = (): void => void (live && setShown(null));
    if (mode === 'index' && client !== null) {
      const q: GridQuery = { questionIds: params.questionIds, attributes: params.attributes };
      if (params.text.trim() !== '') q.text = params.text;
      if (params.units !== null) q.units = params.units;
      if (params.sentiment.length > 0) q.sentiment = params.sentiment;
      if (params.tag !== null) {
        syncTagMembership(client, params.tagIndex);
        q.tag = params.tag;
      }
      if (params.sort !== undefined) q.sort = params.sort;
      client.gridQuery(q).then((r) => begin(r, (from, to) => client.gridRows(r.queryId, from, to)), failed);
    } else {
      const questionIds = params.questionIds;
      Promise.all(questionIds.map((id) => countAnswers(workspaceId, id))).then(
        (counts) => begin({ queryId: -1, total: counts.reduce((a, b) => a + b, 0), ms: null }, (from, to) => directRows(workspaceId, questionIds, from, to - from)),
        failed,
      );
    }
    return () => {
      live = false;
    };
    // `key` covers every input of the query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const current = shown;
  // Stale from the render that changes the query; also when it changes back to the shown one before the other
  // query's result came (A → B → A): B's query replaced A's in the worker, so A is queried again.
  const stale = current !== null && (current.key !== key || (sent.current !== null && sent.current !== key));
  const locked = stale && current.mode === 'index';

  const ensure = useCallback(
    (from: number, to: number) => {
      // The worker has dropped a locked result's query: its rows not read by now are not read.
      if (current === null || locked) return;
      const first = Math.floor(Math.max(0, from) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, Math.min(to, current.total) - 1) / PAGE_SIZE);
      for (let p = first; p <= last; p++) if (!current.pages.has(p) && !current.loading.has(p)) void loadPage(current, p);
    },
    [current, locked, loadPage],
  );

  const rowAt = useCallback((pos: number) => current?.pages.get(Math.floor(pos / PAGE_SIZE))?.[pos % PAGE_SIZE], [current]);
  const subscribe = useCallback((onPages: () => void) => {
    listeners.current.add(onPages);
    return () => void listeners.current.delete(onPages);
  }, []);
  const pagesVersion = useCallback(() => arrived.current, []);
  const setView = useCallback((view: (total: number, fromTop: boolean) => readonly [number, number]) => void (rowsInView.current = view), []);

  const unitIdsOf = useCallback(
    async (ranges: readonly (readonly [number, number])[]): Promise<string[]> => {
      if (current === null) return [];
      if (locked) throw new Error('The list changed before the selection could be read. Select the rows again.');
      if (current.mode === 'index' && client !== null) return client.gridUnitIds(current.queryId, ranges);
      const out: string[] = [];
      for (const [a, b] of ranges) for (const row of await current.read(a, b)) out.push(row.unitId);
      return out;
    },
    [current, locked, client],
  );

  const positionOf = useCallback(
    async (unitId: string): Promise<number> => (current !== null && !stale && current.mode === 'index' && client !== null ? client.gridPosition(current.queryId, unitId) : -1),
    [current, stale, client],
  );

  return useMemo(
    () => ({
      mode: current?.mode ?? mode,
      total: current?.total,
      resultKey: current === null ? '' : `${current.key}#${current.queryId}`,
      fromTop: current?.fromTop ?? true,
      stale,
      locked,
      listKey: current?.what ?? '',
      queryMs: current?.ms ?? null,
      rowAt,
      subscribe,
      pagesVersion,
      ensure,
      setView,
      unitIdsOf,
      positionOf,
    }),
    [mode, current, stale, locked, rowAt, subscribe, pagesVersion, ensure, setView, unitIdsOf, positionOf],
  );
}

/** The row at `pos` (null: none), re-rendering the caller only when that row itself arrives or goes. */
export function useRowAt(rows: GridRows, pos: number | null): GridRow | undefined {
  const { rowAt } = rows;
  const snapshot = useCallback(() => (pos === null ? undefined : rowAt(pos)), [rowAt, pos]);
  return useSyncExternalStore(rows.subscribe, snapshot);
}

/** Rows [offset, offset + limit) of the questions' answers, question after question, read by offset from IndexedDB. */
export async function directRows(workspaceId: string, questionIds: readonly string[], offset: number, limit: number): Promise<GridRow[]> {
  const out: GridRow[] = [];
  let skip = offset;
  for (const questionId of questionIds) {
    if (out.length >= limit) break;
    const n = await countAnswers(workspaceId, questionId);
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const page = await listAnswers(workspaceId, questionId, { offset: skip, limit: limit - out.length });
    skip = 0;
    const people = await getParticipants(workspaceId, page.items.flatMap((u) => u.participantId ?? []));
    for (const unit of page.items) {
      const person = unit.participantId === undefined ? undefined : people.get(unit.participantId);
      // The first screen, before the index: ~100 answers scored here take about a millisecond.
      const sentiment = scoreSentiment(unit.text).score;
      const row: GridRow = { pos: offset + out.length, unitId: unit.id, text: unit.text, questionId, participantName: person?.name ?? '—', attributes: person?.attributes ?? {}, sentiment };
      if (person !== undefined) row.participantId = person.id;
      out.push(row);
    }
  }
  return out;
}

/** A number per object, stable while it lives: a large unit list is keyed by identity, not by its contents. */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function identityOf(value: object | null): number {
  if (value === null) return 0;
  let id = identities.get(value);
  if (id === undefined) identities.set(value, (id = nextIdentity++));
  return id;
}
