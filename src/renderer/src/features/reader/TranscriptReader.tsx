/**
 * The transcript/notes reader: utterances with speakers and timestamps, highlights drawn in tag colors, and
 * coding by selection — select text (in one utterance or across several), pick tags in the popover, and
 * each utterance's part becomes a highlight. Click a highlight (or J/K to step through them) to see and edit
 * its tags and memo in the panel; filter the reader to one tag. Opened at an utterance (a quote's context), it
 * scrolls there, marks it and shows the quoted highlight. In reading mode selecting text tags nothing.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { applyTags, type Noun } from '../../../../core/coding';
import type { SourceKind, Unit } from '../../../../core/model';
import { formatTimestamp } from '../../app/format';
import { useCoding } from '../coding/CodingProvider';
import type { SourceFocus } from '../insights/navigation';
import { useReadOnly } from '../sharing/viewer-mode';
import { HighlightPanel } from './HighlightPanel';
import { SelectionPopover } from './SelectionPopover';
import { readSelection, type ReaderSelection } from './selection';
import { useReaderIndex } from './useReaderIndex';
import { UtteranceText } from './UtteranceText';
import './reader.css';

const PASSAGES: Noun = { one: 'passage', other: 'passages' };

export interface TranscriptReaderProps {
  units: readonly Unit[];
  kind: SourceKind;
  /** Open at this utterance (scrolled into view, marked) with this highlight shown. */
  focus?: SourceFocus | null;
  /** The units are still being read: say so rather than that nothing matches. */
  loading?: boolean;
}

interface OpenSelection extends ReaderSelection {
  anchor: { left: number; top: number; bottom: number };
}

export function TranscriptReader({ units, kind, focus = null, loading = false }: TranscriptReaderProps): React.JSX.Element {
  const { state, coder } = useCoding();
  const { readOnly } = useReadOnly();
  const [selection, setSelection] = useState<OpenSelection | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filterTagId, setFilterTagId] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const index = useReaderIndex(units, state, filterTagId);

  const textOf = useCallback((unitId: string) => index.unitById.get(unitId)?.text, [index.unitById]);
  const selected = selectedId === null ? undefined : state.highlights.get(selectedId);

  const captureSelection = useCallback(() => {
    if (readOnly) return;
    const root = listRef.current;
    const sel = window.getSelection();
    if (root === null || sel === null || sel.rangeCount === 0) return;
    const range = sel.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer)) return;
    const read = readSelection(root, range, textOf);
    if (read === null) return;
    // jsdom (tests) has no Range geometry; the list's box is a fine fallback.
    const rect = typeof range.getBoundingClientRect === 'function' ? range.getBoundingClientRect() : root.getBoundingClientRect();
    setSelection({ ...read, anchor: { left: rect.left, top: rect.top, bottom: rect.bottom } });
  }, [textOf, readOnly]);

  const closePopover = useCallback(() => {
    setSelection(null);
    window.getSelection()?.removeAllRanges();
  }, []);

  const step = useCallback(
    (direction: 1 | -1) => {
      const list = index.ordered;
      if (list.length === 0) return;
      const at = selectedId === null ? -1 : list.findIndex((h) => h.id === selectedId);
      const next = at < 0 ? (direction === 1 ? 0 : list.length - 1) : (at + direction + list.length) % list.length;
      const id = list[next]?.id ?? null;
      setSelectedId(id);
      if (id !== null) scrollToHighlight(listRef.current, id);
    },
    [index.ordered, selectedId],
  );

  // J/K step through highlights, Escape closes the panel — unless the user is typing somewhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isTyping(e.target) || document.querySelector('dialog[open]') !== null) return;
      const key = e.key.toLowerCase();
      if (key === 'j') step(1);
      else if (key === 'k') step(-1);
      else if (e.key === 'Escape' && selectedId !== null) setSelectedId(null);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [step, selectedId]);

  // Opened at an utterance: show the quoted highlight, clear a tag filter that hides the utterance, scroll there
  // once it is on screen (units arrive in pages).
  const focusUnitId = focus?.unitId ?? null;
  const focusHighlightId = focus?.highlightId ?? null;
  const focusVisible = focusUnitId !== null && index.visibleUnits.some((u) => u.id === focusUnitId);
  const focusLoaded = focusUnitId !== null && index.unitById.has(focusUnitId);
  useEffect(() => {
    if (focusHighlightId !== null && state.highlights.has(focusHighlightId)) setSelectedId(focusHighlightId);
  }, [focusHighlightId, state.highlights]);
  useEffect(() => {
    if (focusLoaded && !focusVisible) setFilterTagId(null);
  }, [focusLoaded, focusVisible]);
  useEffect(() => {
    if (!focusVisible || focusUnitId === null) return;
    const li = [...(listRef.current?.querySelectorAll<HTMLElement>('li[data-utterance]') ?? [])].find((el) => el.dataset.utterance === focusUnitId);
    if (li !== undefined && typeof li.scrollIntoView === 'function') li.scrollIntoView({ block: 'center' });
  }, [focusVisible, focusUnitId]);

  // A highlight removed (undo, delete) closes its panel.
  useEffect(() => {
    if (selectedId !== null && !state.highlights.has(selectedId)) setSelectedId(null);
  }, [selectedId, state.highlights]);

  const onMarkClick = useCallback(
    (ids: readonly string[]) => {
      // Overlaps: the innermost first; clicking again cycles outwards.
      const inner = [...ids].reverse();
      const at = selectedId === null ? -1 : inner.indexOf(selectedId);
      setSelectedId(inner[(at + 1) % inner.length] ?? null);
    },
    [selectedId],
  );

  const usedTags = useMemo(() => index.usedTagIds.flatMap((id) => state.tags.get(id) ?? []), [index.usedTagIds, state.tags]);
  const position = selectedId === null ? -1 : index.ordered.findIndex((h) => h.id === selectedId);
  const pendingFor = (unitId: string): { start: number; end: number } | null => {
    if (selection === null) return null;
    const i = selection.units.findIndex((u) => u.id === unitId);
    if (i < 0) return null;
    const last = selection.units.length - 1;
    return { start: i === 0 ? selection.start : 0, end: i === last ? selection.end : Number.MAX_SAFE_INTEGER };
  };

  return (
    <div className="reader">
      <div className="reader-toolbar" role="toolbar" aria-label="Reader">
        <label className="reader-filter">
          <span className="visually-hidden">Show passages tagged</span>
          <select className="input" aria-label="Show passages tagged" value={filterTagId ?? ''} onChange={(e) => setFilterTagId(e.target.value === '' ? null : e.target.value)}>
            <option value="">All passages</option>
            {usedTags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <span className="reader-count muted num" aria-live="polite">
          {index.ordered.length === 0 ? 'No highlights' : position < 0 ? `${index.ordered.length} highlights` : `${position + 1} of ${index.ordered.length}`}
        </span>
        <button type="button" className="btn btn-sm" onClick={() => step(-1)} disabled={index.ordered.length === 0} aria-label="Previous highlight" aria-keyshortcuts="K" title="Previous highlight (K)">
          ↑ K
        </button>
        <button type="button" className="btn btn-sm" onClick={() => step(1)} disabled={index.ordered.length === 0} aria-label="Next highlight" aria-keyshortcuts="J" title="Next highlight (J)">
          ↓ J
        </button>
      </div>
      <p className="reader-hint muted">{readOnly ? 'Reading mode: click a highlight to read its tags and comment on it.' : 'Select text to tag it.'}</p>

      <ol
        ref={listRef}
        className="utterances reader-list"
        aria-label="Utterances"
        onMouseDown={() => {
          if (selection !== null) setSelection(null);
        }}
        onMouseUp={captureSelection}
        onKeyUp={(e) => {
          if (e.shiftKey) captureSelection();
        }}
      >
        {index.visibleUnits.map((u) => (
          <li key={u.id} className={u.id === focusUnitId ? 'utterance utterance-focus' : 'utterance'} data-utterance={u.id} aria-current={u.id === focusUnitId ? 'location' : undefined}>
            <div className="utterance-meta">
              {u.speaker !== undefined ? <span className="speaker">{u.speaker}</span> : kind === 'transcript' ? <span className="speaker">Unknown speaker</span> : null}
              {u.section !== undefined && u.speaker === undefined ? <span className="muted section-path">{u.section}</span> : null}
              {u.startSec === undefined ? null : <time className="muted num">{formatTimestamp(u.startSec)}</time>}
              {(index.unitTags.get(u.id) ?? []).map((t) => (
                <span key={t.id} className="unit-tag" style={{ borderColor: t.color }} title="Tag on the whole passage">
                  <span className="dot" style={{ background: t.color }} aria-hidden="true" />
                  {t.name}
                </span>
              ))}
            </div>
            <UtteranceText unitId={u.id} text={u.text} marks={index.marksByUnit.get(u.id) ?? NO_MARKS} selectedId={selectedId} pending={pendingFor(u.id)} onMarkClick={onMarkClick} />
          </li>
        ))}
        {index.visibleUnits.length === 0 ? (
          <li className="muted reader-empty">{loading ? 'Loading passages…' : filterTagId !== null ? 'No passages carry this tag.' : 'This source has no passages.'}</li>
        ) : null}
      </ol>

      {selection === null || readOnly ? null : (
        <SelectionPopover
          anchor={selection.anchor}
          apply={(tagIds) => (s) => applyTags(s, { kind: 'text', units: selection.units, start: selection.start, end: selection.end }, tagIds, coder, { noun: PASSAGES })}
          onClose={closePopover}
        />
      )}
      {selected === undefined ? null : <HighlightPanel highlight={selected} unit={index.unitById.get(selected.unitId)} onClose={() => setSelectedId(null)} />}
    </div>
  );
}

const NO_MARKS: readonly never[] = [];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio');
}

function scrollToHighlight(root: HTMLElement | null, id: string): void {
  const mark = root?.querySelector(`mark[data-highlight-ids~="${id.replace(/["\\]/g, '')}"]`);
  if (mark instanceof HTMLElement && typeof mark.scrollIntoView === 'function') mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
