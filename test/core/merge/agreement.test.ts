import { describe, expect, it } from 'vitest';
import { agreement, agreementTable } from '../../../src/core/merge/agreement';
import { highlight, source, tag, tagging, unit, workspace } from './helpers';

const units = Array.from({ length: 10 }, (_, i) => unit('s1', i, `answer ${i}`));
const unitTaggings = [
  ...[0, 1, 2, 3, 4].map((i) => tagging(`ax${i}`, 'x', `s1:${i}`, 'A')),
  ...[0, 1, 2, 3, 5].map((i) => tagging(`bx${i}`, 'x', `s1:${i}`, 'B')),
  ...[5, 6, 7, 8, 9].map((i) => tagging(`ay${i}`, 'y', `s1:${i}`, 'A')),
  ...[4, 6, 7, 8, 9].map((i) => tagging(`by${i}`, 'y', `s1:${i}`, 'B')),
  tagging('az0', 'z', 's1:0', 'A'),
  // A third coder is ignored.
  tagging('cx9', 'x', 's1:9', 'C'),
];

describe('agreementTable', () => {
  it('matches the textbook example (po 0.7, pe 0.5, kappa 0.4)', () => {
    const t = agreementTable(20, 5, 10, 15);
    expect(t.percent).toBeCloseTo(70, 10);
    expect(t.kappa).toBeCloseTo(0.4, 10);
  });
  it('has no kappa when there is nothing to compare or chance agreement is total', () => {
    expect(agreementTable(0, 0, 0, 0)).toMatchObject({ percent: null, kappa: null });
    expect(agreementTable(0, 0, 0, 7)).toMatchObject({ percent: 100, kappa: null });
  });
});

describe('agreement on units (survey-style tagging)', () => {
  const ws = workspace({ sources: [source('s1')], units, tags: [tag('x', 'Price'), tag('y', 'Speed'), tag('z', 'Zeal')], taggings: unitTaggings });

  it('computes per-tag percent agreement and kappa over units coded by either coder', () => {
    const r = agreement(ws, 'A', 'B');
    expect(r.universe).toMatchObject({ units: 'coded-by-either', unitCount: 10 });
    const by = Object.fromEntries(r.tags.map((t) => [t.tagName, t.units]));
    // Price: both 4, only A 1, only B 1, neither 4 → po .8, pe .5, kappa .6
    expect(by['Price']).toMatchObject({ both: 4, onlyA: 1, onlyB: 1, neither: 4, total: 10 });
    expect(by['Price']?.percent).toBeCloseTo(80, 10);
    expect(by['Price']?.kappa).toBeCloseTo(0.6, 10);
    expect(by['Speed']?.kappa).toBeCloseTo(0.6, 10);
    // Zeal: only A, once → po .9, pe .9, kappa 0
    expect(by['Zeal']?.percent).toBeCloseTo(90, 10);
    expect(by['Zeal']?.kappa).toBeCloseTo(0, 10);
    // Pooled: both 8, only A 3, only B 2, neither 17 → kappa 260/410
    expect(r.overall.units).toMatchObject({ both: 8, onlyA: 3, onlyB: 2, neither: 17, total: 30 });
    expect(r.overall.units.kappa).toBeCloseTo(260 / 410, 10);
    expect(r.overall.meanKappaUnits).toBeCloseTo(0.4, 10);
  });

  it('can count every unit of the sources both coders worked in', () => {
    const wider = workspace({ ...ws.tables, units: [...units, unit('s1', 10, 'nobody coded this')] });
    const r = agreement(wider, 'A', 'B', { unitUniverse: 'sources-coded-by-both' });
    expect(r.universe.unitCount).toBe(11);
    const price = r.tags.find((t) => t.tagName === 'Price')?.units;
    expect(price).toMatchObject({ both: 4, onlyA: 1, onlyB: 1, neither: 5 });
    expect(price?.kappa).toBeCloseTo(38 / 60, 10);
  });
});

describe('agreement on passages (character overlap)', () => {
  it('counts code points, so an emoji is one position', () => {
    const ws = workspace({
      sources: [source('s1')],
      units: [unit('s1', 0, 'ab😀cdefghi')],
      tags: [tag('x', 'Price')],
      highlights: [highlight('ha', 's1:0', 0, 6, 'A'), highlight('hb', 's1:0', 2, 8, 'B')],
      taggings: [tagging('ta', 'x', 's1:0', 'A', 'ha'), tagging('tb', 'x', 's1:0', 'B', 'hb')],
    });
    const r = agreement(ws, 'A', 'B');
    expect(r.universe).toMatchObject({ textUnitCount: 1, characters: 10 });
    const t = r.tags[0]?.text;
    // both 2..5, only A 0..1, only B 6..7, neither 8..9 → po .6, pe .52, kappa 1/6
    expect(t).toMatchObject({ both: 4, onlyA: 2, onlyB: 2, neither: 2, total: 10 });
    expect(t?.percent).toBeCloseTo(60, 10);
    expect(t?.kappa).toBeCloseTo(0.08 / 0.48, 10);
    // Unit-level figures stay separate: nobody tagged a whole unit.
    expect(r.tags[0]?.units.total).toBe(0);
  });
});
