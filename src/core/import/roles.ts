/**
 * Column roles: which columns are the respondent id, dates, NPS, ratings, choices, open text, participant
 * attributes, or metadata to ignore. These are proposals with a reason each; the user may edit them and
 * the record builder takes whatever roles it is given.
 */
import type { QuestionType } from '../model';
import type { LayoutColumn, SurveyLayout } from './layout';

export interface QuestionRole {
  /** Stable key within the import (a column key or a group). */
  id: string;
  label: string;
  text: string;
  /** 0-based cell indexes; more than one only for a multi-choice question. */
  columns: number[];
  type: QuestionType;
  /** Why this type was proposed, shown next to the choice. */
  reason: string;
  /** Multi-choice: the option label of each column (same order as `columns`). */
  options?: string[];
}

type Rule = { type: QuestionType; reason: string };

// Metadata by normalised name (lowercase, no spaces/punctuation). PII defaults to ignored.
const NAMED: Record<string, Rule> = {
  responseid: { type: 'id', reason: 'respondent id column' },
  id: { type: 'id', reason: 'id column' },
  respondent: { type: 'id', reason: 'respondent id column' },
  userid: { type: 'id', reason: 'user id column' },
  respondentid: { type: 'id', reason: 'respondent id column' },
  '#': { type: 'id', reason: 'Typeform response token' },
  recordid: { type: 'id', reason: 'respondent id column' },
  participantid: { type: 'id', reason: 'participant id column' },
  ipaddress: { type: 'ignored', reason: 'IP address: personal data, not analysed' },
  locationlatitude: { type: 'ignored', reason: 'location: personal data, not analysed' },
  locationlongitude: { type: 'ignored', reason: 'location: personal data, not analysed' },
  latitude: { type: 'ignored', reason: 'location: personal data, not analysed' },
  longitude: { type: 'ignored', reason: 'location: personal data, not analysed' },
  status: { type: 'ignored', reason: 'survey tool metadata' },
  progress: { type: 'ignored', reason: 'survey tool metadata' },
  durationinseconds: { type: 'ignored', reason: 'survey tool metadata' },
  duration: { type: 'ignored', reason: 'survey tool metadata' },
  finished: { type: 'ignored', reason: 'survey tool metadata' },
  recipientemail: { type: 'ignored', reason: 'email: personal data, not analysed' },
  recipientfirstname: { type: 'ignored', reason: 'name: personal data, not analysed' },
  recipientlastname: { type: 'ignored', reason: 'name: personal data, not analysed' },
  emailaddress: { type: 'ignored', reason: 'email: personal data, not analysed' },
  email: { type: 'ignored', reason: 'email: personal data, not analysed' },
  firstname: { type: 'ignored', reason: 'name: personal data, not analysed' },
  lastname: { type: 'ignored', reason: 'name: personal data, not analysed' },
  name: { type: 'ignored', reason: 'name: personal data, not analysed' },
  externalreference: { type: 'ignored', reason: 'panel reference, not analysed' },
  externaldatareference: { type: 'ignored', reason: 'panel reference, not analysed' },
  distributionchannel: { type: 'ignored', reason: 'survey tool metadata' },
  collectorid: { type: 'ignored', reason: 'survey tool metadata' },
  responseset: { type: 'ignored', reason: 'survey tool metadata' },
  networkid: { type: 'ignored', reason: 'survey tool metadata' },
  responsetype: { type: 'ignored', reason: 'survey tool metadata' },
  stagedateutc: { type: 'ignored', reason: 'survey tool metadata' },
  startdate: { type: 'ignored', reason: 'start time; the completion date is kept' },
  startdateutc: { type: 'ignored', reason: 'start time; the completion date is kept' },
  recordeddate: { type: 'date', reason: 'completion date' },
  enddate: { type: 'date', reason: 'completion date' },
  submitdateutc: { type: 'date', reason: 'completion date' },
  timestamp: { type: 'date', reason: 'completion date' },
  userlanguage: { type: 'attribute', reason: 'respondent language' },
  tags: { type: 'attribute', reason: 'respondent tags' },
};

const ATTRIBUTE_WORDS =
  /\b(segment|plan|tier|country|region|market|role|job title|title|company size|company|industry|department|team|persona|age|gender|language|customer type|user type|account type|subscription|cohort|seniority|city|state)\b/i;
const LIKERT =
  /^(strongly (dis)?agree|(dis)?agree|neither agree nor disagree|neutral|somewhat (dis)?agree|very (dis)?satisfied|(dis)?satisfied|somewhat (dis)?satisfied|neither satisfied nor dissatisfied|very (un)?likely|(un)?likely|extremely (un)?likely|not at all( likely| satisfied)?|very (easy|difficult|hard)|(easy|difficult|hard)|always|often|sometimes|rarely|never|excellent|very good|good|fair|poor)$/i;
const DATE_VALUE = /^(\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?)?)$/i;
const TRUTHY = new Set(['1', 'yes', 'true', 'x', 'selected', 'checked']);

export function normaliseName(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, '');
}

/** Propose one role per question. `sampleRows` are data rows (header rows excluded); a few hundred suffice. */
export function proposeRoles(layout: SurveyLayout, sampleRows: readonly (readonly string[])[]): QuestionRole[] {
  const values = (index: number): string[] => sampleRows.map((r) => (r[index] ?? '').trim()).filter((v) => v !== '');
  const roles: QuestionRole[] = [];
  const done = new Set<number>();

  for (const col of layout.columns) {
    if (done.has(col.index)) continue;
    const members = col.group ? layout.columns.filter((c) => c.group === col.group && !done.has(c.index)) : [col];
    members.forEach((m) => done.add(m.index));
    if (members.length === 1 || layout.vendor === 'googleforms') {
      for (const m of members) roles.push(single(layout, m, values(m.index), sampleRows.length));
      continue;
    }
    // A group: open "other" columns are their own questions; the rest is one multi-choice question
    // when every column holds at most one distinct value (ticked or not), else a matrix of separate items.
    const open = members.filter((m) => isOpenSub(m.sub) || /_TEXT$/i.test(m.label));
    const choice = members.filter((m) => !open.includes(m));
    const isMulti = choice.length > 1 && choice.every((m) => new Set(values(m.index)).size <= 1);
    if (isMulti) {
      const head = choice[0]!;
      roles.push({
        id: head.group ?? head.key,
        label: groupLabel(layout, head),
        text: groupText(layout, head),
        columns: choice.map((m) => m.index),
        type: 'multi',
        reason: `${choice.length} option columns, each ticked or blank`,
        options: choice.map((m) => optionLabel(layout, m, values(m.index))),
      });
    } else {
      for (const m of choice) {
        const role = single(layout, m, values(m.index), sampleRows.length);
        if (layout.vendor === 'surveymonkey' && m.sub && m.sub !== 'Response') {
          role.label = `${m.label} — ${m.sub}`;
          role.text = `${m.text} — ${m.sub}`;
        }
        roles.push(role);
      }
    }
    for (const m of open) {
      roles.push({
        id: m.key,
        label: layout.vendor === 'surveymonkey' ? `${m.label} (other)` : m.label,
        text: layout.vendor === 'surveymonkey' ? `${m.text} (other, please specify)` : m.text,
        columns: [m.index],
        type: values(m.index).length === 0 ? 'ignored' : 'open',
        reason: values(m.index).length === 0 ? 'empty in the sample' : '"other, please specify" free text',
      });
    }
  }
  return ensureSingleId(roles, sampleRows);
}

function groupLabel(layout: SurveyLayout, head: LayoutColumn): string {
  return layout.vendor === 'qualtrics' || layout.vendor === 'qualtrics-legacy' ? (head.group ?? head.label) : head.label;
}

function groupText(layout: SurveyLayout, head: LayoutColumn): string {
  // Qualtrics writes "Question text - Option" in row 2 for every option column.
  if (layout.vendor === 'qualtrics' || layout.vendor === 'qualtrics-legacy') {
    const i = head.text.lastIndexOf(' - ');
    return i > 0 ? head.text.slice(0, i) : head.text;
  }
  return head.text;
}

function optionLabel(layout: SurveyLayout, col: LayoutColumn, vals: string[]): string {
  if (col.sub && col.sub !== 'Response') return col.sub;
  if (layout.vendor === 'qualtrics' || layout.vendor === 'qualtrics-legacy') {
    const i = col.text.lastIndexOf(' - ');
    if (i > 0) return col.text.slice(i + 3);
  }
  const v = vals[0];
  return v && !TRUTHY.has(v.toLowerCase()) ? v : col.label;
}

function single(layout: SurveyLayout, col: LayoutColumn, vals: string[], rowCount: number): QuestionRole {
  const base = { id: col.key, label: col.label, text: col.text, columns: [col.index] };
  const rule = classify(layout, col, vals, rowCount);
  return { ...base, ...rule };
}

function classify(layout: SurveyLayout, col: LayoutColumn, vals: string[], rowCount: number): Rule {
  const name = normaliseName(col.label);
  const named = NAMED[name] ?? (col.importId ? NAMED[normaliseName(col.importId.replace(/^_/, ''))] : undefined);
  if (named && layout.vendor !== 'generic') return named;
  if (named && (named.type === 'id' || named.type === 'ignored' || named.type === 'date')) return named;
  if (/_TEXT$/i.test(col.label) || isOpenSub(col.sub)) {
    return vals.length === 0 ? { type: 'ignored', reason: 'empty in the sample' } : { type: 'open', reason: 'free-text column' };
  }
  if (vals.length === 0) return { type: 'ignored', reason: 'empty in the sample' };

  const headerText = `${col.label} ${col.text}`;
  const ints = vals.every((v) => /^\d{1,2}$/.test(v)) ? vals.map(Number) : undefined;
  const leadingInts = vals.every((v) => /^\d{1,2}\b/.test(v)) ? vals.map((v) => parseInt(v, 10)) : undefined;
  if (/recommend|\bnps\b|net promoter|weiterempfehlen|recommander|recomendar|raccomandare/i.test(headerText) && leadingInts && leadingInts.every((n) => n <= 10)) {
    return { type: 'nps', reason: 'asks how likely to recommend, answers 0–10' };
  }
  if (ints && ints.every((n) => n <= 10)) {
    const min = Math.min(...ints);
    const max = Math.max(...ints);
    const distinct = new Set(ints).size;
    if (distinct >= 6 && min <= 3 && max >= 9) return { type: 'nps', reason: `whole numbers ${min}–${max} with a wide spread, like a 0–10 scale` };
    if (max - min <= 6 && max <= 10) return { type: 'rating', reason: `small whole-number scale (${min}–${max})` };
  }
  if (vals.every((v) => LIKERT.test(v) || /^\d+\s*[-–=]\s*\S/.test(v))) return { type: 'rating', reason: 'agreement/satisfaction scale labels' };
  if (vals.filter((v) => DATE_VALUE.test(v)).length >= vals.length * 0.9) return { type: 'date', reason: 'values are dates' };
  if (ATTRIBUTE_WORDS.test(col.label)) return { type: 'attribute', reason: `"${col.label}" describes the respondent` };

  const distinct = new Set(vals).size;
  const avgLen = vals.reduce((n, v) => n + v.length, 0) / vals.length;
  if ((layout.vendor === 'googleforms' || layout.vendor === 'typeform') && looksJoinedOptions(vals)) {
    return { type: 'multi', reason: 'answers are options joined by ", "' };
  }
  if (avgLen >= 25 || (avgLen >= 12 && distinct / vals.length > 0.8 && vals.some((v) => v.includes(' ')))) {
    return { type: 'open', reason: 'long, varied text answers' };
  }
  if (distinct <= 12 || distinct / vals.length <= 0.3) return { type: 'single', reason: `${distinct} distinct answers` };
  if (rowCount > 0 && distinct === vals.length && isIdLike(vals)) return { type: 'attribute', reason: 'short unique codes' };
  return { type: 'attribute', reason: 'short varied values' };
}

/** SurveyMonkey marks free text under a question as "Open-Ended Response" (or the "Other (please specify)" label). */
function isOpenSub(sub: string | undefined): boolean {
  return sub !== undefined && /^open-ended response$|please specify/i.test(sub);
}

/**
 * Checkbox answers joined with ", ": some answers hold several parts, parts are short labels (no sentence
 * punctuation), and the same parts recur across respondents. A comma inside prose fails the last two.
 */
function looksJoinedOptions(vals: readonly string[]): boolean {
  if (!vals.some((v) => v.includes(', '))) return false;
  const parts = vals.flatMap((v) => v.split(', '));
  if (parts.some((p) => p.length > 40 || /[.!?]$/.test(p))) return false;
  return new Set(parts).size < parts.length;
}

function isIdLike(vals: readonly string[]): boolean {
  return vals.every((v) => /^[\w.\-:@]{1,64}$/.test(v));
}

/** Exactly one id column: keep the first named one; failing that promote an id-like unique column. */
function ensureSingleId(roles: QuestionRole[], sampleRows: readonly (readonly string[])[]): QuestionRole[] {
  const ids = roles.filter((r) => r.type === 'id');
  for (const extra of ids.slice(1)) {
    extra.type = 'ignored';
    extra.reason = 'a second id column; the first one identifies respondents';
  }
  if (ids.length > 0 || sampleRows.length < 2) return roles;
  const candidate = roles.find((r) => {
    if (r.columns.length !== 1 || !['attribute', 'single'].includes(r.type)) return false;
    const vals = sampleRows.map((row) => (row[r.columns[0]!] ?? '').trim());
    const named = /\b(id|uuid|respondent|response|user|participant|code)\b/i.test(r.label);
    return vals.every((v) => v !== '') && new Set(vals).size === vals.length && isIdLike(vals) && (named || vals.every((v) => /\d/.test(v)));
  });
  if (candidate) {
    candidate.type = 'id';
    candidate.reason = 'unique value on every row, looks like an id';
  }
  return roles;
}
