/**
 * Changing a survey question's role after import, one respondent at a time. Pure: the storage layer reads a
 * respondent's stored answers (open-text units, attributes, kept cells of ignored columns), applies the
 * changes here and writes back what changed.
 *
 * Every question owns a seq slot (unit-id.ts), and a question's value is one string per respondent whatever
 * its type — the open answer, the attribute as exported, or the kept cell — so moving a question between
 * types moves that string: a unit that exists before and after keeps its id and its text, and changing a
 * role back restores what was there (the ids of the units, hence their taggings when they are restored too).
 */
import type { Participant, Question, QuestionType, Unit } from '../model';
import { respondentId, surveySeq, unitId } from '../unit-id';
import { closedValue } from './survey-records';

/** Where a question's answers live: units (open text), participant attributes, kept cells (ignored), or the respondent id. */
export type Derivation = 'unit' | 'attribute' | 'kept' | 'id';

export function derivationOf(type: QuestionType): Derivation {
  if (type === 'open') return 'unit';
  if (type === 'ignored') return 'kept';
  if (type === 'id') return 'id';
  return 'attribute';
}

export interface RoleChange {
  questionId: string;
  /** The attribute key (Question.label). */
  label: string;
  /** The question's seq slot (Question.order). */
  order: number;
  from: QuestionType;
  to: QuestionType;
}

/** One respondent's stored answers, mutated in place by retypeRespondent. */
export interface RespondentAnswers {
  attributes: Record<string, string | number>;
  /** Open-text answers by slot. */
  units: Map<number, string>;
  /** Values of ignored columns by slot; undefined when they were not kept (sources imported before Loupe kept them). */
  kept: Map<number, string> | undefined;
}

export interface RespondentRetype {
  /** Slots whose unit went away / appeared. */
  removed: number[];
  added: number[];
  /** A question left 'ignored' but this respondent's kept cells are not stored. */
  missing: boolean;
}

/** Checks requested changes against a source's questions; returns the changes that do something, or a message for the user. */
export function planRoleChanges(questions: readonly Question[], requested: readonly { questionId: string; type: QuestionType }[]): RoleChange[] | { error: string } {
  const out: RoleChange[] = [];
  for (const r of requested) {
    const q = questions.find((x) => x.id === r.questionId);
    if (q === undefined) return { error: 'A question of this survey is no longer in the workspace; reopen the source and try again.' };
    if (q.type === r.type) continue;
    if (q.type === 'id' || r.type === 'id') return { error: `“${q.label}”: the respondent id column cannot be changed after import (respondents are matched by it); re-import the file to choose another.` };
    out.push({ questionId: q.id, label: q.label, order: q.order, from: q.type, to: r.type });
  }
  return out;
}

function valueOf(r: RespondentAnswers, c: RoleChange): string | null {
  switch (derivationOf(c.from)) {
    case 'unit':
      return r.units.get(c.order) ?? '';
    case 'attribute': {
      const v = r.attributes[c.label];
      return v === undefined ? '' : String(v);
    }
    case 'kept':
      return r.kept === undefined ? null : (r.kept.get(c.order) ?? '');
    case 'id':
      return null;
  }
}

/** Applies the changes to one respondent (in order; each change's question appears once). */
export function retypeRespondent(r: RespondentAnswers, changes: readonly RoleChange[]): RespondentRetype {
  const out: RespondentRetype = { removed: [], added: [], missing: false };
  for (const c of changes) {
    const value = valueOf(r, c);
    if (value === null) {
      out.missing = true;
      continue;
    }
    const from = derivationOf(c.from);
    const to = derivationOf(c.to);
    if (from === 'unit' && r.units.delete(c.order) && to !== 'unit') out.removed.push(c.order);
    if (from === 'attribute') delete r.attributes[c.label];
    // A kept value stays when its question leaves 'ignored': it is a fact about the file, and a workspace state
    // restored later (Discard changes) may have the question ignored again.
    if (value === '') continue;
    if (to === 'unit') {
      r.units.set(c.order, value);
      if (from !== 'unit') out.added.push(c.order);
    } else if (to === 'attribute') r.attributes[c.label] = closedValue(c.to, value);
    else if (to === 'kept') (r.kept ??= new Map()).set(c.order, value);
  }
  return out;
}

/** The unit of an open answer: the same record an import makes (id `${sourceId}:${respondentIndex * seqStride + order}`). */
export function surveyUnit(
  sourceId: string,
  seqStride: number,
  respondentIndex: number,
  question: Pick<Question, 'id' | 'order'>,
  text: string,
  row: number | undefined,
  now: string,
): Unit {
  const seq = surveySeq(respondentIndex, seqStride, question.order);
  return {
    id: unitId(sourceId, seq),
    createdAt: now,
    updatedAt: now,
    sourceId,
    participantId: respondentId(sourceId, respondentIndex),
    questionId: question.id,
    seq,
    text,
    ...(row !== undefined ? { row } : {}),
  };
}

/** A stored respondent with attributes replaced (a new record, updatedAt bumped only when something changed). */
export function withAttributes(p: Participant, attributes: Record<string, string | number>, now: string): Participant {
  const before = Object.entries(p.attributes);
  const same = before.length === Object.keys(attributes).length && before.every(([k, v]) => attributes[k] === v);
  return same ? p : { ...p, attributes, updatedAt: now };
}
