/**
 * Change-sets: the one currency every coding operation pays in. An operation never mutates state; it returns
 * the records to put and the ids to delete, plus the exact inverse, so the UI can persist a change with one
 * Dexie transaction (bulkPut/bulkDelete per table) and undo it without keeping snapshots.
 *
 * Invariant: a change-set touches each (table, id) at most once — a record is either put or deleted, never both.
 * That is what makes `invert` exact and the order of application (deletes, then puts) irrelevant.
 */
import type { Highlight, Tag, Tagging } from '../model';

/** The tables a coding operation may change. Persisted names (Dexie tables): changing them needs a migration. */
export type CodingTable = 'tags' | 'highlights' | 'taggings';

export interface CodingRecords {
  tags: Tag;
  highlights: Highlight;
  taggings: Tagging;
}

export type Put = { [K in CodingTable]: { table: K; record: CodingRecords[K] } }[CodingTable];

export interface Delete {
  table: CodingTable;
  id: string;
}

export interface ChangeSet {
  puts: Put[];
  deletes: Delete[];
}

/** The slice of a workspace coding operations read. Maps by id, so a 100k-row operation stays linear. */
export interface CodingState {
  tags: ReadonlyMap<string, Tag>;
  highlights: ReadonlyMap<string, Highlight>;
  taggings: ReadonlyMap<string, Tagging>;
}

/** What every operation returns: the change, its exact inverse, and a sentence for the Edit menu. */
export interface Operation {
  changes: ChangeSet;
  inverse: ChangeSet;
  description: string;
}

export function emptyChangeSet(): ChangeSet {
  return { puts: [], deletes: [] };
}

export function isEmptyChangeSet(cs: ChangeSet): boolean {
  return cs.puts.length === 0 && cs.deletes.length === 0;
}

/** Builds a CodingState from arrays, as loaded from Dexie or a workspace snapshot. */
export function codingState(tables: {
  tags?: readonly Tag[];
  highlights?: readonly Highlight[];
  taggings?: readonly Tagging[];
}): CodingState {
  return {
    tags: new Map((tables.tags ?? []).map((t) => [t.id, t])),
    highlights: new Map((tables.highlights ?? []).map((h) => [h.id, h])),
    taggings: new Map((tables.taggings ?? []).map((t) => [t.id, t])),
  };
}

function lookup(state: CodingState, table: CodingTable, id: string): Put | undefined {
  switch (table) {
    case 'tags': {
      const record = state.tags.get(id);
      return record && { table, record };
    }
    case 'highlights': {
      const record = state.highlights.get(id);
      return record && { table, record };
    }
    case 'taggings': {
      const record = state.taggings.get(id);
      return record && { table, record };
    }
  }
}

/**
 * The change-set that takes the state *after* `cs` back to `before`: puts of new records become deletes,
 * puts over existing records and deletes of existing records become puts of the old record.
 * Deleting an id that did not exist inverts to nothing.
 */
export function invert(cs: ChangeSet, before: CodingState): ChangeSet {
  const out = emptyChangeSet();
  for (const put of cs.puts) {
    const old = lookup(before, put.table, put.record.id);
    if (old) out.puts.push(old);
    else out.deletes.push({ table: put.table, id: put.record.id });
  }
  for (const del of cs.deletes) {
    const old = lookup(before, del.table, del.id);
    if (old) out.puts.push(old);
  }
  return out;
}

/** Applies a change-set, returning a new state; tables the change-set does not touch are shared, not copied. */
export function applyChangeSet(state: CodingState, cs: ChangeSet): CodingState {
  const touched = new Set<CodingTable>([...cs.puts.map((p) => p.table), ...cs.deletes.map((d) => d.table)]);
  const tags = touched.has('tags') ? new Map(state.tags) : undefined;
  const highlights = touched.has('highlights') ? new Map(state.highlights) : undefined;
  const taggings = touched.has('taggings') ? new Map(state.taggings) : undefined;
  for (const del of cs.deletes) {
    if (del.table === 'tags') tags?.delete(del.id);
    else if (del.table === 'highlights') highlights?.delete(del.id);
    else taggings?.delete(del.id);
  }
  for (const put of cs.puts) {
    if (put.table === 'tags') tags?.set(put.record.id, put.record);
    else if (put.table === 'highlights') highlights?.set(put.record.id, put.record);
    else taggings?.set(put.record.id, put.record);
  }
  return { tags: tags ?? state.tags, highlights: highlights ?? state.highlights, taggings: taggings ?? state.taggings };
}

/**
 * Accumulates changes while an operation is being computed. Later writes to the same (table, id) replace
 * earlier ones, and a delete of a record put earlier in the same operation cancels it when the record is new,
 * so the result keeps the one-touch-per-id invariant.
 */
export interface ChangeBuilder {
  put(p: Put): void;
  delete(table: CodingTable, id: string): void;
  /** The record as it will be once the pending changes apply (pending puts win, pending deletes hide). */
  get<K extends CodingTable>(table: K, id: string): CodingRecords[K] | undefined;
  build(description: string): Operation;
}

export function changeBuilder(state: CodingState): ChangeBuilder {
  const puts = new Map<string, Put>();
  const deletes = new Map<string, Delete>();
  const key = (table: CodingTable, id: string): string => `${table}\u0000${id}`;
  return {
    put(p) {
      const k = key(p.table, p.record.id);
      deletes.delete(k);
      puts.set(k, p);
    },
    delete(table, id) {
      const k = key(table, id);
      puts.delete(k);
      if (lookup(state, table, id)) deletes.set(k, { table, id });
    },
    get<K extends CodingTable>(table: K, id: string): CodingRecords[K] | undefined {
      const k = key(table, id);
      if (deletes.has(k)) return undefined;
      const pending = puts.get(k) ?? lookup(state, table, id);
      // The Put union is keyed by table, so a record found under `table` is that table's record type.
      return pending?.record as CodingRecords[K] | undefined;
    },
    build(description) {
      const changes: ChangeSet = { puts: [...puts.values()], deletes: [...deletes.values()] };
      return { changes, inverse: invert(changes, state), description };
    },
  };
}
