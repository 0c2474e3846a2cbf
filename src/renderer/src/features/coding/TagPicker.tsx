/**
 * The tag picker every coding surface shares (reader popover, highlight panel, responses grid): a combobox
 * that filters the codebook as you type, Enter applies the active tag, "Create …" makes a new tag and
 * applies it in the same undo step, and 1–9 (with an empty filter) apply the most recently used tags.
 * Shift+Enter / Shift+click apply and keep the picker open, to add several tags in a row.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createTag, depthFirst, sameName, type CodingState, type Operation } from '../../../../core/coding';
import type { Tag } from '../../../../core/model';
import { useCoding } from './CodingProvider';
import { chain, codingMessage } from './ops';

export interface TagPickerProps {
  /** Builds the operation that applies the chosen tags, e.g. `(ids) => (s) => applyTags(s, selection, ids, coder)`. */
  apply: (tagIds: readonly string[]) => (state: CodingState) => Operation;
  /** After a successful apply without Shift (close a popover here). */
  onApplied?: (tagIds: readonly string[]) => void;
  /** Escape with an empty filter. */
  onCancel?: () => void;
  /** Tags already on the selection: shown with a check. */
  appliedTagIds?: ReadonlySet<string>;
  /** Accessible name of the text field. */
  label?: string;
  autoFocus?: boolean;
  placeholder?: string;
  /** Show the list only while the field has focus (for panels with little room). */
  compact?: boolean;
}

type Option = { kind: 'tag'; tag: Tag; path: string; recent: number } | { kind: 'create'; name: string };

const MAX_OPTIONS = 60;

export function TagPicker({
  apply,
  onApplied,
  onCancel,
  appliedTagIds,
  label = 'Apply tag',
  autoFocus = false,
  placeholder = 'Type to find or create a tag…',
  compact = false,
}: TagPickerProps): React.JSX.Element {
  const { state, run, recentTagIds, noteRecentTags } = useCoding();
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const busy = useRef(false);
  const listId = useId();
  const optionId = (i: number): string => `${listId}-opt-${i}`;

  const paths = useMemo(() => {
    const out = new Map<string, string>();
    for (const { tag } of depthFirst(state.tags)) {
      const parent = tag.parentId === undefined ? undefined : out.get(tag.parentId);
      out.set(tag.id, parent === undefined ? tag.name : `${parent} › ${tag.name}`);
    }
    return out;
  }, [state.tags]);

  const options = useMemo((): Option[] => {
    const q = filter.trim().toLowerCase();
    const recentIndex = new Map(recentTagIds.map((id, i) => [id, i + 1]));
    const all = depthFirst(state.tags).map(({ tag }): Option => ({ kind: 'tag', tag, path: paths.get(tag.id) ?? tag.name, recent: recentIndex.get(tag.id) ?? 0 }));
    if (q === '') {
      // Recent tags first (numbered 1–9), then the codebook in reading order.
      const recent = recentTagIds.flatMap((id) => all.filter((o) => o.kind === 'tag' && o.tag.id === id));
      return [...recent, ...all.filter((o) => o.kind === 'tag' && o.recent === 0)].slice(0, MAX_OPTIONS);
    }
    const score = (o: Option): number => {
      if (o.kind !== 'tag') return -1;
      const name = o.tag.name.toLowerCase();
      if (name === q) return 0;
      if (name.startsWith(q)) return 1;
      if (name.includes(q)) return 2;
      if (o.path.toLowerCase().includes(q)) return 3;
      return -1;
    };
    const matches = all.map((o) => ({ o, s: score(o) })).filter((m) => m.s >= 0);
    matches.sort((a, b) => a.s - b.s);
    const out: Option[] = matches.map((m) => m.o).slice(0, MAX_OPTIONS);
    const exact = [...state.tags.values()].some((t) => t.parentId === undefined && sameName(t.name, filter));
    if (!exact) out.push({ kind: 'create', name: filter.replace(/\s+/g, ' ').trim() });
    return out;
  }, [filter, state.tags, paths, recentTagIds]);

  const activeIndex = Math.min(active, Math.max(0, options.length - 1));
  const expanded = !compact || focused || filter !== '';

  const choose = async (option: Option | undefined, keepOpen: boolean): Promise<void> => {
    if (option === undefined || busy.current) return;
    busy.current = true;
    setError(null);
    try {
      let tagId: string;
      if (option.kind === 'tag') {
        tagId = option.tag.id;
        await run(apply([tagId]));
      } else {
        let created = '';
        const make = (s: CodingState): Operation => {
          const op = createTag(s, { name: option.name });
          created = op.tag.id;
          return op;
        };
        await run(chain(make, (s) => apply([created])(s), (_a, b) => `${b.description} (new tag)`));
        tagId = created;
      }
      noteRecentTags([tagId]);
      setFilter('');
      setActive(0);
      if (!keepOpen) onApplied?.([tagId]);
    } catch (e) {
      setError(codingMessage(e));
    } finally {
      busy.current = false;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((activeIndex + 1) % Math.max(1, options.length));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((activeIndex - 1 + options.length) % Math.max(1, options.length));
    } else if (e.key === 'Home' && filter === '') {
      e.preventDefault();
      setActive(0);
    } else if (e.key === 'End' && filter === '') {
      e.preventDefault();
      setActive(options.length - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void choose(options[activeIndex], e.shiftKey);
    } else if (e.key === 'Escape') {
      if (filter !== '') {
        e.preventDefault();
        e.stopPropagation();
        setFilter('');
      } else if (onCancel) {
        e.preventDefault();
        e.stopPropagation();
        onCancel();
      }
    } else if (filter === '' && /^[1-9]$/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const id = recentTagIds[Number(e.key) - 1];
      const option = options.find((o) => o.kind === 'tag' && o.tag.id === id);
      if (option !== undefined) {
        e.preventDefault();
        void choose(option, false);
      }
    }
  };

  return (
    <div className="tagpick">
      <input
        className="input tagpick-input"
        role="combobox"
        aria-label={label}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && options.length > 0 ? optionId(activeIndex) : undefined}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        value={filter}
        placeholder={placeholder}
        autoFocus={autoFocus}
        spellCheck={false}
        onChange={(e) => {
          setFilter(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="tagpick-list" role="listbox" id={listId} aria-label="Tags" hidden={!expanded}>
        {options.map((o, i) =>
          o.kind === 'tag' ? (
            <li
              key={o.tag.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              aria-checked={appliedTagIds?.has(o.tag.id) ?? undefined}
              className={i === activeIndex ? 'tagpick-option active' : 'tagpick-option'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={(e) => void choose(o, e.shiftKey)}
            >
              <span className="dot" style={{ background: o.tag.color }} aria-hidden="true" />
              <span className="tagpick-option-name">{o.path}</span>
              {appliedTagIds?.has(o.tag.id) === true ? (
                <span className="tagpick-option-check" aria-hidden="true">
                  ✓
                </span>
              ) : null}
              {o.recent > 0 && filter === '' ? (
                <kbd className="tagpick-option-key" aria-label={`shortcut ${o.recent}`}>
                  {o.recent}
                </kbd>
              ) : null}
            </li>
          ) : (
            <li
              key="create"
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'tagpick-option tagpick-option-create active' : 'tagpick-option tagpick-option-create'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={(e) => void choose(o, e.shiftKey)}
            >
              <span aria-hidden="true">＋</span> Create tag “{o.name}”
            </li>
          ),
        )}
        {options.length === 0 ? (
          <li className="tagpick-option-empty muted" role="presentation">
            No tags yet. Type a name to create one.
          </li>
        ) : null}
      </ul>
      {error === null ? null : (
        <p className="tagpick-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
