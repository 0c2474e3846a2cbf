// The tag index behind the grid's chips and tag filters: moved by each change-set, it must always say what a
// rebuild from every tagging would say — through bulk tags, highlight taggings, merges, removals and undo.
import { describe, expect, it } from 'vitest';
import { applyChangeSet, applyTags, createTagIndex, mergeTags, removeTags, setHighlightTags, type CodingState, type Operation, type TagIndexView } from '../../../src/core/coding';
import { highlight, state, tag, tagging, testEnv } from './helpers';

function snapshotOf(view: TagIndexView, units: readonly string[], tags: readonly string[]) {
  return {
    byUnit: units.map((u) => [u, [...view.tagsOf(u)].sort()]),
    byTag: tags.map((t) => [t, [...view.unitsWith(t)].sort(), view.unitCount(t)]),
    tagged: [...view.taggedUnits()].sort(),
  };
}

describe('tag index', () => {
  it('stays equal to a rebuild through bulk tags, highlight tags, merge, removal and their undo', () => {
    const env = testEnv();
    const units = ['u1', 'u2', 'u3', 'u4'];
    const tags = ['a', 'b', 'c'];
    let s: CodingState = state([tag('a', 'A'), tag('b', 'B'), tag('c', 'C')], [tagging('g1', 'a', 'u1'), tagging('g2', 'b', 'u2', 'h2')], [highlight('h2', 'u2', 0, 3)]);
    const index = createTagIndex(s.taggings.values());
    const ops: Operation[] = [];
    const step = (op: (st: CodingState) => Operation): void => {
      const o = op(s);
      index.apply(s, o.changes);
      s = applyChangeSet(s, o.changes);
      ops.push(o);
      expect(snapshotOf(index.view(), units, tags)).toEqual(snapshotOf(createTagIndex(s.taggings.values()).view(), units, tags));
    };
    step((st) => applyTags(st, { kind: 'units', unitIds: units }, ['b'], 'ana', { env }));
    expect(index.view().tagsOf('u2')).toEqual(['b']); // whole unit and highlight: one chip
    expect(index.view().unitCount('b')).toBe(4);
    step((st) => setHighlightTags(st, 'h2', ['c'], 'ana', { env }));
    expect(index.view().tagsOf('u2')).toEqual(['b', 'c']);
    step((st) => mergeTags(st, ['b'], 'a', { env }));
    expect(index.view().unitCount('b')).toBe(0);
    expect([...index.view().unitsWith('a')].sort()).toEqual(units);
    step((st) => removeTags(st, { kind: 'units', unitIds: ['u3', 'u4'] }, ['a']));
    expect([...index.view().taggedUnits()].sort()).toEqual(['u1', 'u2']);
    for (const o of ops.reverse()) {
      index.apply(s, o.inverse);
      s = applyChangeSet(s, o.inverse);
      expect(snapshotOf(index.view(), units, tags)).toEqual(snapshotOf(createTagIndex(s.taggings.values()).view(), units, tags));
    }
    expect(index.view().tagsOf('u3')).toEqual([]);
    expect(index.view().tagsOf('u1')).toEqual(['a']);
  });
});
