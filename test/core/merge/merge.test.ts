import { describe, expect, it } from 'vitest';
import { mergeCodingChanges } from './merge-helpers';
import { encodeWorkspace, decodeWorkspace } from '../../../src/core/workspace-file';
import { findCommonAncestor, readLineage, recordSave, writeLineage } from '../../../src/core/merge/lineage';
import { mergeWorkspaces } from '../../../src/core/merge/merge';
import { TABLES, type Comment, type WorkspaceSnapshot } from '../../../src/core/model';
import { clone, source, T1, T2, tag, tagging, unit, workspace } from './helpers';

function baseWorkspace(): WorkspaceSnapshot {
  return workspace({
    sources: [source('s1')],
    units: [unit('s1', 0, 'Pricing is too high'), unit('s1', 1, 'Onboarding was smooth'), unit('s1', 2, 'Support took days')],
    tags: [tag('price', 'Price'), tag('cost', 'Cost'), tag('ux', 'UX'), tag('support', 'Support')],
    taggings: [tagging('g1', 'price', 's1:0'), tagging('g2', 'cost', 's1:1', 'ben'), tagging('g3', 'support', 's1:2')],
  });
}

const ids = (s: WorkspaceSnapshot, table: (typeof TABLES)[number]): string[] => s.tables[table].map((r) => r.id).sort();

function comment(id: string, targetId: string, author: string, body: string, extra: Partial<Comment> = {}): Comment {
  return { id, createdAt: T1, updatedAt: T1, targetTable: 'units', targetId, author, body, ...extra };
}

describe('mergeWorkspaces', () => {
  it('merges comments like any record: both sides’ new comments are kept, a resolve on one side survives', () => {
    const base = baseWorkspace();
    base.tables.comments.push(comment('c0', 's1:0', 'pm', 'Which plan was this?'));
    // A PM reading a copy comments on a quote; the researcher answers and resolves on theirs.
    const mine = clone(base);
    mine.tables.comments.push(comment('c1', 's1:2', 'pm', 'Is this enterprise only?'));
    const theirs = clone(base);
    theirs.tables.comments.push(comment('c2', 's1:0', 'ana', 'Starter plan.'));
    theirs.tables.comments[0] = { ...theirs.tables.comments[0]!, resolvedAt: T2, updatedAt: T2 };
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs }, { now: T2 });
    expect(r.conflicts).toEqual([]);
    expect(ids(r.snapshot, 'comments')).toEqual(['c0', 'c1', 'c2']);
    expect(r.snapshot.tables.comments.find((c) => c.id === 'c0')?.resolvedAt).toBe(T2);
    expect(r.summary.comments).toMatchObject({ added: 2, changed: 1, conflicts: 0 });

    // Two readers editing the same comment differently: listed for the user, nothing dropped.
    const a = clone(base);
    a.tables.comments[0] = { ...a.tables.comments[0]!, body: 'Which plan? (asked twice)', updatedAt: T2 };
    const b = clone(base);
    b.tables.comments[0] = { ...b.tables.comments[0]!, resolvedAt: T2, updatedAt: T2 };
    const both = mergeWorkspaces({ snapshot: base }, { snapshot: a }, { snapshot: b });
    expect(both.conflicts.map((c) => c.key)).toEqual(['comments/c0']);
  });

  it('keeps records added on either side', () => {
    const base = baseWorkspace();
    const mine = clone(base);
    mine.tables.taggings.push(tagging('m1', 'ux', 's1:1'));
    const theirs = clone(base);
    theirs.tables.taggings.push(tagging('t1', 'support', 's1:1', 'ben'));
    theirs.tables.tags.push(tag('speed', 'Speed'));
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs }, { now: T2 });
    expect(r.conflicts).toEqual([]);
    expect(ids(r.snapshot, 'taggings')).toEqual(['g1', 'g2', 'g3', 'm1', 't1']);
    expect(ids(r.snapshot, 'tags')).toContain('speed');
    expect(r.summary.taggings).toMatchObject({ added: 2, changed: 0, deleted: 0, conflicts: 0 });
    expect(r.summary.tags.added).toBe(1);
  });

  it('takes a one-sided change and one copy of identical changes', () => {
    const base = baseWorkspace();
    const mine = clone(base);
    const theirs = clone(base);
    mine.tables.tags[0] = { ...tag('price', 'Pricing'), updatedAt: T1 };
    theirs.tables.tags[2] = { ...tag('ux', 'Usability'), updatedAt: T1 };
    mine.tables.tags[3] = { ...tag('support', 'Help'), updatedAt: T1 };
    theirs.tables.tags[3] = { ...tag('support', 'Help'), updatedAt: T2 };
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs });
    expect(r.conflicts).toEqual([]);
    const names = Object.fromEntries(r.snapshot.tables.tags.map((t) => [t.id, t.name]));
    expect(names).toEqual({ price: 'Pricing', cost: 'Cost', ux: 'Usability', support: 'Help' });
    expect(r.summary.tags.changed).toBe(3);
  });

  it('lists an edit-edit conflict with field diffs, defaults to mine, and resolves to theirs on request', () => {
    const base = baseWorkspace();
    const mine = clone(base);
    const theirs = clone(base);
    mine.tables.tags[0] = { ...tag('price', 'Pricing'), updatedAt: T1 };
    theirs.tables.tags[0] = { ...tag('price', 'Cost of plans', { color: '#ff0000' }), updatedAt: T1 };
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs });
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0];
    expect(c).toMatchObject({ key: 'tags/price', table: 'tags', id: 'price', kind: 'edit-edit', pick: 'mine', defaultPick: 'mine' });
    expect(c?.fields).toEqual([
      { field: 'color', base: '#4f7cff', mine: '#4f7cff', theirs: '#ff0000' },
      { field: 'name', base: 'Price', mine: 'Pricing', theirs: 'Cost of plans' },
    ]);
    expect(r.snapshot.tables.tags.find((t) => t.id === 'price')?.name).toBe('Pricing');
    expect(r.summary.tags.conflicts).toBe(1);

    const resolved = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs }, { resolutions: { 'tags/price': 'theirs' } });
    expect(resolved.conflicts[0]?.pick).toBe('theirs');
    expect(resolved.snapshot.tables.tags.find((t) => t.id === 'price')?.name).toBe('Cost of plans');
  });

  it('deletes what one side deleted and the other left alone', () => {
    const base = baseWorkspace();
    const mine = clone(base);
    mine.tables.taggings = mine.tables.taggings.filter((t) => t.id !== 'g3');
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: clone(base) });
    expect(r.conflicts).toEqual([]);
    expect(ids(r.snapshot, 'taggings')).toEqual(['g1', 'g2']);
    expect(r.summary.taggings.deleted).toBe(1);
  });

  it('turns delete-vs-edit into a conflict instead of dropping the edit', () => {
    const base = baseWorkspace();
    const mine = clone(base);
    mine.tables.tags = mine.tables.tags.filter((t) => t.id !== 'ux');
    const theirs = clone(base);
    theirs.tables.tags[2] = { ...tag('ux', 'UX', { description: 'Anything about ease of use' }), updatedAt: T1 };
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs });
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ key: 'tags/ux', kind: 'delete-edit', mine: null, pick: 'mine' });
    expect(r.conflicts[0]?.theirs).toMatchObject({ description: 'Anything about ease of use' });
    expect(ids(r.snapshot, 'tags')).not.toContain('ux');
    const kept = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs }, { prefer: 'theirs' });
    expect(kept.snapshot.tables.tags.find((t) => t.id === 'ux')?.description).toBe('Anything about ease of use');
  });

  it('keeps a tag one side deleted when the other side coded with it (delete-reference conflict)', () => {
    const base = baseWorkspace();
    const mine = clone(base);
    mine.tables.tags = mine.tables.tags.filter((t) => t.id !== 'ux');
    const theirs = clone(base);
    theirs.tables.taggings.push(tagging('t-ux', 'ux', 's1:1', 'ben'));
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs });
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ key: 'tags/ux', kind: 'delete-reference', defaultPick: 'theirs', pick: 'theirs' });
    expect(r.conflicts[0]?.dependents).toEqual([{ table: 'taggings', id: 't-ux', field: 'tagId', action: 'kept' }]);
    expect(ids(r.snapshot, 'tags')).toContain('ux');
    expect(ids(r.snapshot, 'taggings')).toContain('t-ux');

    const deleted = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs }, { resolutions: { 'tags/ux': 'mine' } });
    expect(ids(deleted.snapshot, 'tags')).not.toContain('ux');
    expect(ids(deleted.snapshot, 'taggings')).not.toContain('t-ux');
    expect(deleted.conflicts[0]?.dependents).toEqual([{ table: 'taggings', id: 't-ux', field: 'tagId', action: 'deleted' }]);
  });

  it('remaps the other side\u2019s new codings when one side merged their tag into another', () => {
    const base = baseWorkspace();
    // Mine merges Cost into Price: g2 moves to price, cost is deleted.
    const { mine, theirs } = mergeCodingChanges(base);
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs });
    expect(r.conflicts).toEqual([]);
    expect(ids(r.snapshot, 'tags')).not.toContain('cost');
    const byId = new Map(r.snapshot.tables.taggings.map((t) => [t.id, t]));
    expect(byId.get('t-cost-1')?.tagId).toBe('price');
    expect(byId.get('g2')?.tagId).toBe('price');
    // t-cost-0 duplicated g1 (same unit, coder and, after the remap, tag): collapsed, and said so.
    expect(byId.has('t-cost-0')).toBe(false);
    expect(r.collapsed).toEqual([{ table: 'taggings', id: 't-cost-0', into: 'g1' }]);
    expect(r.remapped.map((m) => [m.id, m.from, m.to])).toEqual(
      expect.arrayContaining([
        ['t-cost-0', 'cost', 'price'],
        ['t-cost-1', 'cost', 'price'],
      ]),
    );
    expect(r.summary.taggings.remapped).toBeGreaterThanOrEqual(1);
  });

  it('follows the survivor recorded in a tombstone even when the deleted tag is not in the base', () => {
    const base = workspace({ sources: [source('s1')], units: [unit('s1', 0, 'x')], tags: [tag('a', 'A')] });
    // Both sides got tag b from an earlier merge the base predates; mine then merged b into a.
    const theirs = clone(base);
    theirs.tables.tags.push(tag('b', 'B'));
    theirs.tables.taggings.push(tagging('tb', 'b', 's1:0', 'ben'));
    const mine = clone(base);
    const mineLineage = { head: 'm', saves: [{ saveId: 'm', parentSaveIds: [], at: T1 }], tombstones: [{ table: 'tags' as const, id: 'b', deletedAt: T1, mergedInto: 'a' }] };
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine, lineage: mineLineage }, { snapshot: theirs });
    expect(ids(r.snapshot, 'tags')).toEqual(['a']);
    expect(r.snapshot.tables.taggings).toEqual([expect.objectContaining({ id: 'tb', tagId: 'a' })]);
  });

  it('drops nothing: every id of both sides is in the result, a conflict, or deleted by the other side untouched', () => {
    const base = baseWorkspace();
    const { mine, theirs } = mergeCodingChanges(base);
    mine.tables.units[1] = { ...unit('s1', 1, 'Onboarding was smooth!'), updatedAt: T1 };
    theirs.tables.units[1] = { ...unit('s1', 1, 'Onboarding was smooth.'), updatedAt: T1 };
    theirs.tables.taggings = theirs.tables.taggings.filter((t) => t.id !== 'g3');
    mine.tables.tags.push(tag('new-mine'));
    theirs.tables.tags.push(tag('new-theirs'));
    const r = mergeWorkspaces({ snapshot: base }, { snapshot: mine }, { snapshot: theirs });
    const collapsed = new Set(r.collapsed.map((c) => `taggings/${c.id}`));
    const inResult = new Set(TABLES.flatMap((t) => r.snapshot.tables[t].map((x) => `${t}/${x.id}`)));
    const inConflicts = new Set(r.conflicts.map((c) => c.key));
    const baseKeys = new Set(TABLES.flatMap((t) => base.tables[t].map((x) => `${t}/${x.id}`)));
    for (const side of [mine, theirs]) {
      for (const table of TABLES) {
        for (const rec of side.tables[table]) {
          const key = `${table}/${rec.id}`;
          const deletedByOther = baseKeys.has(key) && !inResult.has(key);
          expect(inResult.has(key) || inConflicts.has(key) || collapsed.has(key) || deletedByOther, key).toBe(true);
        }
      }
    }
    expect(inConflicts).toEqual(new Set(['units/s1:1']));
  });

  it('records both parents and carries tombstones into the merged lineage', () => {
    const base = baseWorkspace();
    const l0 = recordSave(base, { saveId: 'b', at: T1 });
    const mine = clone(base);
    mine.tables.taggings = mine.tables.taggings.filter((t) => t.id !== 'g1');
    const l1 = recordSave(mine, { previous: { snapshot: base, lineage: l0 }, saveId: 'm', at: T2 });
    const l2 = recordSave(base, { previous: { snapshot: base, lineage: l0 }, saveId: 't', at: T2 });
    expect(l1.tombstones).toEqual([{ table: 'taggings', id: 'g1', deletedAt: T2 }]);
    expect(findCommonAncestor(l1, l2)).toBe('b');
    const r = mergeWorkspaces({ snapshot: base, lineage: l0 }, { snapshot: mine, lineage: l1 }, { snapshot: base, lineage: l2 }, { saveId: 'x', now: T2 });
    expect(r.lineage.head).toBe('x');
    expect(r.lineage.saves.find((s) => s.saveId === 'x')?.parentSaveIds).toEqual(['m', 't']);
    expect(r.lineage.tombstones).toEqual([{ table: 'taggings', id: 'g1', deletedAt: T2 }]);
  });

  it('stores lineage in the workspace file without changing what decodeWorkspace reads', () => {
    const base = baseWorkspace();
    const bytes = encodeWorkspace(base, { appVersion: 'test' });
    expect(readLineage(bytes)).toBeUndefined();
    const lineage = recordSave(base, { saveId: 's1', at: T1 });
    const withHistory = writeLineage(bytes, lineage);
    expect(readLineage(withHistory)).toEqual(lineage);
    expect(decodeWorkspace(withHistory)).toEqual(decodeWorkspace(bytes));
  });
});
