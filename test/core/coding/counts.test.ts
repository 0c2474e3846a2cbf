import { describe, expect, it } from 'vitest';
import { tagCounts } from '../../../src/core/coding';
import { state, tag, tagging } from './helpers';

describe('tagCounts', () => {
  const s = state(
    [tag('pricing', 'Pricing'), tag('discounts', 'Discounts', { parentId: 'pricing' }), tag('coupons', 'Coupons', { parentId: 'discounts' }), tag('ux', 'UX')],
    [
      tagging('1', 'pricing', 'u1'),
      tagging('2', 'discounts', 'u1', 'h1'), // same unit as above: rolls up once
      tagging('3', 'discounts', 'u1', 'h2'), // two highlights in one unit: one unit, two codings
      tagging('4', 'coupons', 'u2'),
      tagging('5', 'coupons', 'u3'),
      tagging('6', 'coupons', 'orphan'), // unit not in the lookup
    ],
  );
  const units = new Map([
    ['u1', { sourceId: 's1', participantId: 'ann' }],
    ['u2', { sourceId: 's1', participantId: 'ann' }],
    ['u3', { sourceId: 's2' }],
  ]);

  it('counts distinct units, participants and sources per tag, and distinct totals for the subtree', () => {
    const counts = tagCounts({ tags: s.tags, taggings: s.taggings.values(), units });
    expect(counts.get('discounts')).toEqual({
      direct: { units: 1, participants: 1, sources: 1, taggings: 2 },
      rollup: { units: 4, participants: 1, sources: 2, taggings: 5 },
    });
    expect(counts.get('pricing')?.direct).toEqual({ units: 1, participants: 1, sources: 1, taggings: 1 });
    expect(counts.get('pricing')?.rollup).toEqual({ units: 4, participants: 1, sources: 2, taggings: 6 });
    expect(counts.get('coupons')?.direct).toEqual(counts.get('coupons')?.rollup);
    expect(counts.get('ux')).toEqual({ direct: { units: 0, participants: 0, sources: 0, taggings: 0 }, rollup: { units: 0, participants: 0, sources: 0, taggings: 0 } });
  });

  it('accepts a lookup function', () => {
    const counts = tagCounts({ tags: s.tags, taggings: s.taggings.values(), units: (id) => units.get(id) });
    expect(counts.get('coupons')?.direct.sources).toBe(2);
  });
});
