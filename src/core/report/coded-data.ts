/**
 * Coded data as rows: one row per analysed unit with its source, question, participant attributes, a 0/1
 * column per tag and its sentiment (score and label, as the Responses grid shows them). Shared by the CSV and
 * XLSX exports, which only differ in how they write the cells.
 * Formula injection is neutralized here for both: a text cell starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe, so a spreadsheet shows it instead of evaluating it.
 */
import { type AnalysisData, tagPath } from '../analysis/data';
import type { Unit } from '../model';
import { scoreSentiment, sentimentLabel } from '../sentiment';
import { createAnonymizer } from './anonymize';

export type Cell = string | number;

export interface CodedTable {
  headers: string[];
  rows: Cell[][];
}

export interface CodedDataOptions {
  anonymize?: boolean;
  /** Only these units (default: every analysed unit). */
  unitIds?: readonly string[];
}

/** Text a spreadsheet would read as a formula gets a leading apostrophe; numbers are left as numbers. */
export function neutralizeFormula(value: Cell): Cell {
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type UnitColumn = 'unit' | 'source' | 'sourceKind' | 'question' | 'participant' | 'speaker' | 'startSec' | 'date' | 'text';

const LABELS: Record<UnitColumn, string> = {
  unit: 'Unit id',
  source: 'Source',
  sourceKind: 'Source type',
  question: 'Question',
  participant: 'Participant',
  speaker: 'Speaker',
  startSec: 'Start (s)',
  date: 'Date',
  text: 'Text',
};

/** Appended after the tag columns, so the columns a reader of older exports relies on keep their places. */
export const SENTIMENT_HEADERS = ['Sentiment score', 'Sentiment label'] as const;

/**
 * A unit's sentiment: the workspace's stored score when it has one (the app), else scored from the text (the
 * CLI; the same number, as a score is a pure function of the text). Short texts repeat in surveys ("No",
 * "Nothing"), so their scores are remembered for one export.
 */
function sentimentOf(data: AnalysisData): (u: Unit) => number {
  const memo = new Map<string, number>();
  return (u) => {
    const stored = data.sentiment?.get(u.id);
    if (stored !== undefined) return stored;
    if (u.text.length > 120) return scoreSentiment(u.text).score;
    let score = memo.get(u.text);
    if (score === undefined) memo.set(u.text, (score = scoreSentiment(u.text).score));
    return score;
  };
}

/**
 * The score to 2 decimals, as the grid shows it (SentimentCell), and the label from the unrounded score with the
 * grid's threshold (core/sentiment NEUTRAL_THRESHOLD), so an exported row reads like its row in Responses.
 */
export function sentimentCells(score: number): [number, string] {
  return [Math.round(score * 100) / 100 || 0, sentimentLabel(score)];
}

export interface TableShape {
  columns: readonly UnitColumn[];
  /** Participant attributes to include, in this order (default: every attribute seen, sorted). */
  attributes?: readonly string[];
}

export function attributeKeys(data: AnalysisData, units: readonly Unit[]): string[] {
  const keys = new Set<string>();
  for (const u of units) {
    const p = u.participantId === undefined ? undefined : data.participants.get(u.participantId);
    for (const k of Object.keys(p?.attributes ?? {})) keys.add(k);
  }
  return [...keys].sort((a, b) => a.localeCompare(b));
}

/** Builds a coded table for `units` with the given columns, attributes after the participant, tags last. */
export function codedTable(data: AnalysisData, units: readonly Unit[], shape: TableShape, options: CodedDataOptions = {}): CodedTable {
  const anon = options.anonymize === true ? createAnonymizer([...data.participants.values()]) : undefined;
  const text = (s: string): string => (anon ? anon.redact(s) : s);
  const attributes = shape.attributes ?? attributeKeys(data, units);
  const tags = data.tagOrder.map((t) => t.id);
  const headers: string[] = [];
  for (const c of shape.columns) {
    if (c === 'text') continue;
    headers.push(LABELS[c]);
    if (c === 'participant') headers.push(...attributes.map(text));
  }
  headers.push(LABELS.text, ...tags.map((id) => text(tagPath(data, id))), ...SENTIMENT_HEADERS);
  // Scored from the original text: redacting a name must not change what the answer felt like.
  const sentiment = sentimentOf(data);

  const rows = units.map((u) => {
    const p = u.participantId === undefined ? undefined : data.participants.get(u.participantId);
    const source = data.sources.get(u.sourceId);
    const value = (c: UnitColumn): Cell => {
      switch (c) {
        case 'unit':
          return u.id;
        case 'source':
          return text(source?.title ?? '');
        case 'sourceKind':
          return source?.kind ?? '';
        case 'question': {
          const q = u.questionId === undefined ? undefined : data.questions.get(u.questionId);
          return text(q?.label ?? '');
        }
        case 'participant':
          return p ? (anon ? anon.pseudonym(p.id) : p.name) : '';
        case 'speaker':
          return u.speaker === undefined ? '' : text(u.speaker);
        case 'startSec':
          return u.startSec ?? '';
        case 'date':
          return source?.date ?? '';
        case 'text':
          return text(u.text);
      }
    };
    const row: Cell[] = [];
    for (const c of shape.columns) {
      if (c === 'text') continue;
      row.push(value(c));
      if (c === 'participant') {
        for (const a of attributes) {
          const v = p?.attributes[a];
          row.push(v === undefined ? '' : typeof v === 'number' ? v : text(v));
        }
      }
    }
    const has = data.unitTags.get(u.id);
    row.push(value('text'), ...tags.map((id) => (has?.has(id) ? 1 : 0)), ...sentimentCells(sentiment(u)));
    return row.map(neutralizeFormula);
  });
  return { headers: headers.map((h) => String(neutralizeFormula(h))), rows };
}

export function selectedUnits(data: AnalysisData, options: CodedDataOptions): Unit[] {
  if (options.unitIds === undefined) return [...data.analysedUnits];
  const wanted = new Set(options.unitIds);
  return data.analysedUnits.filter((u) => wanted.has(u.id));
}

/** Every analysed unit: the layout of the single-sheet CSV export. */
export function codedUnitsTable(data: AnalysisData, options: CodedDataOptions = {}): CodedTable {
  return codedTable(data, selectedUnits(data, options), { columns: ['unit', 'source', 'sourceKind', 'question', 'date', 'participant', 'speaker', 'startSec', 'text'] }, options);
}
