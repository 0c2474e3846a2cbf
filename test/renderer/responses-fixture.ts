// A small survey workspace for the Responses grid tests: 30 respondents (plan Free/Pro), two open questions,
// two tags, and a few answers already tagged.
import type { Participant, Question, Source, Tag, Tagging, Unit, WorkspaceSnapshot } from '../../src/core/model';
import { emptyTables } from '../../src/core/model';
import { respondentId, surveySeq, unitId } from '../../src/core/unit-id';

export const WS_ID = 'ws-responses';
const T = '2026-01-01T00:00:00.000Z';
const base = { createdAt: T, updatedAt: T };

export function responsesSnapshot(): WorkspaceSnapshot {
  const tables = emptyTables();
  const source: Source = { ...base, id: 'src-s', kind: 'survey', title: 'Pilot survey', vendor: 'generic', encoding: 'utf-8', seqStride: 3, respondentCount: 30 };
  tables.sources.push(source);
  const q = (id: string, label: string, text: string, type: Question['type'], order: number): Question => ({ ...base, id, sourceId: source.id, label, text, type, order });
  tables.questions.push(q('q-plan', 'Plan', 'Plan', 'attribute', 0), q('q1', 'Q1', 'What do you like?', 'open', 1), q('q2', 'Q2', 'What is missing?', 'open', 2));
  for (let i = 0; i < 30; i++) {
    const p: Participant = { ...base, id: respondentId(source.id, i), name: `R${String(i + 1).padStart(2, '0')}`, role: 'participant', attributes: { plan: i % 3 === 0 ? 'Pro' : 'Free' }, sourceIds: [source.id] };
    tables.participants.push(p);
    for (const [order, qid, text] of [
      [1, 'q1', i % 5 === 0 ? `Answer ${i + 1}: the export to Excel is great` : `Answer ${i + 1}: search works well`],
      [2, 'q2', `Missing ${i + 1}: a dark mode`],
    ] as const) {
      const seq = surveySeq(i, 3, order);
      const u: Unit = { ...base, id: unitId(source.id, seq), sourceId: source.id, participantId: p.id, questionId: qid, seq, text };
      tables.units.push(u);
    }
  }
  const tag = (id: string, name: string, color: string, order: number): Tag => ({ ...base, id, name, color, order });
  tables.tags.push(tag('t-praise', 'Praise', '#2f8a4e', 0), tag('t-export', 'Export', '#5753d6', 1));
  // Q1 answers of respondents 0, 5, 10 are tagged Export.
  for (const i of [0, 5, 10]) {
    const t: Tagging = { ...base, id: `tg-${i}`, tagId: 't-export', unitId: unitId(source.id, surveySeq(i, 3, 1)), coder: 'me' };
    tables.taggings.push(t);
  }
  return { meta: { id: WS_ID, name: 'Responses test', ...base }, tables };
}
