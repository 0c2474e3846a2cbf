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

  it('tells a copy elsewhere which units gained or lost each tag, so it can follow by deltas', () => {
    const env = testEnv();
    const units = ['u1', 'u2', 'u3', 'u4'];
    let s: CodingState = state([tag('a', 'A'), tag('b', 'B')], [tagging('g1', 'a', 'u1')]);
    const index = createTagIndex(s.taggings.values());
    // The copy: tag → units, started from a snapshot and then moved only by membershipSince.
    const copy = new Map<string, Set<string>>([...index.view().tagIds()].map((t) => [t, new Set(index.view().unitsWith(t))]));
    let mark = index.view().mark();
    const ops: Operation[] = [];
    const follow = (): void => {
      const changes = index.view().membershipSince(mark);
      expect(changes).not.toBeNull();
      for (const c of changes!) {
        const set = copy.get(c.tagId) ?? new Set<string>();
        for (const u of c.removed) set.delete(u);
        for (const u of c.added) set.add(u);
        copy.set(c.tagId, set);
      }
      mark = index.view().mark();
      for (const t of ['a', 'b']) expect([...(copy.get(t) ?? [])].sort()).toEqual([...index.view().unitsWith(t)].sort());
    };
    const step = (op: (st: CodingState) => Operation): void => {
      const o = op(s);
      index.apply(s, o.changes);
      s = applyChangeSet(s, o.changes);
      ops.push(o);
    };
    step((st) => applyTags(st, { kind: 'units', unitIds: units }, ['b'], 'ana', { env }));
    // Two changes between syncs are told together, in order.
    step((st) => removeTags(st, { kind: 'units', unitIds: ['u2'] }, ['b']));
    follow();
    expect(index.view().membershipSince(mark)).toEqual([]);
    step((st) => mergeTags(st, ['b'], 'a', { env }));
    follow();
    for (const o of ops.reverse()) {
      index.apply(s, o.inverse);
      s = applyChangeSet(s, o.inverse);
    }
    follow();
    expect([...copy.get('a')!]).toEqual(['u1']);
    // Another index (a reload) cannot be followed: the copy must read everything again.
    expect(createTagIndex(s.taggings.values()).view().membershipSince(mark)).toBeNull();
  });

  it('asks for a full read when the copy is further behind than the journal keeps', () => {
    const env = testEnv();
    let s: CodingState = state([tag('a', 'A')]);
    const index = createTagIndex([]);
    const mark = index.view().mark();
    for (let i = 0; i < 100; i++) {
      const o = applyTags(s, { kind: 'units', unitIds: [`u${i}`] }, ['a'], 'ana', { env });
      index.apply(s, o.changes);
      s = applyChangeSet(s, o.changes);
    }
    expect(index.view().membershipSince(mark)).toBeNull();
  });
});
