/**
 * One theme on the board: its name, size and keywords over a virtualized list of cards (thousands stay
 * smooth), representative quotes first and marked. Cards are options of a multi-select listbox; the board
 * owns selection, focus and moves, the column only renders and reports events.
 */
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatCount } from '../../app/format';
import { isUnclustered, representativesOf, type BoardCluster } from '../../db/clusterings';
import { cardOrder } from './board-ops';
import type { CardTexts } from './useUnitTexts';

/** The drag payload type between columns of this window (not persisted). */
export const DRAG_TYPE = 'application/x-loupe-units';

export interface ThemeColumnProps {
  cluster: BoardCluster;
  texts: CardTexts;
  selected: ReadonlySet<string>;
  /** The card to focus in this column (keyboard navigation), and a counter that changes on every request. */
  focusId: string | null;
  focusTick: number;
  /** The one card of the board reachable with Tab (roving tabindex). */
  tabbableId: string | null;
  actions: ReactNode;
  renaming: boolean;
  onRename: (label: string | null) => void;
  onCardKey: (e: KeyboardEvent<HTMLDivElement>, unitId: string, index: number, order: string[]) => void;
  onCardClick: (e: MouseEvent<HTMLDivElement>, unitId: string) => void;
  onCardFocus: (unitId: string) => void;
  /** Absent in reading mode: cards cannot be dragged and columns take no drop. */
  onDropUnits?: (unitIds: string[]) => void;
  dragIds?: (unitId: string) => string[];
}

export function ThemeColumn(props: ThemeColumnProps): React.JSX.Element {
  const { cluster, texts, selected, focusId, focusTick, tabbableId } = props;
  const order = cardOrder(cluster);
  const reps = new Set(representativesOf(cluster));
  const scrollRef = useRef<HTMLDivElement>(null);
  const cards = useRef(new Map<string, HTMLDivElement>());
  const [over, setOver] = useState(false);
  const bucket = isUnclustered(cluster);

  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 92,
    overscan: 6,
    getItemKey: (i) => order[i] ?? i,
  });

  // Keyboard focus into this column: scroll the card into the rendered window, then focus it.
  useEffect(() => {
    // A theme being named keeps the focus in its name field.
    if (focusId === null || props.renaming) return;
    const index = order.indexOf(focusId);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    let tries = 0;
    let frame = 0;
    const attempt = (): void => {
      const el = cards.current.get(focusId);
      if (el !== undefined) {
        if (document.activeElement !== el) el.focus({ preventScroll: false });
        return;
      }
      if (tries++ < 10) frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => cancelAnimationFrame(frame);
    // order changes with every move; focusTick is what asks for focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusId, focusTick]);

  // Ask for the texts of the cards in the rendered window (the rest are read when scrolled to).
  const visible = virtualizer.getVirtualItems().map((item) => order[item.index] ?? '');
  const visibleKey = visible.join('\n');
  useEffect(() => {
    texts.request(visibleKey.split('\n').filter((id) => id !== ''));
  }, [texts, visibleKey]);

  const accepts = (e: DragEvent): boolean => e.dataTransfer.types.includes(DRAG_TYPE);
  const label = bucket ? cluster.label : `Theme: ${cluster.label}`;
  return (
    <section
      className={`theme-col${bucket ? ' theme-col-bucket' : ''}${over ? ' theme-col-over' : ''}`}
      aria-label={label}
      onDragOver={(e) => {
        if (props.onDropUnits === undefined || !accepts(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget.contains(e.relatedTarget instanceof Node ? e.relatedTarget : null)) return;
        setOver(false);
      }}
      onDrop={(e) => {
        setOver(false);
        if (!accepts(e)) return;
        e.preventDefault();
        const ids = parseIds(e.dataTransfer.getData(DRAG_TYPE));
        if (ids.length > 0) props.onDropUnits?.(ids);
      }}
    >
      <header className="theme-col-header">
        <div className="theme-col-title">
          {props.renaming ? (
            <RenameField initial={cluster.label} onDone={props.onRename} />
          ) : (
            <h2 title={cluster.label}>{cluster.label}</h2>
          )}
          <span className="badge num" aria-label={formatCount(cluster.unitIds.length, 'card')}>
            {cluster.unitIds.length.toLocaleString()}
          </span>
          {props.actions}
        </div>
        {cluster.keywords.length === 0 ? null : (
          <div className="chips theme-keywords" aria-label="Keywords">
            {cluster.keywords.slice(0, 6).map((k) => (
              <span key={k} className="chip">
                {k}
              </span>
            ))}
          </div>
        )}
      </header>
      <div ref={scrollRef} className="theme-col-scroll">
        {order.length === 0 ? <p className="theme-col-empty muted">Drop cards here</p> : null}
        <div role="listbox" aria-label={`Cards in ${cluster.label}`} aria-multiselectable="true" className="theme-cards" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const id = order[item.index]!;
            const rep = reps.has(id);
            return (
              <div
                key={item.key}
                ref={(el) => {
                  if (el === null) cards.current.delete(id);
                  else cards.current.set(id, el);
                  virtualizer.measureElement(el);
                }}
                data-index={item.index}
                role="option"
                aria-selected={selected.has(id)}
                aria-setsize={order.length}
                aria-posinset={item.index + 1}
                tabIndex={tabbableId === id ? 0 : -1}
                draggable={props.dragIds !== undefined}
                className={`theme-card${rep ? ' theme-card-rep' : ''}${selected.has(id) ? ' theme-card-selected' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onDragStart={(e) => {
                  if (props.dragIds === undefined) return e.preventDefault();
                  e.dataTransfer.setData(DRAG_TYPE, JSON.stringify(props.dragIds(id)));
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onKeyDown={(e) => props.onCardKey(e, id, item.index, order)}
                onClick={(e) => props.onCardClick(e, id)}
                onFocus={() => props.onCardFocus(id)}
              >
                {rep ? (
                  <span className="theme-rep-mark">
                    <span aria-hidden="true">★</span> Representative
                  </span>
                ) : null}
                <span className="theme-card-text">{cardText(texts.get(id))}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function cardText(text: string | null | undefined): string {
  if (text === undefined) return '…';
  return text ?? '(no longer in this workspace)';
}

function parseIds(data: string): string[] {
  try {
    const value: unknown = JSON.parse(data);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function RenameField({ initial, onDone }: { initial: string; onDone: (label: string | null) => void }): React.JSX.Element {
  const [value, setValue] = useState(initial);
  return (
    <input
      className="input theme-rename"
      aria-label="Theme name"
      autoFocus
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => onDone(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onDone(value);
        else if (e.key === 'Escape') {
          e.stopPropagation();
          onDone(null);
        }
      }}
    />
  );
}
