/**
 * Record-level helpers the merge works with: content equality (ignoring updatedAt), field diffs, and the
 * references one record holds to others (so a merge can follow tag merges and never leave a coding pointing
 * at a record it deleted).
 */
import type { TableName, TableRecords } from '../model';

export type AnyRecord = TableRecords[TableName];

/** A record together with its table, narrowed by `table`. */
export type Entry = { [K in TableName]: { table: K; record: TableRecords[K] } }[TableName];

export interface Ref {
  table: TableName;
  id: string;
  /** Field holding the reference, e.g. "tagId" or "tagIds[2]". */
  field: string;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/** Same content, whatever the key order; `updatedAt` alone does not make a change. */
export function sameContent(a: AnyRecord, b: AnyRecord): boolean {
  return contentKey(a) === contentKey(b);
}

export function contentKey(r: AnyRecord): string {
  const { updatedAt: _ignored, ...rest } = r;
  return canonical(rest);
}

export interface FieldDiff {
  field: string;
  base?: unknown;
  mine?: unknown;
  theirs?: unknown;
}

function fieldsOf(r: AnyRecord | null | undefined): Map<string, unknown> {
  return new Map(r ? Object.entries(r) : []);
}

/** Top-level fields (except updatedAt) where mine and theirs differ, with the base value for context. */
export function fieldDiffs(base: AnyRecord | null, mine: AnyRecord | null, theirs: AnyRecord | null): FieldDiff[] {
  const b = fieldsOf(base);
  const m = fieldsOf(mine);
  const t = fieldsOf(theirs);
  const names = [...new Set([...m.keys(), ...t.keys(), ...b.keys()])].filter((k) => k !== 'updatedAt').sort();
  const out: FieldDiff[] = [];
  for (const field of names) {
    const mv = m.get(field);
    const tv = t.get(field);
    if (canonical(mv) === canonical(tv)) continue;
    const diff: FieldDiff = { field };
    if (b.has(field)) diff.base = b.get(field);
    if (m.has(field)) diff.mine = mv;
    if (t.has(field)) diff.theirs = tv;
    out.push(diff);
  }
  return out;
}

/** The records this one points at. Evidence and cluster members are included so deletions never orphan them silently. */
export function referencesOf(e: Entry): Ref[] {
  const refs: Ref[] = [];
  const add = (table: TableName, id: string | undefined, field: string): void => {
    if (id !== undefined) refs.push({ table, id, field });
  };
  switch (e.table) {
    case 'units':
      add('sources', e.record.sourceId, 'sourceId');
      add('participants', e.record.participantId, 'participantId');
      add('questions', e.record.questionId, 'questionId');
      break;
    case 'questions':
      add('sources', e.record.sourceId, 'sourceId');
      break;
    case 'participants':
      e.record.sourceIds.forEach((id, i) => add('sources', id, `sourceIds[${i}]`));
      break;
    case 'tags':
      add('tags', e.record.parentId, 'parentId');
      break;
    case 'highlights':
      add('units', e.record.unitId, 'unitId');
      break;
    case 'taggings':
      add('tags', e.record.tagId, 'tagId');
      add('units', e.record.unitId, 'unitId');
      add('highlights', e.record.highlightId, 'highlightId');
      break;
    case 'insights':
      e.record.tagIds.forEach((id, i) => add('tags', id, `tagIds[${i}]`));
      e.record.evidence.forEach((ev, i) => {
        if (ev.kind === 'highlight') add('highlights', ev.refId, `evidence[${i}]`);
        else add('units', ev.refId, `evidence[${i}]`);
      });
      break;
    case 'comments':
      add(e.record.targetTable, e.record.targetId, 'targetId');
      break;
    case 'sources':
    case 'clusterings':
    case 'reports':
      break;
  }
  return refs;
}

/**
 * The record with references to tags replaced through `mapTag` (tag merges are the only merges the model
 * records); the same object when nothing changed.
 */
export function remapTagRefs(e: Entry, mapTag: (id: string) => string): Entry {
  if (e.table === 'taggings') {
    const tagId = mapTag(e.record.tagId);
    return tagId === e.record.tagId ? e : { table: 'taggings', record: { ...e.record, tagId } };
  }
  if (e.table === 'tags' && e.record.parentId !== undefined) {
    const parentId = mapTag(e.record.parentId);
    return parentId === e.record.parentId || parentId === e.record.id ? e : { table: 'tags', record: { ...e.record, parentId } };
  }
  if (e.table === 'insights') {
    const tagIds = [...new Set(e.record.tagIds.map(mapTag))];
    const same = tagIds.length === e.record.tagIds.length && tagIds.every((id, i) => id === e.record.tagIds[i]);
    return same ? e : { table: 'insights', record: { ...e.record, tagIds } };
  }
  return e;
}

/** The record without the reference `ref` where the field is optional or a list; undefined when it cannot live without it. */
export function withoutRef(e: Entry, ref: Ref): Entry | undefined {
  if (e.table === 'units' && (ref.field === 'participantId' || ref.field === 'questionId')) {
    const record = { ...e.record };
    if (ref.field === 'participantId') delete record.participantId;
    else delete record.questionId;
    return { table: 'units', record };
  }
  if (e.table === 'participants' && ref.table === 'sources') {
    return { table: 'participants', record: { ...e.record, sourceIds: e.record.sourceIds.filter((id) => id !== ref.id) } };
  }
  if (e.table === 'tags' && ref.field === 'parentId') {
    const record = { ...e.record };
    delete record.parentId;
    return { table: 'tags', record };
  }
  if (e.table === 'insights') {
    return {
      table: 'insights',
      record: { ...e.record, tagIds: e.record.tagIds.filter((id) => id !== ref.id), evidence: e.record.evidence.filter((ev) => ev.refId !== ref.id) },
    };
  }
  return undefined;
}
