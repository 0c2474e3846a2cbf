/**
 * The rows behind the Responses grid. Until the unit index is built, rows come straight from IndexedDB by
 * offset (listAnswers pages are O(1) at any depth: blocks carry their counts), so the first screen shows at
 * once; filter, sort and search wait for the index. Once it is ready every query runs in the worker and the
 * grid asks for the ~100-row pages it shows. Only the pages on screen (and near it) are held here.
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
  /** Identifies the current result (selection is reset when it changes). */
  resultKey: string;
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
  unitIdsOf(ranges: readonly (readonly [number, number])[]): Promise<string[]>;
  positionOf(unitId: string): Promise<number>;
}

export function useGridRows(workspaceId: string, index: SearchIndex, params: GridParams): GridRows {
  const everReady = useRef(false);
  if (index.status.state === 'ready') everReady.current = true;
  const canQuery = index.client !== null && (index.status.state === 'ready' || (index.status.state === 'indexing' && everReady.current));
  const mode: GridRows['mode'] = canQuery ? 'index' : 'direct';
  const [result, setResult] = useState<{ key: string; queryId: number; total: number; ms: number | null } | null>(null);
  const pages = useRef(new Map<number, GridRow[]>());
  const arrived = useRef(0);
  const listeners = useRef(new Set<() => void>());
  const loading = useRef(new Set<number>());
  const client = index.client;

  // With a tag filter, a change of tagging (a new tag index view) is a new query.
  const membership = params.tag === null ? 0 : viewId(params.tagIndex);
  const paramsKey = JSON.stringify([params.questionIds, params.text.trim(), params.attributes, params.sentiment, params.sort, params.tag, membership]);
  const key = `${mode}|${paramsKey}|${identityOf(params.units)}|${index.status.units}`;

  // The worker's copy of tag membership follows every tagging change (deltas, in the background), so picking a
  // tag filter later sends only the tag id. Declared before the query effect: it runs first.
  const { tagIndex } = params;
  useEffect(() => {
    if (mode === 'index' && client !== null) syncTagMembership(client, tagIndex);
  }, [mode, client, tagIndex]);

  useEffect(() => {
    pages.current.clear();
    loading.current.clear();
    let live = true;
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
      void client.gridQuery(q).then((r) => live && setResult({ key, queryId: r.queryId, total: r.total, ms: r.ms }));
    } else {
      void Promise.all(params.questionIds.map((id) => countAnswers(workspaceId, id))).then((counts) => live && setResult({ key, queryId: -1, total: counts.reduce((a, b) => a + b, 0), ms: null }));
    }
    return () => {
      live = false;
    };
    // `key` covers every input of the query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, client, workspaceId]);

  const current = result !== null && result.key === key ? result : null;

  const ensure = useCallback(
    (from: number, to: number) => {
      if (current === null) return;
      const first = Math.floor(Math.max(0, from) / PAGE_SIZE);
      const last = Math.floor(Math.max(0, Math.min(to, current.total) - 1) / PAGE_SIZE);
      for (let p = first; p <= last; p++) {
        if (pages.current.has(p) || loading.current.has(p)) continue;
        loading.current.add(p);
        const load = mode === 'index' && client !== null ? client.gridRows(current.queryId, p * PAGE_SIZE, (p + 1) * PAGE_SIZE) : directRows(workspaceId, params.questionIds, p * PAGE_SIZE, PAGE_SIZE);
        void load.then(
          (rows) => {
            if (!loading.current.delete(p)) return;
            pages.current.set(p, rows);
            // Keep memory flat while scrolling a million rows: drop the pages farthest from this one.
            if (pages.current.size > MAX_PAGES) {
              const far = [...pages.current.keys()].sort((a, b) => Math.abs(b - p) - Math.abs(a - p));
              for (const k of far.slice(0, pages.current.size - MAX_PAGES)) pages.current.delete(k);
            }
            arrived.current++;
            for (const listener of listeners.current) listener();
          },
          () => loading.current.delete(p),
        );
      }
    },
    [current, mode, client, workspaceId, params.questionIds],
  );

  const rowAt = useCallback((pos: number) => pages.current.get(Math.floor(pos / PAGE_SIZE))?.[pos % PAGE_SIZE], []);
  const subscribe = useCallback((onPages: () => void) => {
    listeners.current.add(onPages);
    return () => void listeners.current.delete(onPages);
  }, []);
  const pagesVersion = useCallback(() => arrived.current, []);

  const unitIdsOf = useCallback(
    async (ranges: readonly (readonly [number, number])[]): Promise<string[]> => {
      if (current === null) return [];
      if (mode === 'index' && client !== null) return client.gridUnitIds(current.queryId, ranges);
      const out: string[] = [];
      for (const [a, b] of ranges) for (const row of await directRows(workspaceId, params.questionIds, a, b - a)) out.push(row.unitId);
      return out;
    },
    [current, mode, client, workspaceId, params.questionIds],
  );

  const positionOf = useCallback(
    async (unitId: string): Promise<number> => (current !== null && mode === 'index' && client !== null ? client.gridPosition(current.queryId, unitId) : -1),
    [current, mode, client],
  );

  return useMemo(
    () => ({ mode, total: current?.total, resultKey: current === null ? '' : `${current.key}#${current.queryId}`, queryMs: current?.ms ?? null, rowAt, subscribe, pagesVersion, ensure, unitIdsOf, positionOf }),
    [mode, current, rowAt, subscribe, pagesVersion, ensure, unitIdsOf, positionOf],
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
