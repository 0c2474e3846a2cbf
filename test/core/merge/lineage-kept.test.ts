// tombstonesBetween skips its id set when every earlier id is still there in order: the shortcut must never hide a
// deletion.
import { describe, expect, it } from 'vitest';
import { tombstonesBetween } from '../../../src/core/merge/lineage';
import { emptyTables, type Tagging, type WorkspaceSnapshot } from '../../../src/core/model';

const T = '2026-01-01T00:00:00.000Z';
const tagging = (id: string): Tagging => ({ id, createdAt: T, updatedAt: T, tagId: 't', unitId: 'u', coder: '' });
const snap = (ids: string[]): WorkspaceSnapshot => {
  const tables = emptyTables();
  tables.taggings.push(...ids.map(tagging));
  return { meta: { id: 'w', name: 'w', createdAt: T, updatedAt: T }, tables };
};
const gone = (before: string[], after: string[]): string[] => tombstonesBetween(snap(before), snap(after), T).map((t) => t.id).sort();

describe('tombstones between two saves', () => {
  it('none when ids were only added, anywhere', () => {
    expect(gone(['a', 'b', 'c'], ['a', 'x', 'b', 'c', 'y'])).toEqual([]);
    expect(gone([], ['a'])).toEqual([]);
  });
  it('every deleted id, also when as many were added as deleted or the order changed', () => {
    expect(gone(['a', 'b', 'c'], ['a', 'c'])).toEqual(['b']);
    expect(gone(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual(['b']);
    expect(gone(['a', 'b', 'c'], ['c', 'b', 'a', 'd'])).toEqual([]);
    expect(gone(['a', 'b', 'c', 'd'], ['x', 'y', 'z', 'a', 'c', 'd'])).toEqual(['b']);
    expect(gone(['a', 'b'], ['b', 'a', 'x'].slice(0, 2))).toEqual([]);
  });
});
