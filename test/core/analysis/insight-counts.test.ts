import { describe, expect, it } from 'vitest';
import { describeCounts, insightCounts } from '../../../src/core/analysis/insight-counts';
import { fixtureData, pricingInsight, speedInsight } from './fixture';

describe('insightCounts', () => {
  const data = fixtureData();

  it('counts units and participants from evidence, once each, leaving out interviewers and deleted evidence', () => {
    const c = insightCounts(pricingInsight, data);
    // s1:1 twice (once), h1 → s1:6, s1:16; t1:0 is the interviewer; s1:999 no longer exists.
    expect(c.unitIds).toEqual(['s1:1', 's1:6', 's1:16']);
    expect(c.participantIds).toEqual(['p1', 'p2', 'p4']);
    expect(c.units).toBe(3);
    expect(c.participants).toBe(3);
    expect(c.excluded).toEqual({ interviewer: 1, missing: 1 });
  });

  it('gives the share of the survey’s respondents, counting respondents who did not answer the question', () => {
    const c = insightCounts(pricingInsight, data);
    // 3 of the survey's 6 respondents (p6 only gave an NPS score but is a respondent).
    expect(c.surveys).toEqual([{ sourceId: 's1', title: 'Spring survey', participants: 3, respondents: 6, percent: 50 }]);
    expect(c.percentOfRespondents).toBe(50);
    expect(describeCounts(c)).toBe('3 quotes from 3 participants · 50% of respondents');
  });

  it('has no respondent share when no evidence comes from a survey', () => {
    const c = insightCounts({ evidence: [{ kind: 'unit', refId: 't1:1' }] }, data);
    expect(c.participants).toBe(1);
    expect(c.percentOfRespondents).toBeNull();
    expect(describeCounts(c)).toBe('1 quote from 1 participant');
  });

  it('splits by segment against the segment’s size in the evidence’s sources', () => {
    const c = insightCounts(pricingInsight, data, { segmentBy: 'plan' });
    expect(c.bySegment?.segments).toEqual([
      { value: 'Free', units: 1, participants: 1, base: 3, percent: (1 / 3) * 100 },
      { value: 'Pro', units: 2, participants: 2, base: 3, percent: (2 / 3) * 100 },
    ]);
  });

  it('follows cluster-member evidence to the unit and mixes sources', () => {
    const c = insightCounts(speedInsight, data, { segmentBy: 'plan' });
    expect(c.participantIds).toEqual(['p3', 'p4', 'pa']);
    // Survey share counts only the two survey respondents among the three people.
    expect(c.percentOfRespondents).toBeCloseTo((2 / 6) * 100, 10);
    // Ana (interview, Pro) joins the Pro base; the interviewer never does.
    const pro = c.bySegment?.segments.find((s) => s.value === 'Pro');
    expect(pro).toMatchObject({ participants: 2, base: 4 });
  });

  it('changes when evidence changes: counts are never stored', () => {
    const more = { evidence: [...pricingInsight.evidence, { kind: 'unit' as const, refId: 's1:21' }] };
    expect(insightCounts(more, data).participants).toBe(4);
  });
});
