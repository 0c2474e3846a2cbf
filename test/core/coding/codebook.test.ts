import { describe, expect, it } from 'vitest';
import {
  applyChangeSet,
  CodingError,
  createHistory,
  createTag,
  deleteTag,
  mergeTags,
  moveTag,
  renameTag,
  splitTag,
  tagPath,
  updateTag,
  type CodingState,
} from '../../../src/core/coding';
import { codings, highlight, state, tag, tagging, testEnv } from './helpers';

/**
 * Pricing
 *   Discounts
 *     Coupons
 *   Plans
 * Cost            (a synonym of Pricing, to be merged)
 *   Hidden fees
 * Onboarding
 */
function codebook(): CodingState {
  return state(
    [
      tag('pricing', 'Pricing', { order: 0, description: 'Anything about price.' }),
      tag('discounts', 'Discounts', { parentId: 'pricing', order: 0 }),
      tag('coupons', 'Coupons', { parentId: 'discounts', order: 0 }),
      tag('plans', 'Plans', { parentId: 'pricing', order: 1 }),
      tag('cost', 'Cost', { order: 1, description: 'Cost complaints.' }),
      tag('fees', 'Hidden fees', { parentId: 'cost', order: 0 }),
      tag('onboarding', 'Onboarding', { order: 2 }),
    ],
    [
      tagging('p1', 'pricing', 'u1'),
      tagging('p2', 'pricing', 'u2', 'h2'),
      tagging('c1', 'cost', 'u1'), // duplicate of p1 once merged
      tagging('c2', 'cost', 'u2', 'h2'), // duplicate of p2 once merged
      tagging('c3', 'cost', 'u3'),
      tagging('c4', 'cost', 'u2'), // same unit as p2 but whole-unit: not a duplicate
      tagging('f1', 'fees', 'u4'),
      tagging('o1', 'onboarding', 'u5', 'h5'),
    ],
    [highlight('h2', 'u2', 0, 5), highlight('h5', 'u5', 0, 5)],
  );
}

describe('create, rename, update', () => {
  it('creates a tag at the end of its siblings and rejects a clashing sibling name', () => {
    const s0 = codebook();
    const op = createTag(s0, { name: '  Annual   billing ', parentId: 'pricing', color: '#ABC' }, { env: testEnv() });
    expect(op.tag).toMatchObject({ name: 'Annual billing', parentId: 'pricing', order: 2, color: '#aabbcc' });
    expect(() => createTag(s0, { name: 'discounts', parentId: 'pricing' })).toThrow(/already a tag “Discounts” under “Pricing”/);
    // the same name elsewhere in the tree is fine
    expect(() => createTag(s0, { name: 'Discounts' })).not.toThrow();
    expect(() => createTag(s0, { name: '   ' })).toThrow(CodingError);
  });

  it('renames and updates notes; an empty string clears a note; bad colors are refused', () => {
    const s0 = codebook();
    const s1 = applyChangeSet(s0, renameTag(s0, 'cost', 'Costs', { env: testEnv() }).changes);
    expect(s1.tags.get('cost')?.name).toBe('Costs');
    expect(() => renameTag(s0, 'plans', 'DISCOUNTS')).toThrow(CodingError);
    const op = updateTag(s1, 'cost', { description: '', whenToUse: 'Money is the complaint', color: '#112233' }, { env: testEnv() });
    const s2 = applyChangeSet(s1, op.changes);
    expect(s2.tags.get('cost')).toMatchObject({ whenToUse: 'Money is the complaint', color: '#112233' });
    expect(s2.tags.get('cost')?.description).toBeUndefined();
    expect(applyChangeSet(s2, op.inverse)).toEqual(s1);
    expect(() => updateTag(s0, 'cost', { color: 'blue-ish' })).toThrow(/not a color/);
  });
});

describe('moveTag', () => {
  it('rejects moving a tag into itself or its own descendant', () => {
    const s0 = codebook();
    expect(() => moveTag(s0, 'pricing', { parentId: 'coupons' })).toThrow(CodingError);
    expect(() => moveTag(s0, 'pricing', { parentId: 'coupons' })).toThrow(/one of its own sub-tags/);
    expect(() => moveTag(s0, 'pricing', { parentId: 'pricing' })).toThrow(/itself/);
  });

  it('re-parents and reorders, renumbering the destination siblings', () => {
    const s0 = codebook();
    const op = moveTag(s0, 'coupons', { parentId: 'pricing', index: 1 }, { env: testEnv() });
    const s1 = applyChangeSet(s0, op.changes);
    expect(tagPath(s1.tags, 'coupons')).toBe('Pricing/Coupons');
    const kids = [...s1.tags.values()].filter((t) => t.parentId === 'pricing').sort((a, b) => a.order - b.order);
    expect(kids.map((t) => t.name)).toEqual(['Discounts', 'Coupons', 'Plans']);
    expect(op.description).toBe('Move tag Coupons into Pricing');
    expect(applyChangeSet(s1, op.inverse)).toEqual(s0);

    const top = applyChangeSet(s0, moveTag(s0, 'onboarding', { parentId: null, index: 0 }, { env: testEnv() }).changes);
    const roots = [...top.tags.values()].filter((t) => t.parentId === undefined).sort((a, b) => a.order - b.order);
    expect(roots.map((t) => t.name)).toEqual(['Onboarding', 'Pricing', 'Cost']);
  });
});

describe('mergeTags', () => {
  it('moves every coding to the survivor, collapses exact duplicates and re-parents children', () => {
    const s0 = codebook();
    const op = mergeTags(s0, ['cost'], 'pricing', { env: testEnv() });
    const s1 = applyChangeSet(s0, op.changes);
    expect(s1.tags.has('cost')).toBe(false);
    // every (unit, highlight) that had Cost or Pricing now has Pricing exactly once
    expect(codings(s1)).toEqual(['fees@u4', 'onboarding@u5#h5', 'pricing@u1', 'pricing@u2', 'pricing@u2#h2', 'pricing@u3']);
    expect(op).toMatchObject({ moved: 2, collapsed: 2, childrenMoved: 1 });
    expect(s1.tags.get('fees')?.parentId).toBe('pricing');
    expect(s1.tags.get('pricing')?.description).toBe('Anything about price.\n\nFrom “Cost”: Cost complaints.');
    expect(op.description).toBe('Merge Cost into Pricing');
  });

  it('keeps codings of the same passage by different coders (intercoder data), collapsing only same-coder duplicates', () => {
    const s0 = codebook();
    const ben = (t: ReturnType<typeof tagging>): ReturnType<typeof tagging> => ({ ...t, coder: 'ben' });
    const s1 = applyChangeSet(s0, {
      puts: [
        { table: 'taggings', record: ben(tagging('b1', 'cost', 'u1')) }, // ana has pricing@u1: different coder, stays
        { table: 'taggings', record: ben(tagging('b2', 'cost', 'u2', 'h2')) },
        { table: 'taggings', record: ben(tagging('b3', 'pricing', 'u3')) }, // ben's own pricing@u3 …
        { table: 'taggings', record: ben(tagging('b4', 'cost', 'u3')) }, // … so ben's cost@u3 collapses into it
      ],
      deletes: [],
    });
    const op = mergeTags(s1, ['cost'], 'pricing', { env: testEnv() });
    const s2 = applyChangeSet(s1, op.changes);
    const byCoder = [...s2.taggings.values()]
      .filter((t) => t.tagId === 'pricing')
      .map((t) => `${t.coder}:${t.unitId}${t.highlightId ? `#${t.highlightId}` : ''}`)
      .sort();
    expect(byCoder).toEqual(['ana:u1', 'ana:u2', 'ana:u2#h2', 'ana:u3', 'ben:u1', 'ben:u2#h2', 'ben:u3']);
    // ana's c1/c2 duplicate her own p1/p2; ben's b4 duplicates his b3
    expect(op).toMatchObject({ moved: 4, collapsed: 3 });
    expect(applyChangeSet(s2, op.inverse)).toEqual(s1);
  });

  it('undoes a merge exactly', () => {
    const s0 = codebook();
    const history = createHistory();
    const op = mergeTags(s0, ['cost', 'onboarding'], 'pricing', { env: testEnv() });
    history.record(op);
    const s1 = applyChangeSet(s0, op.changes);
    const undo = history.undo();
    expect(applyChangeSet(s1, undo?.inverse ?? { puts: [], deletes: [] })).toEqual(s0);
  });

  it('merging a parent into its own grandchild lifts the survivor out instead of making a cycle', () => {
    const s0 = codebook();
    const s1 = applyChangeSet(s0, mergeTags(s0, ['pricing'], 'coupons', { env: testEnv() }).changes);
    expect(s1.tags.get('coupons')?.parentId).toBeUndefined();
    expect(s1.tags.get('discounts')?.parentId).toBe('coupons');
    expect(s1.tags.get('plans')?.parentId).toBe('coupons');
    expect(tagPath(s1.tags, 'discounts')).toBe('Coupons/Discounts');
    expect(codings(s1)).toContain('coupons@u2#h2');
  });
});

describe('splitTag', () => {
  it('creates new tags and moves only the chosen codings', () => {
    const s0 = codebook();
    const op = splitTag(s0, 'cost', [{ name: 'Price level', taggingIds: ['c1', 'c3'] }, { name: 'Billing', taggingIds: ['c4'] }], { env: testEnv() });
    const s1 = applyChangeSet(s0, op.changes);
    const [level, billing] = op.tagIds;
    expect(s1.tags.get(level ?? '')?.name).toBe('Price level');
    expect(s1.tags.get(level ?? '')?.parentId).toBeUndefined();
    expect([...s1.taggings.values()].filter((t) => t.tagId === level).map((t) => t.unitId).sort()).toEqual(['u1', 'u3']);
    expect([...s1.taggings.values()].filter((t) => t.tagId === billing).map((t) => t.id)).toEqual(['c4']);
    expect([...s1.taggings.values()].filter((t) => t.tagId === 'cost').map((t) => t.id)).toEqual(['c2']);
    expect(s1.taggings.size).toBe(s0.taggings.size);
    expect(op.description).toBe('Split Cost into Price level and Billing');
    expect(applyChangeSet(s1, op.inverse)).toEqual(s0);
  });

  it('refuses codings of another tag or a coding chosen twice', () => {
    const s0 = codebook();
    expect(() => splitTag(s0, 'cost', [{ name: 'X', taggingIds: ['p1'] }])).toThrow(/not tagged “Cost”/);
    expect(() => splitTag(s0, 'cost', [{ name: 'X', taggingIds: ['c1'] }, { name: 'Y', taggingIds: ['c1'] }])).toThrow(/two new tags/);
  });
});

describe('deleteTag', () => {
  it('by default re-parents children and deletes only the tag’s own codings; undo restores all', () => {
    const s0 = codebook();
    const op = deleteTag(s0, 'cost', { env: testEnv() });
    expect(op).toMatchObject({ tagsRemoved: 1, taggingsRemoved: 4, highlightsRemoved: 0, childrenMoved: 1 });
    expect(op.description).toBe('Delete tag Cost (4 codings)');
    const s1 = applyChangeSet(s0, op.changes);
    expect(s1.tags.get('fees')?.parentId).toBeUndefined();
    expect(codings(s1)).toEqual(['fees@u4', 'onboarding@u5#h5', 'pricing@u1', 'pricing@u2#h2']);
    expect(applyChangeSet(s1, op.inverse)).toEqual(s0);
  });

  it('with children "delete" removes the subtree, its codings and highlights left bare; undo restores all', () => {
    const s0 = applyChangeSet(codebook(), { puts: [{ table: 'taggings', record: tagging('k1', 'coupons', 'u9', 'h9') }, { table: 'highlights', record: highlight('h9', 'u9', 1, 3) }], deletes: [] });
    const op = deleteTag(s0, 'pricing', { children: 'delete', env: testEnv() });
    expect(op).toMatchObject({ tagsRemoved: 4, taggingsRemoved: 3, highlightsRemoved: 1 });
    const s1 = applyChangeSet(s0, op.changes);
    expect([...s1.tags.keys()].sort()).toEqual(['cost', 'fees', 'onboarding']);
    // h2 keeps Cost's coding, h9 had only Coupons
    expect([...s1.highlights.keys()].sort()).toEqual(['h2', 'h5']);
    expect(applyChangeSet(s1, op.inverse)).toEqual(s0);
  });
});
