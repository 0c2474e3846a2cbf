import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectWorkspace } from '../../src/core/inspect';
import { buildSampleWorkspace } from '../../src/core/sample';
import { parseUnitId, respondentId } from '../../src/core/unit-id';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';

const sample = buildSampleWorkspace();
const { tables } = sample;

function codePointLength(text: string): number {
  return [...text].length;
}

describe('sample workspace', () => {
  it('has six transcripts with speakers, an interviewer and rising timestamps', () => {
    const transcripts = tables.sources.filter((s) => s.kind === 'transcript');
    expect(transcripts).toHaveLength(6);
    const interviewers = new Set(tables.participants.filter((p) => p.role === 'interviewer').map((p) => p.id));
    expect(interviewers.size).toBeGreaterThan(0);
    for (const source of transcripts) {
      const units = tables.units.filter((u) => u.sourceId === source.id).sort((a, b) => a.seq - b.seq);
      expect(units.length).toBeGreaterThanOrEqual(25);
      expect(units.length).toBeLessThanOrEqual(40);
      expect(units.map((u) => u.seq)).toEqual(units.map((_, i) => i));
      expect(new Set(units.map((u) => u.speaker)).size).toBe(2);
      expect(units.some((u) => u.participantId !== undefined && interviewers.has(u.participantId))).toBe(true);
      for (let i = 1; i < units.length; i++) expect(units[i]!.startSec!).toBeGreaterThan(units[i - 1]!.startSec!);
    }
  });

  it('has a Qualtrics survey with ~500 respondents, NPS 0-10 and two open questions', () => {
    const survey = tables.sources.find((s) => s.kind === 'survey');
    expect(survey).toMatchObject({ vendor: 'qualtrics', encoding: 'utf-8' });
    const respondents = tables.participants.filter((p) => p.sourceIds.includes(survey!.id));
    expect(respondents.length).toBeGreaterThanOrEqual(450);
    expect(respondents.length).toBeLessThanOrEqual(550);
    for (const r of respondents) {
      expect(r.externalId).toMatch(/^R_[A-Za-z0-9]{15}$/);
      expect(['SMB', 'Mid-market', 'Enterprise']).toContain(r.attributes.segment);
      expect(['Free', 'Team', 'Business']).toContain(r.attributes.plan);
      const nps = r.attributes.nps;
      expect(Number.isInteger(nps) && typeof nps === 'number' && nps >= 0 && nps <= 10).toBe(true);
    }
    // Realistic spread: promoters, passives and detractors all present.
    const scores = respondents.map((r) => Number(r.attributes.nps));
    expect(scores.some((s) => s >= 9) && scores.some((s) => s === 7 || s === 8) && scores.some((s) => s <= 6)).toBe(true);

    const questions = tables.questions.filter((q) => q.sourceId === survey!.id);
    expect(questions.filter((q) => q.type === 'nps')).toHaveLength(1);
    expect(questions.filter((q) => q.type === 'id')).toHaveLength(1);
    const open = questions.filter((q) => q.type === 'open');
    expect(open.map((q) => q.text)).toEqual(['What is the main reason for your score?', 'What one thing should we improve?']);

    for (const q of open) {
      const answers = tables.units.filter((u) => u.questionId === q.id);
      // Some respondents left it empty: no unit for them, and no empty units.
      expect(answers.length).toBeGreaterThan(respondents.length * 0.5);
      expect(answers.length).toBeLessThan(respondents.length);
      expect(answers.every((u) => u.text.trim() !== '' && u.row !== undefined && u.row >= 4)).toBe(true);
      expect(new Set(answers.map((u) => u.text)).size).toBeGreaterThan(15);
    }
  });

  it('has reasons that correlate with NPS', () => {
    const reasonQ = tables.questions.find((q) => q.text === 'What is the main reason for your score?')!;
    const npsOf = new Map(tables.participants.map((p) => [p.id, Number(p.attributes.nps)]));
    const negative = /slow|expensive|duplicate|painful|four days|confusing|too basic|price/i;
    const rate = (pred: (n: number) => boolean): number => {
      const answers = tables.units.filter((u) => u.questionId === reasonQ.id && pred(npsOf.get(u.participantId!)!));
      return answers.filter((u) => negative.test(u.text)).length / answers.length;
    };
    expect(rate((n) => n <= 6)).toBeGreaterThan(0.5);
    expect(rate((n) => n >= 9)).toBeLessThan(0.1);
  });

  it('follows the unit id convention: "<sourceId>:<seq>", survey seq = respondent * stride + question order', () => {
    for (const u of tables.units) expect(parseUnitId(u.id)).toEqual({ sourceId: u.sourceId, seq: u.seq });
    const survey = tables.sources.find((s) => s.kind === 'survey')!;
    const questions = tables.questions.filter((q) => q.sourceId === survey.id);
    expect(survey.seqStride).toBe(questions.length);
    expect(survey.respondentCount).toBe(500);
    expect(questions.map((q) => q.order)).toEqual(questions.map((_, i) => i));
    const respondents = tables.participants.filter((p) => p.sourceIds.includes(survey.id));
    expect(respondents.map((p) => p.id)).toEqual(respondents.map((_, i) => respondentId(survey.id, i)));
    const order = new Map(questions.map((q) => [q.id, q.order]));
    for (const u of tables.units.filter((x) => x.sourceId === survey.id)) {
      const index = Number(u.participantId!.split(':p')[1]);
      expect(u.seq).toBe(index * survey.seqStride! + order.get(u.questionId!)!);
    }
    for (const s of tables.sources.filter((x) => x.kind !== 'survey')) expect(s.seqStride).toBeUndefined();
  });

  it('has a hierarchical codebook', () => {
    expect(tables.tags.length).toBeGreaterThanOrEqual(12);
    expect(tables.tags.length).toBeLessThanOrEqual(16);
    const ids = new Set(tables.tags.map((t) => t.id));
    const parents = tables.tags.filter((t) => t.parentId === undefined);
    expect(parents).toHaveLength(4);
    for (const p of parents) expect(tables.tags.some((t) => t.parentId === p.id)).toBe(true);
    for (const t of tables.tags) {
      if (t.parentId !== undefined) expect(ids.has(t.parentId)).toBe(true);
      expect(t.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(t.description).toBeTruthy();
      expect(t.whenToUse).toBeTruthy();
    }
  });

  it('has ~40 highlights inside their transcript units and taggings that resolve', () => {
    const units = new Map(tables.units.map((u) => [u.id, u]));
    const transcriptIds = new Set(tables.sources.filter((s) => s.kind === 'transcript').map((s) => s.id));
    expect(tables.highlights.length).toBeGreaterThanOrEqual(35);
    expect(tables.highlights.length).toBeLessThanOrEqual(45);
    for (const h of tables.highlights) {
      const unit = units.get(h.unitId);
      expect(unit && transcriptIds.has(unit.sourceId)).toBe(true);
      expect(h.start).toBeGreaterThanOrEqual(0);
      expect(h.end).toBeGreaterThan(h.start);
      expect(h.end).toBeLessThanOrEqual(codePointLength(unit!.text));
    }
    const tagIds = new Set(tables.tags.map((t) => t.id));
    const highlights = new Map(tables.highlights.map((h) => [h.id, h]));
    for (const t of tables.taggings) {
      expect(tagIds.has(t.tagId)).toBe(true);
      expect(units.has(t.unitId)).toBe(true);
      if (t.highlightId !== undefined) expect(highlights.get(t.highlightId)?.unitId).toBe(t.unitId);
      expect(t.coder).toBe('sample');
    }
    const wholeUnitSurvey = tables.taggings.filter((t) => t.highlightId === undefined && !transcriptIds.has(units.get(t.unitId)!.sourceId));
    expect(wholeUnitSurvey.length).toBeGreaterThanOrEqual(140);
    expect(wholeUnitSurvey.length).toBeLessThanOrEqual(160);
  });

  it('has an insight whose tags and evidence resolve', () => {
    expect(tables.insights).toHaveLength(1);
    const insight = tables.insights[0]!;
    expect(insight.title).not.toBe('');
    expect(insight.evidence.length).toBeGreaterThan(0);
    const highlightIds = new Set(tables.highlights.map((h) => h.id));
    const unitIds = new Set(tables.units.map((u) => u.id));
    for (const e of insight.evidence) expect(e.kind === 'highlight' ? highlightIds.has(e.refId) : unitIds.has(e.refId)).toBe(true);
    for (const id of insight.tagIds) expect(tables.tags.some((t) => t.id === id)).toBe(true);
  });

  it('has unique ids and 2026 timestamps', () => {
    const all = Object.values(tables).flatMap((rows: { id: string; createdAt: string }[]) => rows);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    expect(all.every((r) => r.createdAt.startsWith('2026-'))).toBe(true);
  });

  it('is deterministic', () => {
    expect(buildSampleWorkspace()).toEqual(sample);
  });

  it('matches the committed resources/public/sample.loupe (run `npm run sample` after changing the builder)', () => {
    const committed = decodeWorkspace(readFileSync(join(__dirname, '../../resources/public/sample.loupe')));
    expect(committed).toEqual(sample);
  });

  it('is summarised by inspectWorkspace', () => {
    const report = inspectWorkspace(decodeWorkspace(encodeWorkspace(sample, { appVersion: 'test' })));
    expect(report.totals).toMatchObject({ sources: 7, tags: tables.tags.length, highlights: tables.highlights.length, insights: 1 });
    const survey = report.sources.find((s) => s.kind === 'survey')!;
    expect(survey.participants).toBe(500);
    expect(survey.questions.map((q) => q.type)).toEqual(['id', 'attribute', 'attribute', 'attribute', 'single', 'nps', 'open', 'open']);
    expect(report.sources.filter((s) => s.kind === 'transcript').every((s) => s.participants === 2 && s.questions.length === 0)).toBe(true);
  });
});
