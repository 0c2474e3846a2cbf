/** Small hand-built workspaces for the merge and agreement tests. */
import { emptyTables, type Highlight, type Source, type Tag, type Tagging, type Unit, type WorkspaceSnapshot } from '../../../src/core/model';

export const T0 = '2026-01-01T00:00:00.000Z';
export const T1 = '2026-01-02T00:00:00.000Z';
export const T2 = '2026-01-03T00:00:00.000Z';

export function source(id: string): Source {
  return { id, createdAt: T0, updatedAt: T0, kind: 'transcript', title: id, vendor: 'plain', encoding: 'utf-8' };
}

export function unit(sourceId: string, seq: number, text: string): Unit {
  return { id: `${sourceId}:${seq}`, createdAt: T0, updatedAt: T0, sourceId, seq, text };
}

export function tag(id: string, name = id, extra: Partial<Tag> = {}): Tag {
  return { id, createdAt: T0, updatedAt: T0, name, color: '#4f7cff', order: 0, ...extra };
}

export function tagging(id: string, tagId: string, unitId: string, coder = 'ana', highlightId?: string): Tagging {
  return { id, createdAt: T0, updatedAt: T0, tagId, unitId, coder, ...(highlightId !== undefined ? { highlightId } : {}) };
}

export function highlight(id: string, unitId: string, start: number, end: number, coder = 'ana'): Highlight {
  return { id, createdAt: T0, updatedAt: T0, unitId, start, end, coder };
}

export function workspace(tables: Partial<WorkspaceSnapshot['tables']>): WorkspaceSnapshot {
  return { meta: { id: 'ws', name: 'Study', createdAt: T0, updatedAt: T0 }, tables: { ...emptyTables(), ...tables } };
}

/** A copy that can be edited without touching the original. */
export function clone(s: WorkspaceSnapshot): WorkspaceSnapshot {
  return structuredClone(s);
}
