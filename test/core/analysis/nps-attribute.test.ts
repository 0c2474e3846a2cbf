// Which participant attribute holds the NPS: what import writes (the NPS question's label), else an "nps"
// attribute. The bundled sample is the second kind (question "Q2", people carry "nps"): its report must still
// have NPS charts with every respondent in them.
import { describe, expect, it } from 'vitest';
import { analysisData } from '../../../src/core/analysis/data';
import { npsAttributeOf, overallNps } from '../../../src/core/analysis/nps';
import { buildReportDocument, newReport } from '../../../src/core/report/document';
import { buildSampleWorkspace } from '../../../src/core/sample';
import { fixtureData } from './fixture';

describe('npsAttributeOf', () => {
  it('prefers the NPS question label when participants carry scores under it', () => {
    expect(npsAttributeOf(fixtureData())).toBe('NPS');
  });

  it('falls back to an "nps" attribute holding numbers; none when nobody has a score', () => {
    const data = fixtureData();
    const people = new Map([...data.participants].map(([id, p]) => [id, { ...p, attributes: Object.fromEntries(Object.entries(p.attributes).map(([k, v]) => [k === 'NPS' ? 'nps' : k, v])) }]));
    expect(npsAttributeOf({ ...data, participants: people })).toBe('nps');
    const noScores = new Map([...data.participants].map(([id, p]) => [id, { ...p, attributes: { plan: 'Pro' } }]));
    expect(npsAttributeOf({ ...data, participants: noScores })).toBeUndefined();
  });

  it('gives the sample workspace NPS charts over all its respondents', () => {
    const sample = buildSampleWorkspace();
    const data = analysisData(sample.tables);
    const attribute = npsAttributeOf(data);
    expect(attribute).toBe('nps');
    const respondents = sample.tables.participants.filter((p) => p.role !== 'interviewer' && typeof p.attributes.nps === 'number').length;
    expect(overallNps(data, attribute!).n).toBe(respondents);
    const ctx = { data, insights: sample.tables.insights, generatedAt: '2026-03-01T00:00:00.000Z' };
    const doc = buildReportDocument(newReport('full-findings', 'Sample', ctx), ctx);
    const kinds = doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart.kind] : [])));
    expect(kinds).toEqual(expect.arrayContaining(['nps-distribution', 'nps-by-tag']));
  });
});
