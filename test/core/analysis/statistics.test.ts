import { describe, expect, it } from 'vitest';
import { chiSquareTest, crosstab, formatChiSquare } from '../../../src/core/analysis/crosstab';
import { coOccurrence, tagFrequency } from '../../../src/core/analysis/frequency';
import { chiSquareSurvival, gammaP, gammaQ, logGamma } from '../../../src/core/analysis/gamma';
import { computeNps, npsAttributes, npsByGroups, npsByTag, overallNps } from '../../../src/core/analysis/nps';
import { SENTIMENT_SEGMENT, sentimentByTag } from '../../../src/core/analysis/sentiment';
import { parseDay, volumeOverTime } from '../../../src/core/analysis/volume';
import { fixtureData, participants, questions, sources } from './fixture';

describe('chi-square survival function', () => {
  it('matches the critical values statistics tables print', () => {
    expect(chiSquareSurvival(3.84, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(11.07, 5)).toBeCloseTo(0.05, 3);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(11.070497693516351, 5)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(6.634896601021214, 1)).toBeCloseTo(0.01, 10);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 10);
  });

  it('agrees with closed forms', () => {
    // df = 2: P(X ≥ x) = e^(−x/2); df = 1: erfc(√(x/2)).
    for (const x of [0.1, 1, 5.99, 20]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
    expect(chiSquareSurvival(0.7936507936507936, 1)).toBeCloseTo(0.37299848361348714, 10);
    for (const x of [0.5, 2, 9]) expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 12);
    expect(gammaP(2.5, 3) + gammaQ(2.5, 3)).toBeCloseTo(1, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('is 1 at zero and vanishes far in the tail', () => {
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(200, 4)).toBeLessThan(1e-40);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
  });
});

describe('chiSquareTest', () => {
  it('computes a 2×2 test by hand', () => {
    // Expected 12, 18, 28, 42 → χ² = 4/12 + 4/18 + 4/28 + 4/42.
    const t = chiSquareTest([
      [10, 20],
      [30, 40],
    ]);
    expect(t.chi2).toBeCloseTo(0.7936507936507936, 12);
    expect(t.df).toBe(1);
    expect(t.p).toBeCloseTo(0.373, 3);
    expect(t.lowExpected).toBe(false);
  });

  it('drops empty rows and columns from df, and says when there is nothing to test', () => {
    const t = chiSquareTest([
      [5, 0, 5],
      [0, 0, 0],
      [5, 0, 15],
    ]);
    expect(t.df).toBe(1);
    expect(chiSquareTest([[3, 4]]).p).toBeNull();
    expect(formatChiSquare(chiSquareTest([[3, 4]]))).toMatch(/not applicable/);
  });
});

describe('tag frequency and co-occurrence', () => {
  const data = fixtureData();

  it('counts units and participants per tag, interviewer tagging left out, most used first', () => {
    const rows = tagFrequency(data);
    expect(rows.map((r) => [r.name, r.units, r.participants])).toEqual([
      ['Pricing', 4, 4], // s1:1, s1:6 (via its highlight), s1:16, t1:1 — not the interviewer's t1:0
      ['Speed', 4, 4], // s1:11, s1:16, s1:2, t1:1; ties keep codebook order
      ['Support', 2, 2],
      ['Annual billing', 0, 0],
    ]);
    expect(rows[0]?.unitIds).toEqual(['s1:1', 's1:6', 's1:16', 't1:1']);
    // 8 analysed units in all (9 minus the interviewer's).
    expect(rows[0]?.percentOfUnits).toBe(50);
  });

  it('scopes to one question', () => {
    const rows = tagFrequency(data, { questionId: 'q1' });
    expect(rows.find((r) => r.tagId === 'speed')).toMatchObject({ units: 2, participants: 2, unitIds: ['s1:11', 's1:16'] });
  });

  it('counts units tagged with both tags, symmetric, with the units behind each cell', () => {
    const co = coOccurrence(data, { tagIds: ['price', 'speed', 'support'] });
    expect(co.counts).toEqual([
      [4, 2, 1],
      [2, 4, 0],
      [1, 0, 2],
    ]);
    expect(co.unitIds[0]?.[1]).toEqual(['s1:16', 't1:1']);
    expect(co.unitIds[2]?.[0]).toEqual(['s1:6']);
  });
});

describe('crosstab', () => {
  const data = fixtureData();

  it('counts participants per tag and segment with column percents and a test', () => {
    const ct = crosstab(data, { attribute: 'plan', questionId: 'q1', tagIds: ['price', 'speed', 'support', 'annual'] });
    expect(ct.segments).toEqual(['Free', 'Pro']);
    // Who answered Q1: Free p4, p5; Pro p1, p2, p3.
    expect(ct.base).toEqual([2, 3]);
    const price = ct.rows[0]!;
    expect(price.counts).toEqual([1, 2]);
    expect(price.columnPercents[0]).toBe(50);
    expect(price.columnPercents[1]).toBeCloseTo(66.667, 2);
    expect(price.unitIds).toEqual([['s1:16'], ['s1:1', 's1:6']]);
    // By hand: table [[1,2],[1,1],[1,1]] (Annual billing is empty), N = 7 → χ² = 7/36, df = 2, p = e^(−7/72).
    expect(ct.test.chi2).toBeCloseTo(7 / 36, 12);
    expect(ct.test.df).toBe(2);
    expect(ct.test.p).toBeCloseTo(Math.exp(-7 / 72), 10);
    expect(ct.test.lowExpected).toBe(true);
    expect(formatChiSquare(ct.test)).toBe('χ² = 0.19, df = 2, p = 0.907 (small expected counts: interpret with care)');
  });

  it('tests each tag as mentioned / not mentioned by segment', () => {
    const ct = crosstab(data, { attribute: 'plan', questionId: 'q1', tagIds: ['price'] });
    // [[1, 2], [1, 1]]: expected 1.2, 1.8, 0.8, 1.2.
    const e = [1.2, 1.8, 0.8, 1.2];
    const o = [1, 2, 1, 1];
    const chi2 = o.reduce((s, x, i) => s + (x - e[i]!) ** 2 / e[i]!, 0);
    expect(ct.rows[0]?.test.chi2).toBeCloseTo(chi2, 12);
    expect(ct.rows[0]?.test.df).toBe(1);
  });

  it('can count units instead of people and keep the missing group', () => {
    const ct = crosstab(data, { attribute: 'NPS', countBy: 'units', includeMissing: true, tagIds: ['speed'] });
    // NPS is a number: segments sort numerically; Ana has no score.
    expect(ct.segments).toEqual(['3', '6', '7', '9', '10', '(no answer)']);
    expect(ct.rows[0]?.counts).toEqual([1, 0, 1, 0, 1, 1]);
  });
});

describe('NPS', () => {
  it('classifies 9–10 / 7–8 / 0–6 and subtracts percentages', () => {
    const r = computeNps([10, 10, 9, 0, 5, 7, '8', 'x', '', undefined]);
    expect(r).toMatchObject({ n: 7, promoters: 3, passives: 2, detractors: 2, invalid: 1 });
    expect(r.nps).toBeCloseTo(((3 - 2) / 7) * 100, 10);
    expect(r.distribution).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 2]);
    expect(computeNps([6, 6]).nps).toBe(-100);
    expect(computeNps([]).nps).toBeNull();
  });

  it('scores every respondent but never an interviewer', () => {
    const data = fixtureData();
    expect(npsAttributes(questions)).toEqual(['NPS']);
    const r = overallNps(data, 'NPS');
    // p1..p6: 10, 9, 7, 3, 6, 8 → 2 promoters, 2 passives, 2 detractors. The interviewer's 10 is ignored.
    expect(r).toMatchObject({ n: 6, promoters: 2, passives: 2, detractors: 2, nps: 0 });
    expect(r.participantIdsByScore[10]).toEqual(['p1']);
    expect(r.unitIdsByScore[10]).toEqual(['s1:1', 's1:2']);
  });

  it('scores the people behind a tag or theme, each person once', () => {
    const data = fixtureData();
    const price = npsByTag(data, 'NPS').find((g) => g.key === 'price');
    // p1 (10), p2 (9), p4 (3); Ana is unscored.
    expect(price).toMatchObject({ n: 3, promoters: 2, detractors: 1, participantIds: ['p1', 'p2', 'p4'] });
    expect(price?.nps).toBeCloseTo(100 / 3, 10);
    expect(price?.unitIdsByClass.detractors).toEqual(['s1:16']);
    const theme = npsByGroups(data, 'NPS', [{ key: 'c1', label: 'Everything', unitIds: ['s1:1', 's1:2', 's1:11'] }])[0];
    expect(theme).toMatchObject({ n: 2, promoters: 1, passives: 1 });
  });
});

describe('volume over time', () => {
  it('buckets by ISO week and month from source dates', () => {
    const data = fixtureData();
    const weeks = volumeOverTime(data, { bucket: 'week' });
    expect(weeks.points.map((p) => [p.key, p.start, p.units])).toEqual([
      ['2024-W10', '2024-03-04', 6],
      ['2024-W11', '2024-03-11', 2],
    ]);
    expect(volumeOverTime(data, { bucket: 'month' }).points.map((p) => [p.key, p.units])).toEqual([['2024-03', 8]]);
  });

  it('fills quiet days with zeros and counts tags per bucket', () => {
    const v = volumeOverTime(fixtureData(), { bucket: 'day', byTagIds: ['speed'] });
    expect(v.points).toHaveLength(9);
    expect(v.points[1]).toMatchObject({ key: '2024-03-05', units: 0 });
    expect(v.points[8]?.byTag).toEqual({ speed: 1 });
  });

  it('prefers a participant date attribute and reports undated units', () => {
    const data = fixtureData({
      sources: sources.map((s) => (s.id === 't1' ? { ...s, date: undefined } : s)),
      participants: participants.map((p) => (p.id === 'p1' ? { ...p, attributes: { ...p.attributes, submitted: '2024-02-28T09:00:00Z' } } : p)),
    });
    const v = volumeOverTime(data, { bucket: 'week', dateAttribute: 'submitted' });
    expect(v.points.map((p) => [p.key, p.units])).toEqual([
      ['2024-W09', 2],
      ['2024-W10', 4],
    ]);
    expect(v.undated).toBe(2);
  });

  it('puts the first days of January in the previous ISO year’s week 53 when that is where they belong', () => {
    const data = fixtureData({ sources: sources.map((s) => ({ ...s, date: '2021-01-03' })) });
    expect(volumeOverTime(data, { bucket: 'week' }).points[0]?.key).toBe('2020-W53');
    expect(parseDay('2024-02-30')).toBeUndefined();
    expect(parseDay('03/04/2024')).toBeUndefined();
  });
});

describe('sentiment by tag', () => {
  it('averages scored units and keeps unscored ones apart', () => {
    const scores = new Map([
      ['s1:11', -0.6],
      ['s1:16', -0.2],
      ['s1:2', 0.8],
    ]);
    const speed = sentimentByTag(fixtureData(), scores, { tagIds: ['speed'] })[0];
    expect(speed).toMatchObject({ n: 3, unscored: 1, negative: 2, positive: 1, neutral: 0 });
    expect(speed?.mean).toBeCloseTo(0, 12);
    expect(speed?.unitIds.negative).toEqual(['s1:11', 's1:16']);
    expect(sentimentByTag(fixtureData(), new Map(), { tagIds: ['speed'] })[0]?.mean).toBeNull();
  });
});

describe('sentiment as a segment', () => {
  it('crosstab tag × sentiment counts responses per class, unscored left out', () => {
    const sentiment = new Map([
      ['s1:1', -0.5],
      ['s1:6', -0.3],
      ['s1:11', -0.6],
      ['s1:16', 0.01],
      ['s1:2', 0.8],
    ]);
    const ct = crosstab(fixtureData({ sentiment }), { attribute: SENTIMENT_SEGMENT, tagIds: ['price', 'speed'] });
    expect(ct.countBy).toBe('units');
    expect(ct.segments).toEqual(['negative', 'neutral', 'positive']);
    expect(ct.base).toEqual([3, 1, 1]);
    expect(ct.rows.map((r) => [r.tagId, r.counts])).toEqual([
      ['price', [2, 1, 0]],
      ['speed', [1, 1, 1]],
    ]);
    expect(ct.rows[0]?.unitIds[0]).toEqual(['s1:1', 's1:6']);
    // Without scores there is nothing to segment by.
    expect(crosstab(fixtureData(), { attribute: SENTIMENT_SEGMENT }).segments).toEqual([]);
  });
});
