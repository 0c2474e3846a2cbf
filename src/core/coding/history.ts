/**
 * Undo/redo over change-sets. Each entry keeps the operation's forward changes and their inverse — deltas,
 * never snapshots — so tagging 100k responses costs one entry the size of the change, not two copies of the
 * workspace. The history does not apply anything itself: undo()/redo() hand back the change-set for the
 * caller to persist (one Dexie transaction), which keeps this module pure.
 */
import { isEmptyChangeSet, type ChangeSet, type Operation } from './changeset';

export interface HistoryEntry {
  description: string;
  /** Re-applies the operation. */
  changes: ChangeSet;
  /** Takes the state back to before the operation. */
  inverse: ChangeSet;
}

export interface History {
  /** Adds an operation that has just been applied; clears the redo stack. Empty operations are not recorded. */
  record(op: Operation): void;
  /** The entry to undo (apply its `inverse`), or undefined when there is nothing to undo. */
  undo(): HistoryEntry | undefined;
  /** The entry to redo (apply its `changes`), or undefined. */
  redo(): HistoryEntry | undefined;
  canUndo(): boolean;
  canRedo(): boolean;
  /** "Undo Tag 1,200 responses as Pricing" for the Edit menu, or undefined. */
  undoLabel(): string | undefined;
  redoLabel(): string | undefined;
  /** Oldest first. */
  entries(): readonly HistoryEntry[];
  clear(): void;
}

export interface HistoryOptions {
  /** Maximum number of undoable entries; the oldest are dropped. Default 100. */
  limit?: number;
}

export function createHistory(options: HistoryOptions = {}): History {
  const limit = Math.max(1, options.limit ?? 100);
  const done: HistoryEntry[] = [];
  let undone: HistoryEntry[] = [];
  return {
    record(op) {
      if (isEmptyChangeSet(op.changes)) return;
      done.push({ description: op.description, changes: op.changes, inverse: op.inverse });
      if (done.length > limit) done.splice(0, done.length - limit);
      undone = [];
    },
    undo() {
      const entry = done.pop();
      if (entry) undone.push(entry);
      return entry;
    },
    redo() {
      const entry = undone.pop();
      if (entry) done.push(entry);
      return entry;
    },
    canUndo: () => done.length > 0,
    canRedo: () => undone.length > 0,
    undoLabel() {
      const e = done[done.length - 1];
      return e && `Undo ${e.description}`;
    },
    redoLabel() {
      const e = undone[undone.length - 1];
      return e && `Redo ${e.description}`;
    },
    entries: () => [...done],
    clear() {
      done.length = 0;
      undone = [];
    },
  };
}
