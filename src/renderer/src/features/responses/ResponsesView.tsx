/**
 * Responses: every open-text survey answer (all open questions, or one), as a virtualized grid that stays
 * instant at a million rows. Filter by words, tag, "untagged", sentiment or a participant attribute; sort by any column;
 * select with click, Shift+click, Ctrl/Cmd+click or Ctrl/Cmd+A and tag or untag the selection in one step
 * (one undo entry, whatever its size); read and tag part of an answer in the detail pane. Links from insights
 * and charts open it filtered (#/responses/<filter>); a single quoted answer opens selected, in the detail pane.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { applyTags, removeTags } from '../../../../core/coding';
import type { SentimentLabel } from '../../../../core/sentiment';
import { formatNumber } from '../../app/format';
import { useQuestions } from '../../db/hooks';
import type { AttributeColumn, GridSortColumn } from '../../workers/search-protocol';
import { useCoding } from '../coding/CodingProvider';
import { TagPicker } from '../coding/TagPicker';
import { parseResponsesFilter } from '../insights/navigation';
import { useSearchIndex } from '../search/SearchIndexProvider';
import { useReadOnly } from '../sharing/viewer-mode';
import { AnswerDetail } from './AnswerDetail';
import { ResponsesGrid } from './ResponsesGrid';
import { FilterBar, type AttributeChoice } from './ResponsesToolbar';
import { combineUnitFilters, controlsFor } from './route-filter';
import { EMPTY_SELECTION, selectedCount, type RowSelection } from './selection';
import { tagQueryFor, type TagFilter } from './tag-membership';
import { useGridRows, useRowAt } from './useGridRows';
import './responses.css';

const MAX_ATTRIBUTE_COLUMNS = 6;
const NO_TAGS: readonly string[] = [];

type Bulk = { mode: 'tag' | 'untag'; unitIds: string[] } | null;

/** `value` once it has stopped changing for `ms` (typing a filter runs one query, not one per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export interface ResponsesViewProps {
  workspaceId: string;
  /** A question id, or 'all' for every open question; the first open question by default. */
  initialQuestion?: string;
  /** The route's filter segment (#/responses/<filter>), from an insight, a chart or a quote. */
  routeFilter?: string | null;
  /** "Show all answers": leave the routed filter. */
  onClearRouteFilter?: () => void;
}

export function ResponsesView({ workspaceId, initialQuestion, routeFilter = null, onClearRouteFilter }: ResponsesViewProps): React.JSX.Element {
  const routed = useMemo(() => parseResponsesFilter(routeFilter), [routeFilter]);
  const questions = useQuestions(workspaceId);
  const open = useMemo(() => (questions ?? []).filter((q) => q.type === 'open'), [questions]);
  // The first open question until the user picks another (or all of them).
  const [picked, setPicked] = useState<string | null>(initialQuestion ?? null);
  const chosen = picked ?? open[0]?.id ?? 'all';
  const questionIds = useMemo(() => (chosen === 'all' ? open.map((q) => q.id) : [chosen]), [chosen, open]);
  const index = useSearchIndex();
  const { state, tagIndex, coder, undo, canUndo, undoLabel } = useCoding();
  const { readOnly, reason } = useReadOnly();

  const [text, setText] = useState('');
  const deferredText = useDebounced(text, 120);
  const [tagFilter, setTagFilter] = useState<TagFilter>({ kind: 'any' });
  const [attribute, setAttribute] = useState<AttributeChoice | null>(null);
  const [sentiment, setSentiment] = useState<SentimentLabel | null>(null);
  const [sort, setSort] = useState<{ column: GridSortColumn; desc: boolean } | undefined>(undefined);
  const [selection, setSelection] = useState<RowSelection>(EMPTY_SELECTION);
  const [bulk, setBulk] = useState<Bulk>(null);
  const [error, setError] = useState<string | null>(null);
  const [reveal, setReveal] = useState<{ pos: number; nonce: number } | null>(null);

  const units = useMemo(() => combineUnitFilters(routed?.unitIds, null), [routed]);
  const tag = useMemo(() => tagQueryFor(tagFilter), [tagFilter]);

  // A link opened here: its question, tag and segment become the controls' state (the user can change them after).
  useEffect(() => {
    if (routed === null) return;
    const c = controlsFor(routed);
    setPicked(c.question);
    setTagFilter(c.tagFilter);
    setAttribute(c.attribute);
    setText('');
  }, [routed]);
  const attributes = useMemo(() => (attribute === null ? [] : [{ key: attribute.key, values: [attribute.value] }]), [attribute]);
  const sentiments = useMemo(() => (sentiment === null ? [] : [sentiment]), [sentiment]);
  const rows = useGridRows(workspaceId, index, { questionIds, text: deferredText, attributes, units, sentiment: sentiments, tag, tagIndex, sort });
  const total = rows.total;

  // Attribute columns: from the index once built, from the first rows until then.
  const [columns, setColumns] = useState<AttributeColumn[]>([]);
  useEffect(() => {
    if (rows.mode !== 'index' || index.client === null) return;
    let live = true;
    void index.client.attributeColumns(questionIds).then((c) => live && setColumns(c));
    return () => {
      live = false;
    };
  }, [rows.mode, index.client, questionIds, index.status.units]);
  // The first row's attributes name the columns only until the index lists them (then row 0 may come and go).
  const firstRow = useRowAt(rows, columns.length > 0 ? null : 0);
  const attributeKeys = useMemo(
    () => (columns.length > 0 ? columns.map((c) => c.key) : Object.keys(firstRow?.attributes ?? {})).slice(0, MAX_ATTRIBUTE_COLUMNS),
    [columns, firstRow],
  );

  // A new result (filter, sort, question) starts a new selection — except when the same rows just moved from
  // storage to the unit index (it takes over a few seconds after opening): the answer the user picked stays
  // picked, at its place in the index's order, and a tag picker they opened stays open. A layout effect: the
  // render that shows the new rows is followed by this one before it is painted, so the old selection is never
  // seen (or acted on) over the new rows.
  const lastResult = useRef<{ key: string; mode: string; questions: string } | null>(null);
  const activeUnit = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (rows.resultKey === '') return; // a query under way: decide when its result is there
    const before = lastResult.current;
    const now = { key: rows.resultKey, mode: rows.mode, questions: questionIds.join('\u0000') };
    lastResult.current = now;
    const unitId = activeUnit.current;
    // While rows come straight from storage nothing can be filtered or sorted: the same questions are the same rows.
    const sameRows = before?.mode === 'direct' && now.mode === 'index' && before.questions === now.questions;
    if (!sameRows || unitId === null) {
      setSelection(EMPTY_SELECTION);
      setBulk(null);
      return;
    }
    let live = true;
    void rows.positionOf(unitId).then((pos) => {
      if (!live) return;
      if (pos >= 0) setSelection((sel) => (sel.active === null ? sel : { ranges: [[pos, pos + 1]], anchor: pos, active: pos }));
      else {
        setSelection(EMPTY_SELECTION);
        setBulk(null);
      }
    });
    return () => {
      live = false;
    };
  }, [rows.resultKey]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new result resets

  // A search result opened here: show all questions, filter to the query, select and reveal the answer.
  const focus = index.focus;
  useEffect(() => {
    if (focus === null) return;
    setPicked('all');
    setTagFilter({ kind: 'any' });
    setAttribute(null);
    setSentiment(null);
    setText(focus.query);
  }, [focus]);
  const { positionOf } = rows;
  useEffect(() => {
    if (focus === null || rows.mode !== 'index' || rows.total === undefined || deferredText !== focus.query) return;
    let live = true;
    void positionOf(focus.unitId).then((pos) => {
      if (!live || pos < 0) return;
      setSelection({ ranges: [[pos, pos + 1]], anchor: pos, active: pos });
      setReveal({ pos, nonce: focus.nonce });
      index.clearFocus();
    });
    return () => {
      live = false;
    };
  }, [focus, rows.mode, rows.total, rows.resultKey, deferredText, positionOf, index]);

  // One quoted answer: select it, so the detail pane shows it whole.
  const singleRouted = routed?.unitIds?.length === 1 ? routed.unitIds[0] : undefined;
  useEffect(() => {
    if (singleRouted === undefined || rows.mode !== 'index' || rows.total === undefined || rows.total === 0) return;
    let live = true;
    void positionOf(singleRouted).then((pos) => {
      if (live && pos >= 0) setSelection({ ranges: [[pos, pos + 1]], anchor: pos, active: pos });
    });
    return () => {
      live = false;
    };
  }, [singleRouted, rows.mode, rows.total, rows.resultKey, positionOf]);

  const onSort = useCallback((column: GridSortColumn) => {
    setSort((s) => (s?.column !== column ? { column, desc: false } : s.desc ? undefined : { column, desc: true }));
  }, []);

  const tagsOf = useCallback((unitId: string) => tagIndex.tagsOf(unitId), [tagIndex]);
  const questionLabels = useMemo(() => (chosen === 'all' && open.length > 1 ? new Map(open.map((q) => [q.id, q.label])) : null), [chosen, open]);
  const count = selectedCount(selection);
  const activeRow = useRowAt(rows, selection.active);
  // The picked answer, remembered across a new result. Not read in the render that brings the new rows: the
  // selection still holds the old result's positions there, until the layout effect above has handled it.
  if (rows.resultKey === lastResult.current?.key) {
    if (selectedCount(selection) !== 1) activeUnit.current = null;
    else if (activeRow !== undefined && activeRow !== null) activeUnit.current = activeRow.unitId;
  }

  // The list the selection belongs to: a bulk action whose rows are read after it changed is dropped (not when
  // the same list is only read another way: the index taking over keeps the selection).
  const shownList = useRef(rows.listKey);
  shownList.current = rows.listKey;
  const startBulk = async (mode: 'tag' | 'untag'): Promise<void> => {
    if (rows.locked) return;
    setError(null);
    const from = rows.listKey;
    try {
      const unitIds = await rows.unitIdsOf(selection.ranges);
      if (shownList.current === from) setBulk({ mode, unitIds });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (questions === undefined) return <p className="loading">Loading responses…</p>;

  const indexing = index.status.state === 'indexing' || index.status.state === 'idle';
  const filtersOff = rows.mode !== 'index';
  const filtered = deferredText.trim() !== '' || tag !== null || attribute !== null || sentiment !== null || units !== null;

  return (
    <section className="section section-wide responses" aria-labelledby="responses-title">
      <div className="section-header">
        <div>
          <h1 id="responses-title">Responses</h1>
          <p>Open-text answers from surveys, with who said them.</p>
        </div>
        {open.length > 1 ? (
          <label className="question-picker">
            <span className="muted">Question</span>
            <select className="input" value={chosen} onChange={(e) => setPicked(e.target.value)}>
              <option value="all">All open questions</option>
              {open.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.label}: {q.text}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>

      {open.length === 0 ? (
        <div className="empty">
          <h2>No open-text questions</h2>
          <p>When a survey export with open-text questions is in this workspace, its answers are listed here.</p>
        </div>
      ) : (
        <>
          <FilterBar
            text={text}
            onText={setText}
            tagFilter={tagFilter}
            onTagFilter={setTagFilter}
            attribute={attribute}
            onAttribute={setAttribute}
            sentiment={sentiment}
            onSentiment={setSentiment}
            tags={state.tags}
            columns={columns}
            disabled={filtersOff}
          />
          {routed === null ? null : (
            <div className="routed-filter" role="note" aria-label="Opened from a link">
              <span>
                Showing <strong>{routed.label ?? 'linked answers'}</strong>
                {routed.unitIds === undefined ? '' : ` · ${formatNumber(routed.unitIds.length)} ${routed.unitIds.length === 1 ? 'answer' : 'answers'} listed`}
                {filtersOff ? ' (applied when indexing finishes)' : ''}
              </span>
              {onClearRouteFilter === undefined ? null : (
                <button type="button" className="btn btn-ghost btn-sm" onClick={onClearRouteFilter}>
                  Show all answers
                </button>
              )}
            </div>
          )}
          <div className="grid-status" role="status" aria-live="polite">
            <span className="num">
              {total === undefined ? 'Loading…' : `${formatNumber(total)} ${total === 1 ? 'answer' : 'answers'}`}
              {count > 0 ? ` · ${formatNumber(count)} selected` : ''}
            </span>
            {rows.stale ? (
              <span className="grid-updating">
                <span className="spinner" aria-hidden="true" /> Updating…
              </span>
            ) : null}
            {indexing ? (
              <span className="indexing">
                <span className="spinner" aria-hidden="true" /> Indexing… {index.status.total > 0 ? `${Math.floor((100 * index.status.units) / index.status.total)}%` : ''} {index.status.scored !== undefined ? '· scoring sentiment of earlier answers ' : ''}(filters and sorting are ready when it finishes)
              </span>
            ) : null}
            {index.status.state === 'error' ? <span className="error-text">{index.status.message}</span> : null}
            <span className="topbar-spacer" />
            {canUndo && undoLabel !== undefined && !readOnly ? (
              <button type="button" className="btn btn-ghost btn-sm undo-button" title="Ctrl+Z / ⌘Z" onClick={() => void undo()}>
                {undoLabel}
              </button>
            ) : null}
            {count > 0 && readOnly ? (
              <span className="muted" title={reason}>
                Reading mode: tagging is off
              </span>
            ) : null}
            {count > 0 && !readOnly ? (
              <span className="bulk-actions">
                <button type="button" className="btn btn-sm btn-primary" disabled={rows.locked} onClick={() => void startBulk('tag')}>
                  Tag {formatNumber(count)}…
                </button>
                <button type="button" className="btn btn-sm" disabled={rows.locked} onClick={() => void startBulk('untag')}>
                  Remove tag…
                </button>
              </span>
            ) : null}
          </div>
          {error === null ? null : (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
          {bulk === null || readOnly ? null : (
            <div className="bulk-picker" role="group" aria-label={bulk.mode === 'tag' ? 'Tag selected answers' : 'Remove a tag from selected answers'}>
              <span className="muted">
                {bulk.mode === 'tag' ? 'Tag' : 'Remove a tag from'} {formatNumber(bulk.unitIds.length)} {bulk.unitIds.length === 1 ? 'answer' : 'answers'}
              </span>
              <TagPicker
                autoFocus
                label={bulk.mode === 'tag' ? 'Tag selected answers' : 'Tag to remove'}
                apply={(ids) => (s) => (bulk.mode === 'tag' ? applyTags(s, { kind: 'units', unitIds: bulk.unitIds }, ids, coder) : removeTags(s, { kind: 'units', unitIds: bulk.unitIds }, ids))}
                onApplied={() => setBulk(null)}
                onCancel={() => setBulk(null)}
              />
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => setBulk(null)}>
                Cancel
              </button>
            </div>
          )}
          <div className="responses-body">
            <ResponsesGrid
              label={chosen === 'all' ? 'Answers' : `Answers to ${open.find((q) => q.id === chosen)?.label ?? ''}`}
              rows={rows}
              attributeKeys={attributeKeys}
              questionLabels={questionLabels}
              tagsOf={tagsOf}
              tags={state.tags}
              selection={selection}
              onSelection={setSelection}
              sort={sort}
              onSort={filtersOff ? null : onSort}
              query={deferredText}
              reveal={reveal}
              emptyText={filtered ? 'No answers match these filters.' : 'No answers to show yet.'}
            />
            <AnswerDetail
              workspaceId={workspaceId}
              row={activeRow}
              questionText={activeRow === undefined ? undefined : open.find((q) => q.id === activeRow.questionId)?.text}
              tagIds={activeRow === undefined ? NO_TAGS : tagsOf(activeRow.unitId)}
              tags={state.tags}
              query={deferredText}
              readOnly={readOnly}
            />
          </div>
        </>
      )}
    </section>
  );
}
