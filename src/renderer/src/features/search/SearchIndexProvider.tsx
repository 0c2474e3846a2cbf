/**
 * The workspace's unit index (search.worker.ts), shared by the top bar's search and the Responses grid:
 * opened when a workspace opens, synced when its committed sources change (after an import), disposed on
 * switch. Also carries "where a search result asked to go" so the grid can show the hit.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { readySourceCounts, readySourceRevisions } from '../../db/workspace-data';
import { createSearchClient, type SearchClient } from '../../workers/search-client';
import type { IndexStatus } from '../../workers/search-protocol';

/** A search result the user opened: the unit to show and the query whose hits to mark. */
export interface SearchFocus {
  unitId: string;
  query: string;
  /** Changes on every open, so opening the same result twice still scrolls to it. */
  nonce: number;
}

export interface SearchIndex {
  client: SearchClient | null;
  status: IndexStatus;
  focus: SearchFocus | null;
  setFocus(unitId: string, query: string): void;
  clearFocus(): void;
}

const IDLE: IndexStatus = { state: 'idle', units: 0, total: 0 };
const SearchIndexContext = createContext<SearchIndex>({ client: null, status: IDLE, focus: null, setFocus: () => undefined, clearFocus: () => undefined });

export function useSearchIndex(): SearchIndex {
  return useContext(SearchIndexContext);
}

export interface SearchIndexProviderProps {
  workspaceId: string;
  children: ReactNode;
  /** Tests and benchmarks pass their own (e.g. in-process) client factory. */
  createClient?: () => SearchClient;
}

export function SearchIndexProvider({ workspaceId, children, createClient = createSearchClient }: SearchIndexProviderProps): React.JSX.Element {
  const [client, setClient] = useState<SearchClient | null>(null);
  const [status, setStatus] = useState<IndexStatus>(IDLE);
  const [focus, setFocusState] = useState<SearchFocus | null>(null);

  useEffect(() => {
    const c = createClient();
    let live = true;
    setClient(c);
    setFocusState(null);
    void c.open(workspaceId, (s) => live && setStatus(s)).then((s) => live && setStatus(s));
    return () => {
      live = false;
      c.dispose();
      setClient(null);
      setStatus(IDLE);
    };
  }, [workspaceId, createClient]);

  // Committed sources (and their unit counts): a change means an import finished or a source went away.
  // Revisions too: a role change rewrites a source in place.
  const sourcesKey = useLiveQuery(async () => {
    const revisions = await readySourceRevisions(workspaceId);
    return [...(await readySourceCounts(workspaceId))].map(([id, n]) => `${id}:${n}:${revisions.get(id) ?? 0}`).sort().join(',');
  }, [workspaceId]);
  useEffect(() => {
    if (client === null || sourcesKey === undefined) return;
    let live = true;
    void client.sync().then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [client, sourcesKey]);

  const setFocus = useCallback((unitId: string, query: string) => setFocusState({ unitId, query, nonce: Date.now() + Math.random() }), []);
  const clearFocus = useCallback(() => setFocusState(null), []);
  const value = useMemo((): SearchIndex => ({ client, status, focus, setFocus, clearFocus }), [client, status, focus, setFocus, clearFocus]);
  return <SearchIndexContext.Provider value={value}>{children}</SearchIndexContext.Provider>;
}
