/**
 * Coded data as rows: one row per analysed unit with its source, question, participant attributes and a 0/1
 * column per tag. Shared by the CSV and XLSX exports, which only differ in how they write the cells.
 * Formula injection is neutralized here for both: a text cell starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe, so a spreadsheet shows it instead of evaluating it.
 */
import { type AnalysisData, tagPath } from '../analysis/data';
import type { Unit } from '../model';
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
  headers.push(LABELS.text, ...tags.map((id) => text(tagPath(data, id))));

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
    row.push(value('text'), ...tags.map((id) => (has?.has(id) ? 1 : 0)));
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
