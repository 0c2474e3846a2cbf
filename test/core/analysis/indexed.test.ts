/**
 * The indexed analysis functions (one shared column index per AnalysisData) must return exactly what the
 * straightforward ones did (kept in ./reference, one pass over every unit with Maps and Sets). Compared on
 * random workspaces full of the awkward cases: interviewers, units without a participant or pointing at a
 * deleted one, taggings of deleted tags and units, non-numeric and missing NPS answers, missing attributes and
 * dates, units from sources in no particular order, insights citing deleted evidence.
 */
import { describe, expect, it } from 'vitest';
import { analysisData, type AnalysisData } from '../../../src/core/analysis/data';
import { crosstab } from '../../../src/core/analysis/crosstab';
import { coOccurrence, type FrequencyScope, tagFrequency, unitsInScope } from '../../../src/core/analysis/frequency';
import { insightCounts } from '../../../src/core/analysis/insight-counts';
import { npsByTag } from '../../../src/core/analysis/nps';
import { sentimentByTag } from '../../../src/core/analysis/sentiment';
import { volumeOverTime } from '../../../src/core/analysis/volume';
import type { Highlight, Insight, Participant, Question, Source, Tag, Tagging, Unit } from '../../../src/core/model';
import { createRng, type Rng } from '../../../src/core/random';
import * as ref from './reference/crosstab';
import * as refFrequency from './reference/frequency';
import * as refInsight from './reference/insight-counts';
import * as refNps from './reference/nps';
import * as refSentiment from './reference/sentiment';
import * as refVolume from './reference/volume';

const T = '2024-03-01T00:00:00.000Z';
const base = { createdAt: T, updatedAt: T };

interface RandomWorkspace {
  data: AnalysisData;
  insights: Insight[];
  scores: Map<string, number>;
  questionIds: string[];
  sourceIds: string[];
  tagIds: string[];
}

function randomWorkspace(rng: Rng): RandomWorkspace {
  const sources: Source[] = ['s-b', 's-a', 't-1', 's-c'].map((id, i) => ({
    ...base,
    id,
    kind: id.startsWith('t') ? 'transcript' : 'survey',
    title: `Source ${id}`,
    vendor: 'generic',
    encoding: 'utf-8',
    ...(rng.chance(0.7) ? { date: `2024-0${1 + (i % 3)}-${String(rng.int(1, 28)).padStart(2, '0')}` } : {}),
  }));
  const questions: Question[] = Array.from({ length: 4 }, (_, i) => ({ ...base, id: `q${i}`, sourceId: rng.pick(sources).id, label: `Q${i}`, text: `Question ${i}?`, type: 'open', order: i }));
  const npsValues: (string | number)[] = [0, 3, 6, 7, 8, 9, 10, 10, ' 9 ', '7', 'ten', 11, -1, 8.5, ''];
  const plans = ['Free', 'Pro', 'Team', '10', '2', ''];
  const participants: Participant[] = Array.from({ length: rng.int(5, 60) }, (_, i): Participant => {
    const attributes: Record<string, string | number> = {};
    if (rng.chance(0.85)) attributes.plan = rng.pick(plans);
    if (rng.chance(0.8)) attributes.NPS = rng.pick(npsValues);
    if (rng.chance(0.7)) attributes.when = rng.pick(['2024-02-03', '2024-02-29', '2024-13-01', 'Tue, 05 Mar 2024 10:00:00 GMT', 'soon', '2023-12-31']);
    return {
      ...base,
      id: `p${i}`,
      name: `Person ${i}`,
      role: rng.chance(0.1) ? 'interviewer' : 'participant',
      attributes,
      sourceIds: sources.filter(() => rng.chance(0.4)).map((s) => s.id),
    };
  });
  const units: Unit[] = rng.shuffle(
    Array.from({ length: rng.int(0, 400) }, (_, i): Unit => {
      const source = rng.pick(sources);
      const who = rng.next();
      const participantId = who < 0.08 ? undefined : who < 0.12 ? `gone${rng.int(0, 3)}` : rng.pick(participants).id;
      return {
        ...base,
        id: `${source.id}:${i}`,
        sourceId: rng.chance(0.03) ? 'deleted-source' : source.id,
        seq: rng.int(0, 50),
        text: `answer ${i}`,
        ...(participantId !== undefined ? { participantId } : {}),
        ...(rng.chance(0.7) ? { questionId: rng.pick(questions).id } : {}),
      };
    }),
  );
  const tags: Tag[] = Array.from({ length: rng.int(1, 12) }, (_, i) => ({
    ...base,
    id: `t${i}`,
    name: `Tag ${i % 5}`,
    color: '#123456',
    order: rng.int(0, 3),
    ...(i > 0 && rng.chance(0.4) ? { parentId: `t${rng.int(0, i - 1)}` } : {}),
  }));
  const highlights: Highlight[] = units.filter(() => rng.chance(0.1)).map((u, i) => ({ ...base, id: `h${i}`, unitId: u.id, start: 0, end: 3, coder: 'me' }));
  const taggings: Tagging[] = [];
  for (const u of units) {
    for (let k = rng.int(0, 3); k > 0; k--) {
      const tagId = rng.chance(0.05) ? 'deleted-tag' : rng.pick(tags).id;
      taggings.push({ ...base, id: `g${taggings.length}`, tagId, unitId: rng.chance(0.03) ? 'deleted-unit' : u.id, coder: 'me' });
    }
  }
  const data = analysisData({ sources, participants, questions, units, tags, highlights, taggings });
  const insights: Insight[] = Array.from({ length: 3 }, (_, i) => ({
    ...base,
    id: `i${i}`,
    title: `Insight ${i}`,
    statement: '',
    tagIds: [],
    evidence: Array.from({ length: rng.int(0, 30) }, () =>
      rng.chance(0.2) && highlights.length > 0
        ? { kind: 'highlight' as const, refId: rng.chance(0.9) ? rng.pick(highlights).id : 'gone' }
        : { kind: 'unit' as const, refId: units.length > 0 && rng.chance(0.95) ? rng.pick(units).id : 'gone' },
    ),
  }));
  const scores = new Map<string, number>();
  for (const u of units) if (rng.chance(0.8)) scores.set(u.id, rng.chance(0.05) ? NaN : rng.next() * 2 - 1);
  return { data, insights, scores, questionIds: questions.map((q) => q.id), sourceIds: sources.map((s) => s.id), tagIds: tags.map((t) => t.id) };
}

function scopes(w: RandomWorkspace, rng: Rng): FrequencyScope[] {
  return [
    {},
    { questionId: rng.pick(w.questionIds) },
    { questionId: 'no-such-question' },
    { sourceIds: [rng.pick(w.sourceIds), rng.pick(w.sourceIds)] },
    { sourceIds: [] },
    { tagIds: [...rng.shuffle(w.tagIds).slice(0, 3), 'deleted-tag'] },
    { questionId: rng.pick(w.questionIds), sourceIds: w.sourceIds.slice(1), tagIds: [w.tagIds[0]!, w.tagIds[0]!] },
  ];
}

const SEEDS = Array.from({ length: 25 }, (_, i) => 1000 + i);

describe('indexed analysis equals the straightforward analysis on random workspaces', () => {
  it('tag frequency, units in scope and co-occurrence', () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed);
      const w = randomWorkspace(rng);
      for (const scope of scopes(w, rng)) {
        expect(unitsInScope(w.data, scope), `seed ${seed}`).toEqual(refFrequency.unitsInScope(w.data, scope));
        expect(tagFrequency(w.data, scope), `seed ${seed}`).toEqual(refFrequency.tagFrequency(w.data, scope));
        expect(coOccurrence(w.data, scope), `seed ${seed}`).toEqual(refFrequency.coOccurrence(w.data, scope));
      }
    }
  });

  it('crosstabs, by participants and by units, with and without the missing group', () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed);
      const w = randomWorkspace(rng);
      for (const scope of scopes(w, rng)) {
        for (const attribute of ['plan', 'NPS', 'nobody-has-this']) {
          for (const countBy of ['participants', 'units'] as const) {
            for (const includeMissing of [false, true]) {
              const options = { ...scope, attribute, countBy, includeMissing };
              expect(crosstab(w.data, options), `seed ${seed} ${JSON.stringify(options)}`).toEqual(ref.crosstab(w.data, options));
            }
          }
        }
      }
    }
  });

  it('NPS by tag, sentiment by tag, volume over time and insight counts', () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed);
      const w = randomWorkspace(rng);
      for (const attribute of ['NPS', 'plan']) {
        expect(npsByTag(w.data, attribute), `seed ${seed}`).toEqual(refNps.npsByTag(w.data, attribute));
        const some = [...rng.shuffle(w.tagIds).slice(0, 2), 'deleted-tag', w.tagIds[0]!];
        expect(npsByTag(w.data, attribute, some), `seed ${seed}`).toEqual(refNps.npsByTag(w.data, attribute, some));
      }
      for (const scope of scopes(w, rng)) {
        expect(sentimentByTag(w.data, w.scores, scope), `seed ${seed}`).toEqual(refSentiment.sentimentByTag(w.data, w.scores, scope));
        for (const bucket of ['day', 'week', 'month'] as const) {
          for (const dateAttribute of [undefined, 'when']) {
            const options = { ...scope, bucket, byTagIds: w.tagIds.slice(0, 2), ...(dateAttribute !== undefined ? { dateAttribute } : {}) };
            expect(volumeOverTime(w.data, options), `seed ${seed}`).toEqual(refVolume.volumeOverTime(w.data, options));
          }
        }
      }
      for (const insight of w.insights) {
        expect(insightCounts(insight, w.data), `seed ${seed}`).toEqual(refInsight.insightCounts(insight, w.data));
        expect(insightCounts(insight, w.data, { segmentBy: 'plan' }), `seed ${seed}`).toEqual(refInsight.insightCounts(insight, w.data, { segmentBy: 'plan' }));
      }
    }
  });

  it('never serves a stale index: new tables make a new AnalysisData with its own index', () => {
    const w = randomWorkspace(createRng(7));
    const first = tagFrequency(w.data);
    expect(first.some((f) => f.units > 0)).toBe(true);
    expect(tagFrequency(w.data)).toEqual(first);
    const changed = analysisData({
      sources: [...w.data.sources.values()],
      participants: [...w.data.participants.values()],
      questions: [...w.data.questions.values()],
      units: [...w.data.units.values()],
      tags: [...w.data.tags.values()],
      highlights: [],
      taggings: [],
    });
    expect(tagFrequency(changed).every((f) => f.units === 0)).toBe(true);
  });
});
