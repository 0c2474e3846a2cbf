/**
 * The top bar's search: one box over every source's units (transcripts, notes, survey answers), backed by the
 * unit index in the worker. Results narrow by source, tag and participant attribute; ↑/↓ and Enter open one:
 * a survey answer in the Responses grid, a transcript or notes passage in its context — both with the hit marked.
 * Ctrl/Cmd+K (or /) focuses the box.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { depthFirst } from '../../../../core/coding';
import { formatNumber } from '../../app/format';
import type { Route } from '../../app/routes';
import { useSources } from '../../db/hooks';
import type { SearchHit, SearchQuery, SearchResult } from '../../workers/search-protocol';
import { useCoding } from '../coding/CodingProvider';
import { tagQueryFor, type TagFilter } from '../responses/tag-membership';
import { sourceFocusParam } from '../insights/navigation';
import { HitText } from './HitText';
import { SearchContext } from './SearchContext';
import { useSearchIndex } from './SearchIndexProvider';
import { syncTagMembership } from './tag-mirror';
import './search.css';

export function SearchBox({ workspaceId, navigate }: { workspaceId: string; navigate: (r: Route) => void }): React.JSX.Element {
  const index = useSearchIndex();
  const { state, tagIndex } = useCoding();
  const sources = useSources(workspaceId);
  const [text, setText] = useState('');
  // Every keystroke queries the worker (a few ms); answers to older keystrokes are dropped.
  const query = text;
  const [open, setOpen] = useState(false);
  const [sourceId, setSourceId] = useState('');
  const [tag, setTag] = useState<TagFilter>({ kind: 'any' });
  const [result, setResult] = useState<(SearchResult & { query: string }) | null>(null);
  const [active, setActive] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [context, setContext] = useState<{ hit: SearchHit; query: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listId = useId();

  const tagQuery = useMemo(() => tagQueryFor(tag), [tag]);
  // With a tag filter, a change of tagging re-runs the search.
  const membership = tagQuery === null ? null : tagIndex;
  const ready = index.client !== null && (index.status.state === 'ready' || (index.status.state === 'indexing' && index.status.buildMs !== undefined));

  useEffect(() => {
    if (!ready || index.client === null || query.trim() === '') {
      setResult(null);
      return;
    }
    let live = true;
    const q: SearchQuery = { text: query, limit: 50 };
    if (sourceId !== '') q.sourceIds = [sourceId];
    if (tagQuery !== null) {
      q.tag = tagQuery;
      syncTagMembership(index.client, tagIndex);
    }
    setFailure(null);
    index.client.search(q).then(
      (r) => {
        if (!live) return;
        setResult({ ...r, query });
        setActive(0);
      },
      (e: unknown) => live && setFailure(`Search failed: ${e instanceof Error ? e.message : String(e)}`),
    );
    return () => {
      live = false;
    };
    // `membership` stands for tagIndex when it matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, index.client, index.status.units, query, sourceId, tagQuery, membership]);

  // Ctrl/Cmd+K or "/" (outside text fields) focuses the box.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent): void => {
      const inField = e.target instanceof HTMLElement && (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName));
      if (((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') || (e.key === '/' && !inField)) {
        e.preventDefault();
        inputRef.current?.focus();
        inputRef.current?.select();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Clicking elsewhere closes the results.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent): void => {
      if (rootRef.current !== null && e.target instanceof Node && !rootRef.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const openHit = (hit: SearchHit): void => {
    setOpen(false);
    if (hit.questionId !== undefined) {
      index.setFocus(hit.unitId, result?.query ?? query);
      navigate({ section: 'responses', param: null });
    } else setContext({ hit, query: result?.query ?? query });
  };

  const hits = result?.hits ?? [];
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(hits.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter' && hits[active] !== undefined) openHit(hits[active]);
    else if (e.key === 'Escape') {
      setOpen(false);
      inputRef.current?.blur();
    } else return;
    e.preventDefault();
  };

  const titleOf = (hit: SearchHit): string => hit.speaker ?? hit.participantName ?? '';

  return (
    <div className="global-search" ref={rootRef}>
      <input
        ref={inputRef}
        className="input search-input"
        type="search"
        role="combobox"
        aria-label="Search all sources"
        aria-expanded={open && query.trim() !== ''}
        aria-controls={listId}
        aria-activedescendant={hits[active] === undefined ? undefined : `${listId}-${active}`}
        placeholder={index.status.state === 'indexing' && !ready ? 'Indexing…' : 'Search everything (Ctrl+K)'}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {open && text.trim() !== '' ? (
        <div className="search-panel" role="region" aria-label="Search results">
          <div className="search-filters">
            <select className="input" aria-label="Search in source" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
              <option value="">All sources</option>
              {(sources ?? []).map((s) => (
                <option key={s.source.id} value={s.source.id}>
                  {s.source.title}
                </option>
              ))}
            </select>
            <select
              className="input"
              aria-label="Search in tag"
              value={tag.kind === 'tag' ? tag.tagId : tag.kind}
              onChange={(e) => setTag(e.target.value === 'any' || e.target.value === 'untagged' ? { kind: e.target.value } : { kind: 'tag', tagId: e.target.value })}
            >
              <option value="any">Any tags</option>
              <option value="untagged">Untagged</option>
              {depthFirst(state.tags).map(({ tag: t }) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <p className="search-summary muted" role="status">
            {failure !== null ? failure : !ready ? 'Building the search index…' : result === null ? 'Searching…' : `${formatNumber(result.total)} ${result.total === 1 ? 'match' : 'matches'}${result.total > hits.length ? `, first ${hits.length} shown` : ''}`}
          </p>
          <ul id={listId} className="search-results" role="listbox" aria-label="Matches">
            {hits.map((hit, i) => (
              <li
                key={hit.unitId}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-result is-active' : 'search-result'}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => openHit(hit)}
              >
                <span className="search-result-meta">
                  <span className="badge">{hit.sourceKind === 'survey' ? 'Response' : hit.sourceKind === 'transcript' ? 'Transcript' : 'Notes'}</span>
                  <span className="search-source">{hit.sourceTitle}</span>
                  {titleOf(hit) === '' ? null : <span className="muted">· {titleOf(hit)}</span>}
                </span>
                <HitText className="search-snippet" text={hit.text} query={result?.query ?? ''} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {context === null ? null : (
        <SearchContext
          workspaceId={workspaceId}
          hit={context.hit}
          query={context.query}
          onClose={() => setContext(null)}
          onOpenSource={(id) => {
            const unitId = context.hit.unitId;
            setContext(null);
            // The reader opens at the hit's passage (insights/navigation.ts).
            navigate({ section: 'sources', param: id, focus: sourceFocusParam({ unitId }) });
          }}
        />
      )}
    </div>
  );
}
