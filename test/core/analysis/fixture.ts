/**
 * A small workspace written for the analysis and report tests: one survey (6 respondents, plan + NPS, two
 * open questions) and one interview (a participant and an interviewer). Numbers in the tests are worked out
 * by hand from this data.
 */
import { analysisData, type AnalysisData, type AnalysisTables } from '../../../src/core/analysis/data';
import type { Highlight, Insight, Participant, Question, Source, Tag, Tagging, Unit } from '../../../src/core/model';

const T = '2024-03-01T00:00:00.000Z';
const base = { createdAt: T, updatedAt: T };

export const sources: Source[] = [
  { ...base, id: 's1', kind: 'survey', title: 'Spring survey', vendor: 'generic', encoding: 'utf-8', date: '2024-03-04' },
  { ...base, id: 't1', kind: 'transcript', title: 'Interview with Ana', vendor: 'vtt', encoding: 'utf-8', date: '2024-03-12' },
];

export const questions: Question[] = [
  { ...base, id: 'q1', sourceId: 's1', label: 'Q1', text: 'What frustrates you?', type: 'open', order: 1 },
  { ...base, id: 'q2', sourceId: 's1', label: 'Q2', text: 'What do you like?', type: 'open', order: 2 },
  { ...base, id: 'q3', sourceId: 's1', label: 'NPS', text: 'How likely are you to recommend us?', type: 'nps', order: 3 },
  { ...base, id: 'q4', sourceId: 's1', label: 'plan', text: 'Plan', type: 'attribute', order: 4 },
];

const respondent = (id: string, name: string, plan: string, nps: number): Participant => ({ ...base, id, name, role: 'participant', attributes: { plan, NPS: nps }, sourceIds: ['s1'] });

export const participants: Participant[] = [
  respondent('p1', 'Maria Keller', 'Pro', 10),
  respondent('p2', 'John Smith', 'Pro', 9),
  respondent('p3', 'R-0003', 'Pro', 7),
  respondent('p4', 'R-0004', 'Free', 3),
  respondent('p5', 'R-0005', 'Free', 6),
  respondent('p6', 'R-0006', 'Free', 8),
  { ...base, id: 'pa', name: 'Ana Lopez', role: 'participant', attributes: { plan: 'Pro' }, sourceIds: ['t1'] },
  // An interviewer with a score: it must never reach an NPS or a count.
  { ...base, id: 'pi', name: 'Ivan Petrov', role: 'interviewer', attributes: { NPS: 10 }, sourceIds: ['t1'] },
];

const unit = (id: string, sourceId: string, seq: number, participantId: string, text: string, questionId?: string): Unit => ({
  ...base,
  id,
  sourceId,
  seq,
  participantId,
  text,
  ...(questionId !== undefined ? { questionId } : {}),
});

export const units: Unit[] = [
  unit('s1:1', 's1', 1, 'p1', 'Too expensive for what it does', 'q1'),
  unit('s1:6', 's1', 6, 'p2', 'Pricing is confusing, call me at +44 20 7946 0958', 'q1'),
  unit('s1:11', 's1', 11, 'p3', 'Slow exports', 'q1'),
  unit('s1:16', 's1', 16, 'p4', 'Slow and pricey', 'q1'),
  unit('s1:21', 's1', 21, 'p5', 'Support never answered, write to maria.keller@example.com', 'q1'),
  unit('s1:2', 's1', 2, 'p1', 'Fast search', 'q2'),
  unit('t1:0', 't1', 0, 'pi', 'What do you think about the pricing?'),
  unit('t1:1', 't1', 1, 'pa', 'Honestly the price is fine but Maria says speed matters more'),
  unit('t1:2', 't1', 2, 'pa', '=HYPERLINK("http://evil.example","click")'),
];

export const tags: Tag[] = [
  { ...base, id: 'price', name: 'Pricing', color: '#d1495b', order: 0, description: 'Cost, plans, value for money' },
  { ...base, id: 'annual', name: 'Annual billing', color: '#edae49', order: 0, parentId: 'price' },
  { ...base, id: 'speed', name: 'Speed', color: '#00798c', order: 1 },
  { ...base, id: 'support', name: 'Support', color: '#30638e', order: 2 },
];

export const highlights: Highlight[] = [{ ...base, id: 'h1', unitId: 's1:6', start: 0, end: 20, memo: 'Confused by tiers', coder: 'me' }];

const tagging = (tagId: string, unitId: string, highlightId?: string): Tagging => ({
  ...base,
  id: `${tagId}@${unitId}`,
  tagId,
  unitId,
  coder: 'me',
  ...(highlightId !== undefined ? { highlightId } : {}),
});

export const taggings: Tagging[] = [
  tagging('price', 's1:1'),
  tagging('price', 's1:6', 'h1'),
  tagging('support', 's1:6'),
  tagging('speed', 's1:11'),
  tagging('speed', 's1:16'),
  tagging('price', 's1:16'),
  tagging('support', 's1:21'),
  tagging('speed', 's1:2'),
  tagging('price', 't1:0'),
  tagging('price', 't1:1'),
  tagging('speed', 't1:1'),
];

export const pricingInsight: Insight = {
  ...base,
  id: 'i1',
  title: 'Pricing is a barrier',
  statement: 'Respondents find the plans expensive and confusing.',
  tagIds: ['price'],
  evidence: [
    { kind: 'unit', refId: 's1:1' },
    { kind: 'highlight', refId: 'h1' },
    { kind: 'unit', refId: 's1:16' },
    { kind: 'unit', refId: 's1:1' },
    { kind: 'unit', refId: 't1:0' },
    { kind: 'unit', refId: 's1:999' },
  ],
};

export const speedInsight: Insight = {
  ...base,
  id: 'i2',
  title: 'Speed matters',
  statement: 'Slowness comes up across plans.',
  tagIds: ['speed'],
  evidence: [
    { kind: 'unit', refId: 's1:11' },
    { kind: 'unit', refId: 's1:16' },
    { kind: 'cluster-member', refId: 't1:1', clusteringId: 'c1' },
  ],
};

export function tables(overrides: Partial<AnalysisTables> = {}): AnalysisTables {
  return { sources, participants, questions, units, tags, highlights, taggings, ...overrides };
}

export function fixtureData(overrides: Partial<AnalysisTables> = {}): AnalysisData {
  return analysisData(tables(overrides));
}
