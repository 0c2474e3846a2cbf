/**
 * The bundled sample workspace: six interviews and a 500-respondent NPS survey about "Relay", a fictional
 * team scheduling tool, with a small codebook, coded passages and one insight. Fully deterministic
 * (seeded PRNG, ids drawn from the seed, fixed 2026 dates): the committed resources/public/sample.loupe
 * is tested against this function, so change both together (`npm run sample`).
 */
import type { Highlight, Participant, Question, Source, Tag, Tagging, Unit, WorkspaceSnapshot } from './model';
import { emptyTables } from './model';
import { createRng, type Rng } from './random';
import {
  ANSWER_CLOSERS,
  ANSWER_OPENERS,
  COUNTRIES,
  COUNTRY_WEIGHTS,
  IMPROVE,
  INTERVIEWER_ACKS,
  INTERVIEWERS,
  INTERVIEW_PERSONAS,
  INTERVIEW_TOPICS,
  INTRO_ANSWERS,
  INTRO_QUESTIONS,
  LOCAL_ANSWERS,
  REASON_DETRACTOR,
  REASON_LEADS,
  REASON_PASSIVE,
  REASON_PROMOTER,
  REASON_TAILS,
  ROLES,
  SAMPLE_CODEBOOK,
  WRAP_ANSWERS,
  WRAP_QUESTIONS,
  type InterviewPersona,
  type SampleTagKey,
  type SurveyPhrase,
  type Topic,
} from './sample-text';
import { respondentId, surveySeq, unitId } from './unit-id';

export const SAMPLE_SEED = 20260302;
export const SAMPLE_RESPONDENTS = 500;
export const SAMPLE_CODER = 'sample';

const BASE_TIME = Date.UTC(2026, 2, 2, 9, 0, 0);

/** A fixed timestamp `days` days and `minutes` minutes after 2 March 2026, 09:00 UTC. */
function at(days: number, minutes = 0): string {
  return new Date(BASE_TIME + days * 86_400_000 + minutes * 60_000).toISOString();
}

interface Builder {
  /** Content choices. */
  rng: Rng;
  /** Ids come from their own stream, so changing the copy does not reshuffle every id. */
  ids: Rng;
  tables: WorkspaceSnapshot['tables'];
  tagIds: Map<string, string>;
  /** Sentences a coder could highlight: unit id, code-point range, tag key. */
  transcriptCandidates: { unitId: string; start: number; end: number; tag: SampleTagKey }[];
  /** Survey answers with the tag their main phrase carries. */
  surveyCandidates: { unitId: string; tag: SampleTagKey }[];
}

export function buildSampleWorkspace(): WorkspaceSnapshot {
  const b: Builder = {
    rng: createRng(SAMPLE_SEED),
    ids: createRng(SAMPLE_SEED ^ 0x5eed),
    tables: emptyTables(),
    tagIds: new Map(),
    transcriptCandidates: [],
    surveyCandidates: [],
  };
  addCodebook(b);
  const interviewers = INTERVIEWERS.map((name, i) => addInterviewer(b, name, i));
  INTERVIEW_PERSONAS.forEach((persona, i) => addInterview(b, persona, i, interviewers));
  addSurvey(b);
  addCoding(b);
  addInsightAndReport(b);
  return {
    meta: { id: b.ids.uuid(), name: 'Relay customer research (sample)', createdAt: at(0), updatedAt: at(9, 510) },
    tables: b.tables,
  };
}

function addCodebook(b: Builder): void {
  const order = new Map<string, number>();
  for (const def of SAMPLE_CODEBOOK) {
    const id = b.ids.uuid();
    b.tagIds.set(def.key, id);
    const siblings = order.get(def.parent ?? '') ?? 0;
    order.set(def.parent ?? '', siblings + 1);
    const parentId = def.parent === undefined ? undefined : b.tagIds.get(def.parent);
    const tag: Tag = {
      id,
      createdAt: at(1, 30),
      updatedAt: at(1, 30),
      name: def.name,
      color: def.color,
      description: def.description,
      whenToUse: def.whenToUse,
      order: siblings,
      ...(parentId === undefined ? {} : { parentId }),
      ...(def.whenNotToUse === undefined ? {} : { whenNotToUse: def.whenNotToUse }),
    };
    b.tables.tags.push(tag);
  }
}

function tagId(b: Builder, key: string): string {
  const id = b.tagIds.get(key);
  if (id === undefined) throw new Error(`sample: unknown tag key ${key}`);
  return id;
}

function addInterviewer(b: Builder, name: string, index: number): Participant {
  const p: Participant = {
    id: b.ids.uuid(),
    createdAt: at(0, 20 + index),
    updatedAt: at(0, 20 + index),
    name,
    role: 'interviewer',
    attributes: { team: 'Product research' },
    sourceIds: [],
  };
  b.tables.participants.push(p);
  return p;
}

const TOPICS: readonly Topic[] = ['onboarding', 'pricing', 'integrations', 'performance', 'reporting', 'support'];

function addInterview(b: Builder, persona: InterviewPersona, index: number, interviewers: Participant[]): void {
  const { rng } = b;
  const created = at(0, 60 + index * 15);
  const slug = persona.company.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const source: Source = {
    id: b.ids.uuid(),
    createdAt: created,
    updatedAt: created,
    kind: 'transcript',
    title: `Interview ${index + 1}: ${persona.name}, ${persona.company}`,
    vendor: persona.vendor,
    encoding: 'utf-8',
    fileName: `interview-${String(index + 1).padStart(2, '0')}-${slug}.${persona.vendor}`,
    date: persona.date,
  };
  b.tables.sources.push(source);

  const interviewer = interviewers[persona.interviewer]!;
  interviewer.sourceIds.push(source.id);
  const participant: Participant = {
    id: b.ids.uuid(),
    createdAt: created,
    updatedAt: created,
    name: persona.name,
    role: 'participant',
    attributes: { company: persona.company, role: persona.jobTitle, segment: persona.segment, plan: persona.plan, country: persona.country },
    sourceIds: [source.id],
  };
  b.tables.participants.push(participant);

  const target = rng.int(26, 38);
  let seq = 0;
  let clock = rng.int(3, 9);
  const say = (who: Participant, text: string): Unit => {
    const unit: Unit = {
      id: unitId(source.id, seq),
      createdAt: created,
      updatedAt: created,
      sourceId: source.id,
      participantId: who.id,
      seq: seq++,
      text,
      speaker: who.name,
      startSec: clock,
    };
    // Roughly 2.6 words a second plus a pause between turns.
    clock += Math.round(text.split(/\s+/).length / 2.6) + rng.int(1, 4);
    b.tables.units.push(unit);
    return unit;
  };
  const answer = (sentences: { text: string; tag?: SampleTagKey }[]): void => {
    let text = '';
    const spans: { start: number; end: number; tag: SampleTagKey }[] = [];
    for (const s of sentences) {
      if (text !== '') text += ' ';
      const start = codePoints(text);
      text += s.text;
      if (s.tag !== undefined) spans.push({ start, end: codePoints(text), tag: s.tag });
    }
    const unit = say(participant, text);
    for (const span of spans) b.transcriptCandidates.push({ unitId: unit.id, ...span });
  };

  const size = rng.pick([8, 12, 25, 40, 60, 120]);
  const months = rng.int(4, 20);
  say(interviewer, INTRO_QUESTIONS[0]!);
  answer([{ text: `Sure. I'm the ${persona.jobTitle.toLowerCase()} at ${persona.company}.` }, { text: INTRO_ANSWERS[0]!.replace('{size}', String(size)) }]);
  say(interviewer, INTRO_QUESTIONS[1]!);
  answer([{ text: INTRO_ANSWERS[1]!.replace('{months}', String(months)) }, { text: INTRO_ANSWERS[2]! }]);

  const used = new Set<string>();
  const topics = rng.shuffle(TOPICS);
  let t = 0;
  // Leave room for the two wrap-up exchanges.
  while (seq < target - 4 && t < topics.length * 2) {
    const topic = INTERVIEW_TOPICS[topics[t % topics.length]!];
    const exchanges = rng.int(1, 3);
    for (let e = 0; e < exchanges && seq < target - 4; e++) {
      const fresh = rng.shuffle(topic.sentences.filter((s) => !used.has(s.text))).slice(0, rng.int(1, 2));
      if (fresh.length === 0) break;
      say(interviewer, e === 0 ? rng.pick(topic.questions) : rng.pick(topic.followUps));
      for (const s of fresh) used.add(s.text);
      const parts: { text: string; tag?: SampleTagKey }[] = [];
      if (rng.chance(0.4)) parts.push({ text: rng.pick(ANSWER_OPENERS) });
      parts.push(...fresh);
      if (rng.chance(0.3)) parts.push({ text: rng.pick(ANSWER_CLOSERS) });
      answer(parts);
      if (rng.chance(0.2) && seq < target - 5) say(interviewer, rng.pick(INTERVIEWER_ACKS));
    }
    t++;
  }
  say(interviewer, WRAP_QUESTIONS[0]!);
  answer([{ text: rng.pick(WRAP_ANSWERS) }]);
  say(interviewer, WRAP_QUESTIONS[1]!);
  answer([{ text: rng.pick(['No, I think we covered it.', 'Just that we do like it, despite all my complaints.', 'Only that I am happy to test new features early.']) }]);
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function addSurvey(b: Builder): void {
  const { rng } = b;
  const created = at(2, 10);
  const source: Source = {
    id: b.ids.uuid(),
    createdAt: created,
    updatedAt: created,
    kind: 'survey',
    title: 'Relay customer survey, Q1 2026',
    vendor: 'qualtrics',
    encoding: 'utf-8',
    fileName: 'Relay_NPS_Q1_2026.csv',
    date: '2026-02-20',
  };
  b.tables.sources.push(source);

  const question = (label: string, text: string, type: Question['type']): Question => {
    const q: Question = { id: b.ids.uuid(), createdAt: created, updatedAt: created, sourceId: source.id, label, text, type, order: b.tables.questions.filter((x) => x.sourceId === source.id).length };
    b.tables.questions.push(q);
    return q;
  };
  question('ResponseId', 'Response ID', 'id');
  question('Segment', 'Customer segment', 'attribute');
  question('Plan', 'Plan', 'attribute');
  question('Country', 'Country', 'attribute');
  question('Q1', 'Which best describes your role?', 'single');
  question('Q2', 'How likely are you to recommend Relay to a friend or colleague?', 'nps');
  const reasonQ = question('Q3', 'What is the main reason for your score?', 'open');
  const improveQ = question('Q4', 'What one thing should we improve?', 'open');
  // Every column owns a question slot: unit seq = respondent index * stride + question order (unit-id.ts).
  const seqStride = b.tables.questions.filter((x) => x.sourceId === source.id).length;
  source.seqStride = seqStride;
  source.respondentCount = SAMPLE_RESPONDENTS;

  for (let i = 0; i < SAMPLE_RESPONDENTS; i++) {
    const segment = rng.weighted(['SMB', 'Mid-market', 'Enterprise'] as const, [55, 30, 15]);
    const plan =
      segment === 'SMB' ? rng.weighted(['Free', 'Team', 'Business'] as const, [40, 50, 10]) : segment === 'Mid-market' ? rng.weighted(['Free', 'Team', 'Business'] as const, [10, 55, 35]) : rng.weighted(['Team', 'Business'] as const, [25, 75]);
    const country = rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
    const role = rng.pick(ROLES);
    // Enterprise and Free users are a little less happy, as they often are.
    const shift = (segment === 'Enterprise' ? -1 : 0) + (plan === 'Free' ? -1 : 0);
    const nps = Math.max(0, Math.min(10, rng.weighted([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [14, 16, 17, 14, 10, 8, 6, 5, 4, 3, 3]) + (rng.chance(0.5) ? shift : 0)));
    const band = nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor';
    const respondent: Participant = {
      id: respondentId(source.id, i),
      createdAt: created,
      updatedAt: created,
      name: responseId(b.ids),
      role: 'participant',
      attributes: { segment, plan, country, nps, role },
      sourceIds: [source.id],
    };
    respondent.externalId = respondent.name;
    b.tables.participants.push(respondent);
    const row = i + 4; // Qualtrics exports have three header rows.

    const addAnswer = (q: Question, phrase: SurveyPhrase, text: string): void => {
      const seq = surveySeq(i, seqStride, q.order);
      const unit: Unit = { id: unitId(source.id, seq), createdAt: created, updatedAt: created, sourceId: source.id, participantId: respondent.id, questionId: q.id, seq, text, row };
      b.tables.units.push(unit);
      if (phrase.tag !== undefined) b.surveyCandidates.push({ unitId: unit.id, tag: phrase.tag });
    };

    const local = LOCAL_ANSWERS[country];
    if (!rng.chance(0.18)) {
      const bank = band === 'promoter' ? REASON_PROMOTER : band === 'passive' ? REASON_PASSIVE : REASON_DETRACTOR;
      const phrase = local !== undefined && rng.chance(0.25) ? rng.pick(local) : rng.pick(bank);
      const terse = phrase.text.length < 20 || !/^[A-Za-z]/.test(phrase.text);
      let text = phrase.text;
      if (!terse && rng.chance(0.3)) text = `${rng.pick(REASON_LEADS[band])} ${text}`;
      if (!terse && rng.chance(0.25)) text = `${text} ${rng.pick(REASON_TAILS[band])}`;
      addAnswer(reasonQ, phrase, text);
    }
    if (!rng.chance(0.3)) {
      const phrase = band === 'promoter' && rng.chance(0.3) ? rng.pick(IMPROVE.slice(-3)) : rng.pick(IMPROVE);
      addAnswer(improveQ, phrase, rng.chance(0.1) ? phrase.text.toLowerCase().replace(/\.$/, '') : phrase.text);
    }
  }
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function responseId(rng: Rng): string {
  let s = 'R_';
  for (let i = 0; i < 15; i++) s += rng.pick([...ID_CHARS]);
  return s;
}

function addCoding(b: Builder): void {
  const { rng } = b;
  const highlights = rng.shuffle(b.transcriptCandidates).slice(0, 40);
  highlights.forEach((c, i) => {
    const time = at(3 + Math.floor(i / 10), i * 7);
    const h: Highlight = { id: b.ids.uuid(), createdAt: time, updatedAt: time, unitId: c.unitId, start: c.start, end: c.end, coder: SAMPLE_CODER };
    if (i % 9 === 0) h.memo = 'Strong quote: consider for the readout.';
    b.tables.highlights.push(h);
    b.tables.taggings.push(tagging(b, c.tag, c.unitId, time, h.id));
  });
  const wholeUnits = rng.shuffle(b.surveyCandidates).slice(0, 150);
  wholeUnits.forEach((c, i) => b.tables.taggings.push(tagging(b, c.tag, c.unitId, at(5 + Math.floor(i / 50), i * 3))));
  // Stable order for readers of the file: by creation time, then id.
  b.tables.taggings.sort((x, y) => (x.createdAt === y.createdAt ? (x.id < y.id ? -1 : 1) : x.createdAt < y.createdAt ? -1 : 1));
}

function tagging(b: Builder, key: SampleTagKey, unitId: string, time: string, highlightId?: string): Tagging {
  return { id: b.ids.uuid(), createdAt: time, updatedAt: time, tagId: tagId(b, key), unitId, coder: SAMPLE_CODER, ...(highlightId === undefined ? {} : { highlightId }) };
}

function addInsightAndReport(b: Builder): void {
  const perf = tagId(b, 'performance');
  const highlightIds = b.tables.taggings.flatMap((t) => (t.tagId === perf && t.highlightId !== undefined ? [t.highlightId] : []));
  const unitIds = b.tables.taggings.filter((t) => t.tagId === perf && t.highlightId === undefined).map((t) => t.unitId);
  const time = at(8, 120);
  const insight = {
    id: b.ids.uuid(),
    createdAt: time,
    updatedAt: time,
    title: 'Slowness on large schedules erodes trust',
    statement:
      'Teams with many people on a timeline describe Relay as sluggish, and lost or delayed saves make them double-check schedules by hand. Detractors name speed more than any other reason except price.',
    tagIds: [perf],
    evidence: [
      ...highlightIds.slice(0, 4).map((refId) => ({ kind: 'highlight' as const, refId })),
      ...unitIds.slice(0, 4).map((refId) => ({ kind: 'unit' as const, refId })),
    ],
  };
  b.tables.insights.push(insight);
  b.tables.reports.push({
    id: b.ids.uuid(),
    createdAt: at(9, 60),
    updatedAt: at(9, 500),
    title: 'Relay Q1 2026 customer research: draft readout',
    template: 'readout',
    summary: 'Draft. Six interviews and a 500-person NPS survey; first pass of coding.',
    sections: [
      { kind: 'summary', title: 'Summary', refIds: [] },
      { kind: 'insights', title: 'What we learned', refIds: [insight.id] },
      { kind: 'quotes', title: 'In their words', refIds: highlightIds.slice(0, 3) },
      { kind: 'methodology', title: 'How we did this', refIds: [] },
    ],
  });
}
