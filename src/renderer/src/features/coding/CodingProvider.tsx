/**
 * The coding service every view shares: the live coding state (tags, highlights, taggings), the coder's
 * name, `run(op)` to apply a core operation (one Dexie transaction, one undo step), and undo/redo.
 * It sits above the routes, so history survives switching views; there is one history per workspace.
 *
 * Writes are optimistic: the in-memory state (and the tag index the grid's chips and filters read) moves by
 * the change-set as soon as `run` is called, so tagging feels instant, and is never re-read after our own
 * write: what we wrote is what we hold. Changes made elsewhere (another window, a file merge) arrive from
 * the repository's subscription and replace the state. Operations are queued, so each one is computed
 * against the state its predecessor left.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { applyChangeSet, codingState, createHistory, createTagIndex, type ChangeSet, type CodingState, type History, type Operation, type TagIndex, type TagIndexView } from '../../../../core/coding';
import { applyCodingChanges, getCoder, loadCodingState, setCoder as storeCoder, subscribeCodingState } from '../../db/coding';
import type { MenuCommand, Platform } from '../../platform';
import { userMessage } from '../../app/errors';
import { undoInView } from './undo-scope';
import './coding.css';

export type CodingOp = (state: CodingState) => Operation;

export interface CodingService {
  /** Live: tags, highlights and taggings of the current workspace. */
  state: CodingState;
  /** Tags per unit and units per tag, for `state` (a new object whenever it changes). */
  tagIndex: TagIndexView;
  /** False until the workspace's coding tables have been read once. */
  ready: boolean;
  /** Who is coding: saved on every new highlight and tagging. */
  coder: string;
  setCoder(name: string): Promise<void>;
  /** Applies `op` to the current state in one transaction and records ONE history entry. Throws CodingError for requests the user can fix. */
  run(op: CodingOp): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  /** "Undo Tag “too slow” as Speed", for menus and tooltips. */
  undoLabel: string | undefined;
  redoLabel: string | undefined;
  /** Tags applied most recently, newest first (the tag picker's 1–9 shortcuts). */
  recentTagIds: readonly string[];
  noteRecentTags(tagIds: readonly string[]): void;
  /**
   * Empties undo and redo, saying why: for changes made outside the coding history that its steps cannot
   * survive (a role change removed answers: undoing an older step could put taggings back on answers that are gone).
   */
  forgetHistory(reason: string): void;
}

const EMPTY = codingState({});
const EMPTY_INDEX = createTagIndex([]).view();

interface Held {
  workspaceId: string;
  state: CodingState;
  tagIndex: TagIndexView;
}
const MAX_RECENT = 9;

const CodingContext = createContext<CodingService | null>(null);

/** The coding service when there is one above (views that work without it, e.g. in tests). */
export function useOptionalCoding(): CodingService | null {
  return useContext(CodingContext);
}

export function useCoding(): CodingService {
  const service = useContext(CodingContext);
  if (service === null) throw new Error('useCoding() needs a <CodingProvider> above it.');
  return service;
}

interface WorkspaceHistory {
  history: History;
  recent: string[];
}

export interface CodingProviderProps {
  workspaceId: string;
  platform: Platform;
  children: ReactNode;
}

export function CodingProvider({ workspaceId, platform, children }: CodingProviderProps): React.JSX.Element {
  const [state, setState] = useState<Held | null>(null);
  const stateRef = useRef<CodingState>(EMPTY);
  const indexRef = useRef<TagIndex>(createTagIndex([]));
  const pending = useRef(0);
  /** A change from elsewhere arrived while our write was in flight: read the state once it lands. */
  const stale = useRef(false);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const histories = useRef(new Map<string, WorkspaceHistory>());
  const [coder, setCoderState] = useState<string>('me');
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);

  const entry = useMemo((): WorkspaceHistory => {
    let h = histories.current.get(workspaceId);
    if (h === undefined) {
      h = { history: createHistory({ limit: 200 }), recent: [] };
      histories.current.set(workspaceId, h);
    }
    return h;
  }, [workspaceId]);

  /** Replaces the whole state (first load, or changes from elsewhere); the index is rebuilt. */
  const replace = useCallback(
    (loaded: CodingState) => {
      stateRef.current = loaded;
      indexRef.current = createTagIndex(loaded.taggings.values());
      setState({ workspaceId, state: loaded, tagIndex: indexRef.current.view() });
    },
    [workspaceId],
  );

  // Live state from IndexedDB: the first read, then changes made elsewhere. While our own write is in flight
  // the optimistic state is newer, so the read is put off until it lands.
  useEffect(() => {
    stateRef.current = EMPTY;
    stale.current = false;
    return subscribeCodingState(
      workspaceId,
      (loaded) => {
        if (pending.current > 0) {
          stale.current = true;
          return;
        }
        replace(loaded);
      },
      (e) => setNotice({ text: `Tags could not be loaded. ${userMessage(e)}`, error: true }),
    );
  }, [workspaceId, replace]);

  useEffect(() => {
    let live = true;
    getCoder().then(
      (name) => live && setCoderState(name),
      () => undefined, // unreadable settings (the registry closed under us): keep the default coder
    );
    return () => {
      live = false;
    };
  }, []);

  /** Persists one change-set after moving the in-memory state; a failed write puts the state back. */
  const persist = useCallback(
    async (changes: ChangeSet): Promise<void> => {
      const before = stateRef.current;
      const after = applyChangeSet(before, changes);
      stateRef.current = after;
      indexRef.current.apply(before, changes);
      setState({ workspaceId, state: after, tagIndex: indexRef.current.view() });
      pending.current++;
      try {
        // Let the chips paint before the write's main-thread work (structured clone of the records) starts.
        await nextPaint();
        await applyCodingChanges(workspaceId, changes, { before });
      } catch (e) {
        replace(before);
        throw e;
      } finally {
        pending.current--;
      }
      if (pending.current === 0 && stale.current) {
        // Someone else changed the coding tables while we wrote: read once so the state is what is on disk.
        // Our write succeeded, so a failed re-read (e.g. the workspace closed meanwhile) is not an error.
        stale.current = false;
        const loaded = await loadCodingState(workspaceId).catch(() => undefined);
        if (loaded !== undefined && pending.current === 0) replace(loaded);
      }
    },
    [workspaceId, replace],
  );

  const enqueue = useCallback(<T,>(task: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(task, task);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const run = useCallback(
    (op: CodingOp): Promise<void> =>
      enqueue(async () => {
        const result = op(stateRef.current);
        if (result.changes.puts.length === 0 && result.changes.deletes.length === 0) return;
        await persist(result.changes);
        entry.history.record(result);
        setVersion((v) => v + 1);
      }),
    [enqueue, persist, entry],
  );

  const step = useCallback(
    (direction: 'undo' | 'redo'): Promise<void> =>
      enqueue(async () => {
        const h = entry.history;
        const item = direction === 'undo' ? h.undo() : h.redo();
        if (item === undefined) return;
        try {
          await persist(direction === 'undo' ? item.inverse : item.changes);
          setNotice({ text: `${direction === 'undo' ? 'Undone' : 'Redone'}: ${item.description}`, error: false });
        } catch (e) {
          // Put the entry back where it was so the user can try again.
          if (direction === 'undo') h.redo();
          else h.undo();
          setNotice({ text: `${direction === 'undo' ? 'Undo' : 'Redo'} failed. ${userMessage(e)}`, error: true });
        } finally {
          setVersion((v) => v + 1);
        }
      }),
    [enqueue, persist, entry],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  // Edit > Undo/Redo and Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z (the platform delivers both as commands).
  const stepRef = useRef(step);
  useEffect(() => {
    stepRef.current = step;
  }, [step]);
  useEffect(
    () =>
      platform.onCommand((command: MenuCommand) => {
        if (command !== 'undo' && command !== 'redo') return;
        // A text field keeps its own undo: the native menu sends the command wherever focus is.
        if (isTextField(document.activeElement)) {
          if (typeof document.execCommand === 'function') document.execCommand(command);
          return;
        }
        // A view with its own undo on screen (the themes board) takes Undo first.
        if (command === 'undo' && undoInView()) return;
        void stepRef.current(command);
      }),
    [platform],
  );

  useEffect(() => {
    if (notice === null || notice.error) return;
    const timer = window.setTimeout(() => setNotice(null), 4000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  const setCoder = useCallback(async (name: string) => {
    setCoderState(await storeCoder(name));
  }, []);

  const noteRecentTags = useCallback(
    (tagIds: readonly string[]) => {
      entry.recent = [...new Set([...tagIds, ...entry.recent])].slice(0, MAX_RECENT);
      setVersion((v) => v + 1);
    },
    [entry],
  );

  const forgetHistory = useCallback(
    (reason: string) => {
      if (!entry.history.canUndo() && !entry.history.canRedo()) return;
      entry.history.clear();
      setVersion((v) => v + 1);
      setNotice({ text: reason, error: false });
    },
    [entry],
  );

  const held = state !== null && state.workspaceId === workspaceId ? state : null;
  const current = held?.state ?? EMPTY;
  const tagIndex = held?.tagIndex ?? EMPTY_INDEX;
  const service = useMemo((): CodingService => {
    const h = entry.history;
    return {
      state: current,
      tagIndex,
      ready: state !== null && state.workspaceId === workspaceId,
      coder,
      setCoder,
      run,
      undo,
      redo,
      canUndo: h.canUndo(),
      canRedo: h.canRedo(),
      undoLabel: h.undoLabel(),
      redoLabel: h.redoLabel(),
      recentTagIds: entry.recent.filter((id) => current.tags.has(id)),
      noteRecentTags,
      forgetHistory,
    };
    // `version` changes whenever the history or recent list (mutable, in `entry`) changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, tagIndex, state, workspaceId, coder, setCoder, run, undo, redo, noteRecentTags, forgetHistory, entry, version]);

  return (
    <CodingContext.Provider value={service}>
      {children}
      <div className={notice?.error === true ? 'coding-notice coding-notice-error' : 'coding-notice'} role="status" aria-live="polite" hidden={notice === null}>
        {notice?.text}
        {notice?.error === true ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        ) : null}
      </div>
    </CodingContext.Provider>
  );
}

/**
 * Resolves once the browser has had a chance to paint: after the next animation frame, or after 50 ms when
 * frames do not come (a hidden window must not hold a write back).
 */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}

function isTextField(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(el.type);
}
