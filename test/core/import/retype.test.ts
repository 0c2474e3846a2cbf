import { describe, expect, it } from 'vitest';
import { importSurveyText, planRoleChanges, retypeRespondent, surveyUnit, type RespondentAnswers, type SurveyImportResult } from '../../../src/core/import';
import type { Question, QuestionType } from '../../../src/core/model';

const CSV = ['id,plan,NPS how likely to recommend,comment,email', 'r1,Pro,9,Search is slow,a@x.io', 'r2,Free,3,,b@x.io', 'r3,Team,10 - Extremely likely,Love the export,'].join('\n');

function imported(): SurveyImportResult {
  return importSurveyText(CSV, { fileName: 'nps.csv', sourceId: 's1', now: '2024-01-01T00:00:00.000Z' });
}

/** A respondent as the store would hand it to retypeRespondent. */
function answersOf(r: SurveyImportResult, index: number): RespondentAnswers {
  const p = r.participants[index]!;
  const units = new Map(r.units.filter((u) => u.participantId === p.id).map((u) => [r.questions.find((q) => q.id === u.questionId)!.order, u.text]));
  const kept = r.kept?.find((k) => k.index === index);
  return { attributes: { ...p.attributes }, units, kept: kept === undefined ? undefined : new Map(Object.entries(kept.values).map(([o, v]) => [Number(o), v])) };
}

function q(r: SurveyImportResult, label: string): Question {
  return r.questions.find((x) => x.label === label)!;
}

function change(r: SurveyImportResult, label: string, type: QuestionType) {
  const plan = planRoleChanges(r.questions, [{ questionId: q(r, label).id, type }]);
  if ('error' in plan) throw new Error(plan.error);
  return plan;
}

describe('the import keeps what ignored columns held', () => {
  it('one kept record per respondent with its data row; empty cells are not stored', () => {
    const r = imported();
    expect(q(r, 'email').type).toBe('ignored');
    const slot = q(r, 'email').order;
    expect(r.kept).toEqual([
      { index: 0, row: 1, values: { [slot]: 'a@x.io' } },
      { index: 1, row: 2, values: { [slot]: 'b@x.io' } },
      { index: 2, row: 3, values: {} },
    ]);
  });
});

describe('retypeRespondent', () => {
  it('attribute → open text: the value becomes an answer unit in the question’s slot', () => {
    const r = imported();
    const a = answersOf(r, 0);
    const out = retypeRespondent(a, change(r, 'plan', 'open'));
    expect(out).toEqual({ removed: [], added: [q(r, 'plan').order], missing: false });
    expect(a.units.get(q(r, 'plan').order)).toBe('Pro');
    expect(a.attributes).not.toHaveProperty('plan');
    const unit = surveyUnit('s1', r.source.seqStride!, 0, q(r, 'plan'), 'Pro', 1, 'now');
    // The id is the slot's address: the same id an import with this role would have given the answer.
    expect(unit.id).toBe(`s1:${q(r, 'plan').order}`);
    expect(unit).toMatchObject({ participantId: 's1:p0', questionId: q(r, 'plan').id, row: 1, text: 'Pro' });
  });

  it('open text → ignore → open text gives back the same text in the same slot (the same unit id)', () => {
    const r = imported();
    const a = answersOf(r, 2);
    const slot = q(r, 'comment').order;
    const before = r.units.find((u) => u.participantId === 's1:p2')!;
    expect(retypeRespondent(a, change(r, 'comment', 'ignored'))).toEqual({ removed: [slot], added: [], missing: false });
    expect(a.units.size).toBe(0);
    expect(a.kept?.get(slot)).toBe('Love the export');
    const back = retypeRespondent(a, [{ ...change(r, 'comment', 'ignored')[0]!, from: 'ignored', to: 'open' }]);
    expect(back.added).toEqual([slot]);
    expect(surveyUnit('s1', r.source.seqStride!, 2, q(r, 'comment'), a.units.get(slot)!, 3, 'now')).toMatchObject({ id: before.id, text: before.text });
  });

  it('ignore → attribute reads the kept cell; an empty cell makes no attribute and no unit', () => {
    const r = imported();
    const a = answersOf(r, 0);
    retypeRespondent(a, change(r, 'email', 'attribute'));
    expect(a.attributes['email']).toBe('a@x.io');
    const c = answersOf(r, 2);
    expect(retypeRespondent(c, change(r, 'email', 'open'))).toEqual({ removed: [], added: [], missing: false });
    expect(c.units.size).toBe(1);
  });

  it('closed types convert: attribute → NPS parses the score, NPS → open text keeps the number as text', () => {
    const r = imported();
    const a = answersOf(r, 2);
    expect(a.attributes['NPS how likely to recommend']).toBe(10);
    retypeRespondent(a, change(r, 'NPS how likely to recommend', 'open'));
    expect(a.units.get(q(r, 'NPS how likely to recommend').order)).toBe('10');
    const b = answersOf(r, 1);
    retypeRespondent(b, change(r, 'plan', 'rating'));
    expect(b.attributes['plan']).toBe('Free');
  });

  it('a source whose ignored cells were not kept reports them missing and changes nothing for that question', () => {
    const r = imported();
    const a = { ...answersOf(r, 0), kept: undefined };
    const out = retypeRespondent(a, change(r, 'email', 'open'));
    expect(out.missing).toBe(true);
    expect(a.units.size).toBe(1);
  });
});

describe('planRoleChanges', () => {
  it('drops no-op changes and refuses to change the respondent id column', () => {
    const r = imported();
    expect(planRoleChanges(r.questions, [{ questionId: q(r, 'plan').id, type: q(r, 'plan').type }])).toEqual([]);
    expect(planRoleChanges(r.questions, [{ questionId: q(r, 'id').id, type: 'attribute' }])).toEqual({ error: expect.stringContaining('respondent id column cannot be changed') });
    expect(planRoleChanges(r.questions, [{ questionId: q(r, 'plan').id, type: 'id' }])).toEqual({ error: expect.stringContaining('respondent id') });
    expect(planRoleChanges(r.questions, [{ questionId: 'gone', type: 'open' }])).toEqual({ error: expect.stringContaining('no longer in the workspace') });
  });
});

describe('kept values outlive a role change', () => {
  it('a kept value stays when its question is read as open text again (a restored state may ignore it again)', () => {
    const r = imported();
    const a = answersOf(r, 0);
    const slot = q(r, 'email').order;
    retypeRespondent(a, change(r, 'email', 'open'));
    expect(a.units.get(slot)).toBe('a@x.io');
    expect(a.kept?.get(slot)).toBe('a@x.io');
  });
});
