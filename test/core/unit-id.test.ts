import { describe, expect, it } from 'vitest';
import { hasConventionalId, parseRespondentId, parseUnitId, respondentId, surveySeq, unitId } from '../../src/core/unit-id';

describe('unit ids', () => {
  it('are "<sourceId>:<seq>" and parse back', () => {
    expect(unitId('s1', 0)).toBe('s1:0');
    expect(unitId('0b5f6c1e-1c1a-4e1c-9a53-9b1df1f1a001', 1234)).toBe('0b5f6c1e-1c1a-4e1c-9a53-9b1df1f1a001:1234');
    expect(parseUnitId('s1:0')).toEqual({ sourceId: 's1', seq: 0 });
    expect(parseUnitId('a:b:17')).toEqual({ sourceId: 'a:b', seq: 17 });
    for (const seq of [0, 1, 127, 128, 9_007_199_254_740_991]) expect(parseUnitId(unitId('src', seq))).toEqual({ sourceId: 'src', seq });
  });

  it('parseUnitId refuses anything else', () => {
    for (const bad of ['', 'u1', ':3', 's1:', 's1:-1', 's1:01', 's1:1.5', 's1:1e3', 's1: 3', 's1:p3', 's1:99999999999999999999']) expect(parseUnitId(bad)).toBeNull();
  });

  it('unitId refuses a seq that is not a non-negative integer', () => {
    expect(() => unitId('s', -1)).toThrow(RangeError);
    expect(() => unitId('s', 1.5)).toThrow(RangeError);
  });

  it('hasConventionalId checks id against sourceId and seq', () => {
    expect(hasConventionalId({ id: 's1:4', sourceId: 's1', seq: 4 })).toBe(true);
    expect(hasConventionalId({ id: 's1:4', sourceId: 's1', seq: 5 })).toBe(false);
    expect(hasConventionalId({ id: 'x', sourceId: 's1', seq: 4 })).toBe(false);
  });

  it('survey seqs interleave respondents and question slots, sparse and unique', () => {
    expect(surveySeq(0, 8, 0)).toBe(0);
    expect(surveySeq(0, 8, 7)).toBe(7);
    expect(surveySeq(1, 8, 0)).toBe(8);
    expect(surveySeq(499, 8, 6)).toBe(3998);
    expect(() => surveySeq(0, 8, 8)).toThrow(/0\.\.7/);
    expect(() => surveySeq(0, 0, 0)).toThrow(RangeError);
  });

  it('respondent ids are "<sourceId>:p<index>"', () => {
    expect(respondentId('s1', 0)).toBe('s1:p0');
    expect(parseRespondentId('s1:p12')).toEqual({ sourceId: 's1', index: 12 });
    expect(parseRespondentId('s1:12')).toBeNull();
    expect(parseRespondentId('9c1d…')).toBeNull();
    expect(() => respondentId('s1', -1)).toThrow(RangeError);
  });
});
