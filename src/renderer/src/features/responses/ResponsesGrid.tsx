/**
 * The virtualized answers grid: react-table for the column model (built once per column set), rows windowed by
 * hand with scroll scaling (scroll-scale.ts) once rows × height passes what a browser can lay out. Only the rows
 * on screen exist in the DOM. Keyboard: ↑/↓ (Shift extends), Home/End, PageUp/PageDown, Ctrl/Cmd+A, Space
 * toggles, Escape clears. While the rows shown are a previous result's (`rows.stale`, a new query under way) they
 * are dimmed and clicks and keys do not select them.
 *
 * Per scroll frame the work is one transform on the rows layer plus filling the rows that came into view: rows
 * are memoized components whose props (their data, selection, offset in the layer) do not change while they
 * stay on screen, so React skips them, and a row leaving the window hands its DOM to one entering it. Row
 * height is fixed and rows are placed with transforms inside a contained layer, so nothing is measured.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { Tag } from '../../../../core/model';
import type { GridRow, GridSortColumn } from '../../workers/search-protocol';
import { HitText } from '../search/HitText';
import { scrollScale, scrollTopForRow, toVirtualOffset, type ScrollScale } from './scroll-scale';
import { formatSentiment } from './SentimentCell';
import { sentimentLabel } from '../../../../core/sentiment';
import { clickRow, isSelected, moveActive, selectAll, type RowSelection } from './selection';
import type { GridRows } from './useGridRows';

export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 34;
/** Rows rendered past each edge of the viewport, so a short scroll finds them already there. */
const OVERSCAN = 6;
/** A scroll that stops this long (ms) ends a fast scroll: the overscan rows come back. */
const SETTLE_MS = 120;
const ANSWER_MIN = 280;
/**
 * Rows are placed at (pos − anchor) × ROW_HEIGHT in a layer that one transform moves each frame; the anchor
 * steps only every ANCHOR_SPAN rows, so a row keeps its offset (and skips rendering) while it stays on screen,
 * and offsets stay small enough for exact pixels at any depth.
 */
const ANCHOR_SPAN = 1024;
/**
 * Rows read ahead of the scroll direction, so text is there when rows come into view: PREFETCH, or the next few
 * frames' worth at the current speed, up to MAX_AHEAD. A scroll faster than that (a fling) reads only what it shows.
 */
const PREFETCH = 200;
const AHEAD_FRAMES = 6;
const MAX_AHEAD = 800;
/** The row model react-table is given: cells are rendered per visible row from the column model instead. */
const NO_DATA: Cell[] = [];

type Cell = GridRow | { pos: number; placeholder: true };

/** How one column's cell shows a row. */
interface CellSpec {
  id: string;
  className: string;
  render: (row: GridRow) => ReactNode;
  /** The cell's tooltip. */
  title?: (row: GridRow) => string;
  /** What a row still waiting for its page shows (nothing by default). */
  empty?: ReactNode;
}

export interface ResponsesGridProps {
  label: string;
  rows: GridRows;
  attributeKeys: readonly string[];
  questionLabels: ReadonlyMap<string, string> | null;
  tagsOf: (unitId: string) => readonly string[];
  tags: ReadonlyMap<string, Tag>;
  selection: RowSelection;
  onSelection: (next: RowSelection) => void;
  sort: { column: GridSortColumn; desc: boolean } | undefined;
  onSort: ((column: GridSortColumn) => void) | null;
  /** Words to mark in the answers (the grid's text filter). */
  query: string;
  /** Scroll this result position into view when it changes. */
  reveal: { pos: number; nonce: number } | null;
  /** What an empty result says (shown as soon as the result is known to be empty). */
  emptyText: string;
}

/** The first and last row on screen (with `overscan` rows past each edge) when scrolled to `virtualOffset`. */
function rowsShown(s: ScrollScale, virtualOffset: number, overscan: number): readonly [number, number] {
  const first = s.rows === 0 ? 0 : Math.max(0, Math.floor(virtualOffset / ROW_HEIGHT) - overscan);
  return [first, Math.min(s.rows - 1, Math.floor((virtualOffset + s.viewport) / ROW_HEIGHT) + overscan)];
}

function isRow(c: Cell): c is GridRow {
  return !('placeholder' in c);
}

/**
 * Re-renders the grid for pages of rows that arrived, once per frame, in that frame's animation callback: before
 * its layout, and after its scroll events (a scroll render reads the newest pages already, and then this one
 * skips). Rendering each arrival at once would lay out rows that the next scroll replaces before they are painted.
 */
function usePagesShown(rows: GridRows): number {
  const [shown, setShown] = useState(() => rows.pagesVersion());
  const rendered = useRef(shown);
  rendered.current = rows.pagesVersion();
  const { subscribe, pagesVersion } = rows;
  useEffect(() => {
    let frame = 0;
    const unsubscribe = subscribe(() => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (pagesVersion() !== rendered.current) flushSync(() => setShown(pagesVersion()));
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [subscribe, pagesVersion]);
  return shown;
}

export function ResponsesGrid(props: ResponsesGridProps): React.JSX.Element {
  const { rows, selection, onSelection, tags, tagsOf, query } = props;
  const total = rows.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(600);
  const scale = useMemo(() => scrollScale(total, ROW_HEIGHT, viewport), [total, viewport]);
  const scaleRef = useRef<ScrollScale>(scale);
  scaleRef.current = scale;

  // Windowing by hand (not react-virtual): the scroll position is physical and rows are virtual once the
  // scroll area is scaled, and react-virtual's scroll anchoring fought that mapping into a render loop.
  // `fast`: the last scroll moved the window past every row it had rendered (a fling, or any scroll of the scaled
  // million-row area), so rows rendered past the viewport's edges would never be seen: render only the visible
  // ones until the scroll settles.
  const [{ scrollTop, fast }, setScroll] = useState({ scrollTop: 0, fast: false });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null) return;
    const measure = (): void => setViewport(Math.max(0, el.clientHeight - HEADER_HEIGHT));
    measure();
    let lastTop = 0;
    let settle = 0;
    const onScroll = (): void => {
      const top = el.scrollTop;
      const s = scaleRef.current;
      const moved = Math.abs(toVirtualOffset(top, s) - toVirtualOffset(lastTop, s));
      lastTop = top;
      // Rendered in this event, before the frame paints: the rows match the scroll position in the same frame
      // (a plain state update would render in a task after it, a frame late).
      flushSync(() => setScroll({ scrollTop: top, fast: moved > s.viewport + 2 * OVERSCAN * ROW_HEIGHT }));
      window.clearTimeout(settle);
      settle = window.setTimeout(() => setScroll((p) => (p.fast ? { scrollTop: p.scrollTop, fast: false } : p)), SETTLE_MS);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      window.clearTimeout(settle);
      observer?.disconnect();
    };
  }, []);
  const overscan = fast ? 0 : OVERSCAN;
  const virtualOffset = toVirtualOffset(scrollTop, scale);
  const [first, last] = rowsShown(scale, virtualOffset, overscan);
  const { ensure, rowAt, setView, stale, locked } = rows;
  // A new result replaces the rows on screen once the rows it would show here, scrolled as the grid is, are loaded.
  const view = useRef({ scrollTop, viewport, overscan });
  view.current.scrollTop = scrollTop;
  view.current.viewport = viewport;
  view.current.overscan = overscan;
  useLayoutEffect(
    () =>
      setView((n, fromTop) => {
        const { scrollTop: top, viewport: height, overscan: extra } = view.current;
        const s = scrollScale(n, ROW_HEIGHT, height);
        const [a, b] = rowsShown(s, toVirtualOffset(fromTop ? 0 : top, s), extra);
        return [a, b + 1];
      }),
    [setView],
  );
  // Another list (new filters, sort, question) is shown from its first row, in the render that shows it.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!rows.fromTop || el === null || el.scrollTop === 0) return;
    el.scrollTop = 0;
    setScroll({ scrollTop: 0, fast: false });
  }, [rows.resultKey]); // eslint-disable-line react-hooks/exhaustive-deps -- only a newly shown result moves the grid
  const pagesVersion = usePagesShown(rows);
  // Read the rows on screen, and a little more ahead of the way the user is scrolling.
  const lastFirst = useRef(first);
  useEffect(() => {
    const step = first - lastFirst.current;
    lastFirst.current = first;
    if (last - first > MAX_AHEAD || Math.abs(step) > MAX_AHEAD) return ensure(first, last + 1);
    const ahead = Math.min(MAX_AHEAD, Math.max(PREFETCH, AHEAD_FRAMES * Math.abs(step)));
    ensure(step >= 0 ? first : first - ahead, step >= 0 ? last + 1 + ahead : last + 1);
  }, [ensure, first, last, pagesVersion]);

  // Scroll a revealed row (a search result, the active row) into view.
  const reveal = (pos: number): void => {
    const el = scrollRef.current;
    if (el !== null) el.scrollTop = scrollTopForRow(pos, el.scrollTop, scaleRef.current);
  };
  useLayoutEffect(() => {
    if (props.reveal !== null && props.reveal.pos >= 0) reveal(props.reveal.pos);
  }, [props.reveal]);

  const physicalTop = Math.min(scrollTop, Math.max(0, scale.scrollHeight - scale.viewport));
  const anchor = Math.floor(first / ANCHOR_SPAN) * ANCHOR_SPAN;
  const layerY = physicalTop - virtualOffset + anchor * ROW_HEIGHT;
  // Placeholders keep their identity while their page loads, so a waiting row is not re-rendered each frame.
  const placeholders = useRef(new Map<number, Cell>());
  const placeholder = (pos: number): Cell => {
    let p = placeholders.current.get(pos);
    if (p === undefined) {
      if (placeholders.current.size > 512) placeholders.current.clear();
      placeholders.current.set(pos, (p = { pos, placeholder: true }));
    }
    return p;
  };

  // The column model (react-table: headers, sizes) and, beside it, how each column's cell shows a row. Cells are
  // rendered by calling these directly in the row (flexRender would make every cell its own component).
  const { columns, cells } = useMemo(() => {
    const specs: ({ def: ColumnDef<Cell> } & Omit<CellSpec, 'id' | 'className'>)[] = [{ def: { id: 'participant', header: 'Participant', size: 150 }, render: (r) => r.participantName }];
    if (props.questionLabels !== null) {
      const labels = props.questionLabels;
      specs.push({ def: { id: 'question', header: 'Question', size: 90 }, render: (r) => labels.get(r.questionId) ?? '' });
    }
    // Plain text unless there are words to mark: no wrapper elements per answer.
    specs.push({ def: { id: 'answer', header: 'Answer', size: 0 }, render: query.trim() === '' ? (r) => r.text : (r) => <HitText text={r.text} query={query} />, empty: <span className="skeleton" aria-hidden="true" /> });
    // The label pill and the score as text in the cell; a waiting row keeps the (empty) pill, so filling it in
    // changes text, not elements.
    specs.push({
      def: { id: 'sentiment', header: 'Sentiment', size: 136 },
      render: (r) => sentimentContent(r.sentiment),
      title: (r) => `Sentiment ${formatSentiment(r.sentiment)} (−1 negative … +1 positive; lexicon-based, a sorting aid)`,
      empty: <span className="sentiment-label" />,
    });
    specs.push({ def: { id: 'tags', header: 'Tags', size: 200, enableSorting: false }, render: (r) => chipsOf(tagsOf(r.unitId), tags) });
    for (const key of props.attributeKeys) {
      specs.push({ def: { id: `attr:${key}`, header: key, size: 110 }, render: (r) => String(r.attributes[key] ?? '') });
    }
    const cellSpecs: CellSpec[] = specs.map(({ def, ...spec }) => ({ ...spec, id: def.id!, className: `grid-td col-${def.id!.startsWith('attr:') ? 'attr' : def.id!}` }));
    return { columns: specs.map((c) => c.def), cells: cellSpecs };
  }, [props.questionLabels, props.attributeKeys, query, tagsOf, tags]);

  // The column model only: rows never go through react-table's row model (it would be rebuilt every frame).
  const table = useReactTable({ data: NO_DATA, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true, manualFiltering: true, autoResetAll: false });

  // Stable for the memoized rows: reads the latest selection through a ref.
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const onSelectionRef = useRef(onSelection);
  onSelectionRef.current = onSelection;
  // Rows of a result being replaced are not selected: the new result comes with a new selection, so a click,
  // a Shift+click range or a key would pick rows that are about to go (and the worker can no longer read them).
  const lockedRef = useRef(locked);
  lockedRef.current = locked;
  const onRowClick = useCallback((e: MouseEvent, pos: number): void => {
    if (lockedRef.current) return;
    onSelectionRef.current(clickRow(selectionRef.current, pos, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey }));
    scrollRef.current?.focus({ preventScroll: true });
  }, []);

  const onKeyDown = (e: KeyboardEvent): void => {
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    let next: RowSelection | null = null;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') next = selectAll(selection, total);
    else if (e.key === 'ArrowDown') next = moveActive(selection, 1, total, e.shiftKey);
    else if (e.key === 'ArrowUp') next = moveActive(selection, -1, total, e.shiftKey);
    else if (e.key === 'PageDown') next = moveActive(selection, page, total, e.shiftKey);
    else if (e.key === 'PageUp') next = moveActive(selection, -page, total, e.shiftKey);
    else if (e.key === 'Home') next = moveActive(selection, -total, total, e.shiftKey);
    else if (e.key === 'End') next = moveActive(selection, total, total, e.shiftKey);
    else if (e.key === ' ' && selection.active !== null) next = clickRow(selection, selection.active, { toggle: true });
    else if (e.key === 'Escape' && selection.ranges.length > 0) next = { ranges: [], anchor: null, active: selection.active };
    if (next === null) return;
    e.preventDefault();
    if (locked) return;
    onSelection(next);
    if (next.active !== null && next.active !== selection.active) reveal(next.active);
  };

  const leafColumns = table.getVisibleLeafColumns();
  const template = leafColumns.map((c) => (c.id === 'answer' ? `minmax(${ANSWER_MIN}px, 1fr)` : `${c.getSize()}px`)).join(' ');
  // Wider than the pane: the grid scrolls sideways rather than squeezing the attribute columns away.
  const minWidth = leafColumns.reduce((n, c) => n + (c.id === 'answer' ? ANSWER_MIN : c.getSize()), 0);

  // Rows are recycled: a row that scrolls out hands its DOM to the one scrolling in (key = slot), which costs
  // a few text updates instead of building and laying out new elements. The window never holds more rows
  // than slots, so keys stay unique.
  const slots = Math.max(last - first + 1, Math.ceil(viewport / ROW_HEIGHT) + 2 * OVERSCAN + 2);
  const rowViews: React.JSX.Element[] = [];
  for (let pos = first; pos <= last; pos++) {
    const cell = rowAt(pos) ?? placeholder(pos);
    rowViews.push(
      <GridRowView
        key={pos % slots}
        cell={cell}
        pos={pos}
        y={(pos - anchor) * ROW_HEIGHT}
        selected={isSelected(selection, pos)}
        active={selection.active === pos}
        cells={cells}
        onRowClick={onRowClick}
      />,
    );
  }

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="table"
      aria-label={props.label}
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      aria-busy={stale}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="grid-header" role="rowgroup" style={{ gridTemplateColumns: template, height: HEADER_HEIGHT, minWidth }}>
        {table.getHeaderGroups().map((group) => (
          <div key={group.id} role="row" className="grid-row-head" aria-rowindex={1}>
            {group.headers.map((header) => {
              const id = header.column.id;
              const sortable = props.onSort !== null && id !== 'tags';
              const sorted = props.sort?.column === id ? (props.sort.desc ? 'descending' : 'ascending') : undefined;
              return (
                <div key={header.id} role="columnheader" aria-sort={sorted ?? 'none'} className="grid-th">
                  {sortable ? (
                    <button type="button" className="th-button" onClick={() => props.onSort?.(id as GridSortColumn)} title={`Sort by ${String(header.column.columnDef.header)}`}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span className="sort-mark" aria-hidden="true">
                        {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}
                      </span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div className="grid-body" role="rowgroup" style={{ height: scale.scrollHeight, minWidth }}>
        <div className={`grid-rows${stale ? ' is-stale' : ''}`} style={{ transform: `translateY(${layerY}px)`, gridTemplateColumns: template }}>
          {rowViews}
        </div>
      </div>
      {rows.total === 0 ? (
        <div role="rowgroup" className="grid-empty">
          <div role="row">
            <div role="cell">{props.emptyText}</div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

interface GridRowViewProps {
  cell: Cell;
  pos: number;
  /** Offset in the rows layer. */
  y: number;
  selected: boolean;
  active: boolean;
  cells: readonly CellSpec[];
  onRowClick: (e: MouseEvent, pos: number) => void;
}

/**
 * One row: re-renders only when its data, selection, offset or the column set changes. Its column widths come
 * from the rows layer (grid-template-columns: inherit), so a row's own style is one transform.
 */
const GridRowView = memo(function GridRowView({ cell, pos, y, selected, active, cells, onRowClick }: GridRowViewProps): React.JSX.Element {
  const row = isRow(cell) ? cell : null;
  return (
    <div
      role="row"
      aria-rowindex={pos + 2}
      aria-selected={selected}
      className={`grid-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}`}
      style={{ transform: `translateY(${y}px)` }}
      onMouseDown={(e) => {
        // Shift+click must not start a text selection.
        if (e.shiftKey) e.preventDefault();
      }}
      onClick={(e) => onRowClick(e, pos)}
    >
      {cells.map((spec) => (
        <div key={spec.id} role="cell" className={spec.className} title={row === null ? undefined : spec.title?.(row)}>
          {row === null ? (spec.empty ?? null) : spec.render(row)}
        </div>
      ))}
    </div>
  );
});

/** The sentiment cell's content: the label as a coloured pill, then the signed score. */
function sentimentContent(score: number): ReactNode {
  const label = sentimentLabel(score);
  return (
    <>
      <span className={`sentiment-label sentiment-${label}`}>{label}</span>
      {formatSentiment(score)}
    </>
  );
}

/** A row's tag chips, straight in the cell (no wrapper). */
function chipsOf(tagIds: readonly string[], tags: ReadonlyMap<string, Tag>): ReactNode {
  if (tagIds.length === 0) return null;
  return tagIds.map((id) => {
    const tag = tags.get(id);
    return tag === undefined ? null : (
      <span key={id} className="chip" style={{ ['--chip' as string]: tag.color }}>
        {tag.name}
      </span>
    );
  });
}

export function TagChips({ tagIds, tags }: { tagIds: readonly string[]; tags: ReadonlyMap<string, Tag> }): React.JSX.Element | null {
  if (tagIds.length === 0) return null;
  return (
    <span className="chips">
      {tagIds.map((id) => {
        const tag = tags.get(id);
        if (tag === undefined) return null;
        return (
          <span key={id} className="chip" style={{ ['--chip' as string]: tag.color }}>
            {tag.name}
          </span>
        );
      })}
    </span>
  );
}
