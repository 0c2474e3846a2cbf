/**
 * Coded data as an Excel workbook: one sheet per survey question (its answers, the respondents'
 * attributes, a 0/1 column per tag, the answer's sentiment score and label), one "Transcripts" sheet for interview and notes units, and the codebook.
 *
 * exceljs 4.4.0 (already a dependency for importing .xlsx) writes in node and, through its "browser" build
 * that Vite picks, in the renderer and workers. It is loaded lazily so CSV-only users don't pay for it.
 * Cells are written as values, never formulas; text that looks like a formula also gets the apostrophe the
 * CSV export uses, so it stays inert if the sheet is later saved as CSV.
 */
import { type AnalysisData, tagPath } from '../analysis/data';
import type { Question, Unit } from '../model';
import { createAnonymizer } from './anonymize';
import { type Cell, type CodedDataOptions, type CodedTable, codedTable, neutralizeFormula, selectedUnits } from './coded-data';

export interface XlsxSheet {
  name: string;
  table: CodedTable;
}

/** Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ], not blank, unique case-insensitively. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** The sheets the workbook will hold, as plain tables (what the tests and a preview read). */
export function codedDataSheets(data: AnalysisData, options: CodedDataOptions = {}): XlsxSheet[] {
  const units = selectedUnits(data, options);
  const taken = new Set<string>();
  const sheets: XlsxSheet[] = [];
  const byQuestion = new Map<string, Unit[]>();
  const transcript: Unit[] = [];
  for (const u of units) {
    const kind = data.sources.get(u.sourceId)?.kind;
    if (kind === 'survey' && u.questionId !== undefined) {
      const list = byQuestion.get(u.questionId) ?? [];
      list.push(u);
      byQuestion.set(u.questionId, list);
    } else transcript.push(u);
  }
  const questions = [...byQuestion.keys()]
    .map((id) => data.questions.get(id))
    .filter((q): q is Question => q !== undefined)
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId) || a.order - b.order);
  const surveyCount = new Set(questions.map((q) => q.sourceId)).size;
  const anon = options.anonymize === true ? createAnonymizer([...data.participants.values()]) : undefined;
  for (const q of questions) {
    const source = data.sources.get(q.sourceId);
    // With several surveys, the sheet name says which one ("Q3 · Spring survey").
    const label = anon ? anon.redact(q.label) : q.label;
    const wanted = surveyCount > 1 && source ? `${label} · ${source.title}` : label;
    sheets.push({ name: sheetName(wanted, taken), table: codedTable(data, byQuestion.get(q.id) ?? [], { columns: ['unit', 'participant', 'text'] }, options) });
  }
  if (transcript.length > 0) {
    sheets.push({ name: sheetName('Transcripts', taken), table: codedTable(data, transcript, { columns: ['unit', 'source', 'sourceKind', 'date', 'participant', 'speaker', 'startSec', 'text'] }, options) });
  }
  const text = (s: string): string => (anon ? anon.redact(s) : s);
  sheets.push({
    name: sheetName('Codebook', taken),
    table: {
      headers: ['Tag', 'Description', 'When to use', 'When not to use', 'Color'],
      rows: data.tagOrder.map((t) => [text(tagPath(data, t.id)), text(t.description ?? ''), text(t.whenToUse ?? ''), text(t.whenNotToUse ?? ''), t.color].map(neutralizeFormula)),
    },
  });
  return sheets;
}

export interface XlsxExportOptions extends CodedDataOptions {
  /** Workbook created/modified time (ISO); pass it for reproducible files. */
  now?: string;
}

export async function codedDataXlsx(data: AnalysisData, options: XlsxExportOptions = {}): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  const when = new Date(options.now ?? new Date().toISOString());
  workbook.creator = 'Loupe';
  workbook.created = when;
  workbook.modified = when;
  for (const sheet of codedDataSheets(data, options)) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(sheet.table.headers);
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.table.rows) ws.addRow(row satisfies Cell[]);
    ws.columns.forEach((col, j) => {
      const header = sheet.table.headers[j] ?? '';
      col.width = header === 'Text' ? 80 : Math.min(40, Math.max(8, header.length + 2));
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
